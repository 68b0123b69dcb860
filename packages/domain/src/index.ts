// Public surface of the pure domain package. Import subpaths (`@openenforce/domain/organization`) in new code.
export * from './common/index.ts';
export * from './errors/index.ts';
export * from './organization/index.ts';
export * from './auth/index.ts';
