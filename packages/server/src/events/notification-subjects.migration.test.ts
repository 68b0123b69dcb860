import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabaseOn } from '../../test/pg-cluster.ts';
import { DRIVERS } from '../../test/harness.ts';
import { MIGRATIONS_FOLDER, openDatabase, type Database } from '../platform/db/index.ts';
import { eventNo } from './events.shared.ts';

/*
 * Migration 0014 moves notifications off the events foreign key onto a subject: rows written before it keep
 * whom they were for, and become about their event (its number as eventNo() writes it, its town), and the
 * escalation notices stay once per event and level.
 */

/** The migrations folder as it was before notifications had subjects (journal cut after 0010). */
function foldersBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oe-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  journal.entries = journal.entries.slice(0, cut + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

async function migrateTo(database: Database, folder: string) {
  if (database.driver === 'pglite')
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  else await migratePg(drizzlePg(database.pool!), { migrationsFolder: folder });
}

async function emptyDatabase(driver: (typeof DRIVERS)[number]): Promise<Database> {
  if (driver === 'pglite') return openDatabase({ dataDir: 'memory://' });
  const url = await createDatabaseOn(inject('pgServerUrl'), `m_${randomBytes(6).toString('hex')}`);
  return openDatabase({ url, poolSize: 2 });
}

describe.each(DRIVERS)('migration 0014 (notification subjects) on %s', (driver) => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('maps existing notifications onto their event as subject and keeps escalation notices once-only', async () => {
    const database = await emptyDatabase(driver);
    try {
      const before = foldersBefore('0010_notification_reads');
      dirs.push(before);
      await migrateTo(database, before);
      // Reported late on 3 March UTC: 4 March in China. A sequence past six digits is not cut.
      const [e1] = await database.query<{ id: string; seq: number; reported_at: Date }>(
        `INSERT INTO events (source, category, description, urgency, lng, lat, status, reported_at, town_id)
         VALUES ('grid_worker', 'noise', 'a', 'normal', 121.3, 28.3, 'dispatched', '2026-03-03T17:30:00Z', '331081001')
         RETURNING id, seq, reported_at`,
      );
      await database.query(`SELECT setval(pg_get_serial_sequence('events', 'seq'), 1234566)`);
      const [e2] = await database.query<{ id: string; seq: number; reported_at: Date }>(
        `INSERT INTO events (source, category, description, urgency, lng, lat, status, reported_at)
         VALUES ('hotline', 'noise', 'b', 'normal', 121.3, 28.3, 'reported', '2026-03-03T10:00:00Z')
         RETURNING id, seq, reported_at`,
      );
      const team = '00000000-0000-4000-8000-000000000001';
      await database.query(
        `INSERT INTO notifications (event_id, team_id, role, kind, level, title, created_at) VALUES
           ($1, $3, NULL, 'dispatch', 'info', '{"zh":"派遣","en":"dispatched"}', now()),
           ($1, $3, 'command_operator', 'red', 'red', '{"zh":"超期","en":"overdue"}', now()),
           ($2, NULL, 'supervisor', 'low_rating', 'yellow', '{"zh":"差评","en":"low"}', now()),
           (NULL, NULL, 'supervisor', 'notice', 'info', '{"zh":"公告","en":"notice"}', now())`,
        [e1!.id, e2!.id, team],
      );
      await migrateTo(database, MIGRATIONS_FOLDER);

      const rows = await database.query<Record<string, unknown>>(
        `SELECT subject_type, subject_id, label, town_id, once, team_id, role, kind FROM notifications ORDER BY id`,
      );
      const no = (e: { seq: number | string; reported_at: Date | string }) =>
        eventNo({ seq: Number(e.seq), reportedAt: new Date(e.reported_at) });
      expect(no(e1!)).toMatch(/^SJ20260304\d{6}$/);
      expect(no(e2!)).toBe('SJ202603031234567');
      expect(rows).toEqual([
        {
          subject_type: 'event',
          subject_id: e1!.id,
          label: no(e1!),
          town_id: '331081001',
          once: false,
          team_id: team,
          role: null,
          kind: 'dispatch',
        },
        {
          subject_type: 'event',
          subject_id: e1!.id,
          label: no(e1!),
          town_id: '331081001',
          once: true,
          team_id: team,
          role: 'command_operator',
          kind: 'red',
        },
        {
          subject_type: 'event',
          subject_id: e2!.id,
          label: no(e2!),
          town_id: null,
          once: false,
          team_id: null,
          role: 'supervisor',
          kind: 'low_rating',
        },
        {
          subject_type: null,
          subject_id: null,
          label: null,
          town_id: null,
          once: false,
          team_id: null,
          role: 'supervisor',
          kind: 'notice',
        },
      ]);
      // The red notice is still once per event: a second one for the same subject and kind is refused.
      await expect(
        database.query(
          `INSERT INTO notifications (subject_type, subject_id, once, kind, level, title, created_at)
           VALUES ('event', $1, true, 'red', 'red', '{"zh":"x","en":"x"}', now())`,
          [e1!.id],
        ),
      ).rejects.toThrow(/notifications_once_idx/);
      // No foreign key to events is left.
      const fks = await database.query(
        `SELECT 1 FROM pg_constraint WHERE conrelid = 'notifications'::regclass AND contype = 'f'`,
      );
      expect(fks).toHaveLength(0);
    } finally {
      await database.close();
    }
    // A fresh PGlite runs initdb in WebAssembly (seconds; much longer on a busy machine).
  }, 300_000);
});
