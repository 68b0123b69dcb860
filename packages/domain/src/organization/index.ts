export * from './roles.ts';
export * from './scope.ts';
export * from './schemas.ts';
export * from './certificate-rules.ts';
