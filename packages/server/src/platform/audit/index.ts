export * from './audit.ts';
export * from './verify.ts';
export type { HashAlgorithm } from './hash.ts';
export * from './reader.ts';
export { registerAuditRoutes } from './audit.routes.ts';
