export * from './schemas.ts';
export * from './password-policy.ts';
export * from './accounts.ts';
