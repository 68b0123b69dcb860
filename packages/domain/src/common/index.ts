export * from './schemas.ts';
export * from './china-time.ts';
export * from './text.ts';
export * from './api.ts';
