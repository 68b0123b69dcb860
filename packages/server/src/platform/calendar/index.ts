export * from './calendar.service.ts';
export * from './calendar.routes.ts';
