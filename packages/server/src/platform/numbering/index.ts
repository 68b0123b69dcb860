export * from './numbering.schema.ts';
export * from './numbering.ts';
