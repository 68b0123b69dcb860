import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/server/test/global-setup.ts'],
    // Each file checks that every rule id the server answered with has its words (test/setup.ts).
    setupFiles: ['packages/server/test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers than that only adds contention for PGlite's WebAssembly.
    maxWorkers: 2,
  },
});
