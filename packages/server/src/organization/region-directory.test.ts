import { describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/index.ts';
import { RegionDirectory } from './region-directory.ts';

/** A stand-in for the two queries `load` makes; the regions query answers when `release` is called. */
function fakeDb(regionRows: object[]) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const query = (rows: object[], wait: boolean) => {
    const done = wait ? gate.then(() => rows) : Promise.resolve(rows);
    return Object.assign(done, { where: () => Promise.resolve([]) });
  };
  let calls = 0;
  const db = { select: () => ({ from: () => query(calls++ === 0 ? regionRows : [], true) }) };
  return { db: db as unknown as Db, release };
}

const county = (name: string) => ({
  id: '331081',
  name,
  level: 'county',
  parentId: null,
  townId: null,
  townMode: null,
  townKind: null,
  boundary: null,
});

describe('region directory', () => {
  it('keeps the rows of the load started last when an earlier one finishes after it', async () => {
    const dir = new RegionDirectory();
    const stale = fakeDb([county('旧名')]);
    const fresh = fakeDb([county('新名')]);
    const first = dir.load(stale.db); // started first (e.g. a NOTIFY), its rows read before the change
    const second = dir.load(fresh.db); // started after the change
    fresh.release();
    await second;
    stale.release();
    await first;
    expect(dir.townName('331081')).toBe('新名');
  });
});
