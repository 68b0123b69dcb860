import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabaseOn } from '../../test/pg-cluster.ts';
import { DRIVERS } from '../../test/harness.ts';
import { migrate, MIGRATIONS_FOLDER, openDatabase, type Database } from '../platform/db/index.ts';
import { createLocalStore, localRoot } from '../platform/files/index.ts';
import { loadConfig } from '../config.ts';
import { eventsRepository } from './events.repository.ts';

const MIGRATION = '0013_files';

/** The history up to (not including) the files migration, as a folder of its own. */
function historyBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oe-migrations-'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, at);
  mkdirSync(join(dir, 'meta'));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) cpSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

async function emptyDatabase(driver: (typeof DRIVERS)[number]): Promise<Database> {
  if (driver === 'pglite') return openDatabase({ dataDir: 'memory://' });
  const url = await createDatabaseOn(inject('pgServerUrl'), `m_${randomBytes(6).toString('hex')}`);
  return openDatabase({ url, poolSize: 2 });
}

/** Photos stored before platform files existed keep their ids, their bytes on disk and their URLs. */
describe.each(DRIVERS)(`migration ${MIGRATION} on %s`, (driver) => {
  let db: Database;
  let dataDir: string;
  let folder: string;
  beforeAll(async () => {
    db = await emptyDatabase(driver);
    dataDir = mkdtempSync(join(tmpdir(), 'oe-test-'));
    folder = historyBefore(MIGRATION);
    await migrate(db, folder);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves event_photos onto files and event_files; the old bytes stay readable by the local store', async () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
    const sha = createHash('sha256').update(photo).digest('hex');
    const key = `${sha.slice(0, 2)}/${sha}.jpg`;
    // The bytes where the photo store of old wrote them: DATA_DIR/evidence/ab/<sha>.jpg.
    const config = loadConfig({ DATA_DIR: dataDir });
    mkdirSync(dirname(join(localRoot(config), key)), { recursive: true });
    writeFileSync(join(localRoot(config), key), photo);

    const eventId = randomUUID();
    const uploader = randomUUID();
    const [attached, loose, twice] = [randomUUID(), randomUUID(), randomUUID()];
    await db.query(
      `INSERT INTO events (id, source, category, description, urgency, lng, lat, status, reported_at)
       VALUES ($1, 'grid_worker', 'exposed_garbage', '迁移前的事件', 'normal', 121.38, 28.37, 'reported', '2026-11-01T02:00:00Z')`,
      [eventId],
    );
    const [step] = await db.query<{ id: number }>(
      `INSERT INTO event_steps (event_id, at, action, from_status, to_status, actor_role)
       VALUES ($1, '2026-11-01T02:00:00Z', 'report', 'reported', 'reported', 'grid_worker') RETURNING id::int AS id`,
      [eventId],
    );
    const insert = (id: string, eid: string | null, stepId: number | null, kind: string, at: string) =>
      db.query(
        `INSERT INTO event_photos (id, event_id, step_id, kind, mime, bytes, sha256, storage_key, file_name, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, 'image/jpeg', $5, $6, $7, 'IMG_0001.jpg', $8, $9)`,
        [id, eid, stepId, kind, photo.length, sha, key, uploader, at],
      );
    await insert(attached, eventId, step!.id, 'report', '2026-11-01T01:59:00Z');
    await insert(loose, null, null, 'after', '2026-11-02T01:00:00Z');
    await insert(twice, eventId, step!.id, 'before', '2026-11-01T01:59:30Z');

    await migrate(db);

    const rows = await db.query<{ id: string; purpose: string; storage_key: string; original_name: string }>(
      'SELECT id, purpose, storage_key, original_name FROM files ORDER BY uploaded_at',
    );
    expect(rows).toEqual([
      { id: attached, purpose: 'report', storage_key: key, original_name: 'IMG_0001.jpg' },
      { id: twice, purpose: 'before', storage_key: key, original_name: 'IMG_0001.jpg' },
      { id: loose, purpose: 'after', storage_key: key, original_name: 'IMG_0001.jpg' },
    ]);
    // What the event routes read: the list on the event, the counts for the handling checks, one photo by its id.
    const list = await eventsRepository.photos(db.db, eventId);
    expect(list.map((p) => [p.id, p.kind, p.stepId])).toEqual([
      [attached, 'report', step!.id],
      [twice, 'before', step!.id],
    ]);
    expect(await eventsRepository.countPhotos(db.db, eventId)).toEqual({ before: 2, after: 0 });
    const one = await eventsRepository.photo(db.db, attached);
    expect(one).toMatchObject({ photo: { eventId, mime: 'image/jpeg', storageKey: key }, townId: null });
    expect(await eventsRepository.photo(db.db, loose)).toMatchObject({
      photo: { eventId: null, uploadedBy: uploader },
    });
    const chunks: Buffer[] = [];
    for await (const c of await createLocalStore(localRoot(config)).open(one!.photo.storageKey))
      chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(photo)).toBe(true);
    // The unattached one can still be attached, once, by its uploader.
    expect(await eventsRepository.attachPhotos(db.db, [loose], eventId, step!.id, randomUUID())).toBe(0);
    expect(await eventsRepository.attachPhotos(db.db, [loose], eventId, step!.id, uploader)).toBe(1);
    expect(await eventsRepository.attachPhotos(db.db, [loose], eventId, step!.id, uploader)).toBe(0);
    // The old relation reads as before, as a view.
    expect((await db.query('SELECT id FROM event_photos WHERE event_id = $1', [eventId])).length).toBe(3);
  });
});
