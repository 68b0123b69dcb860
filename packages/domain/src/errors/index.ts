export * from './catalogue.ts';
export * from './rules.ts';
export * from './api.ts';
