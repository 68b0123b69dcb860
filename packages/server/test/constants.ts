/** The fixed "now" of the tests: the demo data's reference day, 10:00 China time. */
export const TEST_NOW = '2026-11-22T02:00:00.000Z';
export const DEMO_PASSWORD = 'Demo@2026';
export const DRIVERS = ['pglite', 'postgres'] as const;
export type Driver = (typeof DRIVERS)[number];
