import { defineConfig } from 'drizzle-kit';

// Offline generation only: `npm run db:generate` diffs the *.schema.ts files against migrations/meta and writes SQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/server/src/**/*.schema.ts',
  out: './packages/server/migrations',
});
