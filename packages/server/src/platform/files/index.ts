export * from './files.schema.ts';
export { createFileService, type FileService, type Upload, type UploadPolicy } from './files.service.ts';
export { countLinks, linkAudit, linkedFiles, linkFiles, type LinkedFile } from './links.ts';
export { fileStoreFromConfig, localRoot, type FileStore } from './store.ts';
export { createLocalStore } from './local.store.ts';
export type { S3Settings } from './s3.store.ts';
export { FILE_TYPES, type FileType, type FileTypeName } from './types.ts';
