export * from './database.ts';
export * from './migrate.ts';
export * from './paging.ts';
