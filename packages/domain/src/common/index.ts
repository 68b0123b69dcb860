export * from './schemas.ts';
export * from './china-time.ts';
