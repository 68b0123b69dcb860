/** The fixed "now" of the tests: the demo data's reference day, 10:00 China time. */
export const TEST_NOW = '2026-11-22T02:00:00.000Z';
export const DEMO_PASSWORD = 'Demo@2026';
export const DRIVERS = ['pglite', 'postgres'] as const;
export type Driver = (typeof DRIVERS)[number];
/**
 * The audit keys of every test database (the templates are seeded with them): fixed, so that a copy verifies.
 * Never use these anywhere else.
 */
export const TEST_AUDIT_ENV = { AUDIT_HMAC_KEY: 'a1'.repeat(32), AUDIT_PII_KEY: 'b2'.repeat(32) } as const;
/** The login role the server runs as on the test PostgreSQL: a member of openenforce_app that owns nothing. */
export const TEST_APP_ROLE = 'oe_app';
