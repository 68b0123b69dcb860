export * from './database.ts';
export * from './migrate.ts';
export * from './paging.ts';
export * from './unavailable.ts';
export * from './preflight.ts';
