// The enforcement-matter catalog (SPEC §1): contracts, discretion (SPEC §5), jurisdiction and versions. Pure.
export * from './schemas.ts';
export * from './money.ts';
export * from './domains.ts';
export * from './discretion.ts';
export * from './sample.ts';
export * from './jurisdiction.ts';
export * from './versions.ts';
export * from './errors.ts';
export * from './api.ts';
