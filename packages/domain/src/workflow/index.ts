export * from './procedure.ts';
