export * from './deadlines.schema.ts';
export * from './deadlines.ts';
export * from './escalation.ts';
export * from './level.sql.ts';
