export * from './template.ts';
export * from './coverage.ts';
export * from './number.ts';
export * from './templates.ts';
export * from './api.ts';
export * from './sample.ts';
