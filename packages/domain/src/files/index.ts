export * from './api.ts';
export * from './signature.ts';
