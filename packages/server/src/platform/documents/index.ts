export * from './documents.schema.ts';
export * from './documents.service.ts';
export * from './documents.routes.ts';
export { fontFiles, OPEN_FONTS, type FontFiles } from './fonts.ts';
export { documentBatchJob, enqueueBatch, DOCUMENTS_BATCH_JOB } from './documents.batch.ts';
export * from './documents.model.ts';
