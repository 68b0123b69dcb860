export * from './categories.ts';
export * from './lifecycle.ts';
export * from './procedure.ts';
export * from './sla.ts';
export * from './duplicates.ts';
export * from './handling.ts';
export * from './api.ts';
export * from './proposal.ts';
