export * from './audit.ts';
export * from './verify.ts';
export type { HashAlgorithm } from './hash.ts';
