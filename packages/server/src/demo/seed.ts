import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { agencies, certificates, people, regions, teams } from '../organization/organization.schema.ts';
import { SYSTEM_ACTOR } from '../platform/audit/index.ts';
import { users } from '../platform/auth/auth.schema.ts';
import { hashPassword } from '../platform/auth/password.ts';
import type { Database, Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { seedDemoApiClients } from './api-clients.ts';
import { seedDemoCatalog } from './catalog.ts';
import { startDemoEvents, type DemoEventsOptions } from './events.ts';
import { generateDemoCounty, type DemoUser } from './generate.ts';

const LEVEL_ORDER = { county: 0, town: 1, village: 2, grid: 3 } as const;

/**
 * Seed the demo county into an empty database, in one transaction (all or nothing). A database that already has
 * users is left alone, so a second start neither re-seeds nor duplicates. Returns the demo logins, or null.
 */
export async function seedDemoCounty(deps: PlatformDeps): Promise<DemoUser[] | null> {
  const { database, audit, clock } = deps;
  const db = database.db;
  if ((await db.$count(users)) > 0) return null;
  const county = generateDemoCounty();
  const hashes = new Map<string, string>();
  for (const pw of new Set(county.users.map((u) => u.password))) hashes.set(pw, await hashPassword(pw));
  const now = clock.now();

  const seeded = await db.transaction(async (tx) => {
    // Another process may be seeding at the same moment: the lock makes the second one see the first one's rows.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7204313)`);
    if ((await tx.$count(users)) > 0) return false;
    // Parents before children, for the foreign keys.
    const regionRows = [...county.regions].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
    await insertAll(tx, regions, regionRows);
    await insertAll(tx, agencies, county.agencies);
    await insertAll(
      tx,
      teams,
      [...county.teams].sort((a, b) => Number(!!a.parentId) - Number(!!b.parentId)),
    );
    await insertAll(tx, people, county.people);
    await insertAll(tx, certificates, county.certificates);
    await insertAll(
      tx,
      users,
      // The demo password is published: outside demo mode (DEMO_MODE=false) it must be changed at the first login.
      county.users.map(({ password, ...u }) => ({
        ...u,
        passwordHash: hashes.get(password)!,
        mustChangePassword: 'demo' as const,
      })),
    );
    // One record per table: the seed is one system action; the rows themselves are reproducible from the seed.
    const counts = {
      regions: regionRows.length,
      agencies: county.agencies.length,
      teams: county.teams.length,
      people: county.people.length,
      certificates: county.certificates.length,
      users: county.users.length,
    };
    await audit.append(
      tx,
      SYSTEM_ACTOR,
      Object.entries(counts).map(([table, n]) => ({
        action: 'demo.seed',
        entityType: table,
        entityId: `seed:${county.seed}`,
        after: { rows: n, seed: county.seed },
      })),
      now,
    );
    return true;
  });
  // Fresh statistics, so the planner knows a town has dozens of people and not one.
  if (seeded) await database.query('ANALYZE');
  return seeded ? county.users : null;
}

async function insertAll(tx: Db, table: PgTable, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500) as never);
}

/** The demo logins present in this database (for the start-up banner): usernames from the generator, roles from the rows. */
export async function demoLogins(
  database: Database,
): Promise<{ username: string; role: string; town: string | null }[]> {
  const names = [
    'admin',
    'operator',
    'leader',
    'officer',
    'officer2',
    'auxiliary',
    'gridworker',
    'reviewer',
    'dept',
    'supervisor',
  ];
  return database.query(
    `SELECT u.username, u.role, r.name AS town FROM users u LEFT JOIN regions r ON r.id = u.scope_town_id
      WHERE u.username = ANY($1) ORDER BY array_position($1, u.username)`,
    [names],
  );
}

/**
 * The whole demo: the county's organisation, then its catalog (each seeded once). Returns the demo logins when the
 * organisation was seeded by this call, and the number of matters seeded. The year of events is written here in
 * full, unless `events.first` says how many of the newest to write now: then `moreEvents` writes the rest (`main`
 * runs it in the background once the server listens).
 */
export async function seedDemo(
  deps: PlatformDeps,
  events: DemoEventsOptions = {},
): Promise<{
  users: DemoUser[] | null;
  matters: number;
  events: number;
  moreEvents: (() => Promise<number>) | null;
}> {
  const users = await seedDemoCounty(deps);
  const towns = await deps.database.query<{ id: string }>(
    `SELECT id FROM regions WHERE level = 'town' AND town_mode = 'empowered' ORDER BY id`,
  );
  const matters = await seedDemoCatalog(
    deps,
    towns.map((t) => t.id),
  );
  // Machine clients of the intake channels with fixed demo keys (README): Open311, 12345 hotline, video AI.
  await seedDemoApiClients(deps);
  // A year of events last: they need the grids, teams and the catalog's matters (DEMO_EVENTS, default 100,000).
  const year = await startDemoEvents(deps, deps.config.DEMO_EVENTS, events);
  return { users, matters, events: year.written, moreEvents: year.rest };
}
