export * from './app.ts';
export * from './request.ts';
