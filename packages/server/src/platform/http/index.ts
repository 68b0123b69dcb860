export * from './app.ts';
export * from './request.ts';
export * from './files.ts';
export * from './access.ts';
export * from './rate-limit.ts';
export { fileResponse, mediaResponse, noContent } from './responses.ts';
