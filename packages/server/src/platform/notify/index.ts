export * from './notify.ts';
