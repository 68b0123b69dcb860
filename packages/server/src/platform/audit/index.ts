export * from './audit.ts';
export * from './verify.ts';
export * from './checkpoint.ts';
export * from './keys.ts';
export * from './reader.ts';
export * from './erase.ts';
export { ERASED, MASKED, parseSubject, type PersonalFields, type Subject } from './personal.ts';
export type { HashAlgorithm } from './hash.ts';
export * from './setup.ts';
