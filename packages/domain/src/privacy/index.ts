export * from './masking.ts';
export * from './publication.ts';
