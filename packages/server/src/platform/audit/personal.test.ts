import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from './audit.ts';
import { eraseSubject } from './erase.ts';
import { ERASED, MASKED } from './personal.ts';
import { readAuditRecords } from './reader.ts';

describe.each(DRIVERS)('personal data in the audit log on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver);
    await s.database.db.transaction((tx) =>
      s.deps.audit.append(
        tx,
        SYSTEM_ACTOR,
        [
          {
            action: 'test.personal',
            entityType: 'test',
            entityId: 'p-1',
            before: { name: '张三', phone: '13800001111', n: 1 },
            after: { name: '张三', phone: '13900002222', n: 2 },
            personal: { subject: 'test:1', fields: ['name', 'phone'] },
          },
          {
            action: 'test.personal',
            entityType: 'test',
            entityId: 'p-2',
            after: { name: '李四', phone: '+86 139 0000 3333', note: null },
            personal: { subject: { kind: 'phone', value: '+86 139 0000 3333' }, fields: ['name', 'phone', 'note'] },
          },
        ],
        s.clock.now(),
      ),
    );
  });
  afterAll(() => s?.close());

  const read = async (entityId: string, personal: boolean) =>
    (await readAuditRecords(s.database, s.audit.keys.personal, { entityType: 'test', entityId }, { personal }))[0]!;
  const erase = (subject: string) =>
    eraseSubject(
      { database: s.database, audit: s.deps.audit, master: s.audit.keys.personal },
      subject,
      { ...SYSTEM_ACTOR, role: 'cli' },
      s.clock.now(),
    );

  it('stores personal fields sealed, never in clear', async () => {
    const rows = await s.database.query<{ text: string }>(
      `SELECT before::text || after::text AS text FROM audit_log WHERE entity_type = 'test'`,
    );
    const all = rows.map((r) => r.text).join('\n');
    for (const clear of ['张三', '13800001111', '13900002222', '李四', '3333']) expect(all).not.toContain(clear);
    expect(all).toContain('"n": 2'); // the rest of the record is as it was
    // The key table names a phone only by its keyed digest.
    const subjects = await s.database.query<{ subject: string }>('SELECT subject FROM audit_subject_keys');
    expect(subjects.map((r) => r.subject)).toEqual(
      expect.arrayContaining(['test:1', expect.stringMatching(/^phone:[0-9a-f]{32}$/)]),
    );
    expect(subjects.map((r) => r.subject).join()).not.toContain('3333');
  });

  it('opens them for a reader with the right, masks them for others', async () => {
    expect((await read('p-1', true)).before).toEqual({ name: '张三', phone: '13800001111', n: 1 });
    expect((await read('p-1', true)).after).toEqual({ name: '张三', phone: '13900002222', n: 2 });
    expect((await read('p-1', false)).after).toEqual({ name: MASKED, phone: MASKED, n: 2 });
    expect((await read('p-2', true)).after).toEqual({ name: '李四', phone: '+86 139 0000 3333', note: null });
  });

  it('erases a subject for good (the erasure audited), and the chain still verifies', async () => {
    expect(await erase('test:1')).toMatchObject({ subject: 'test:1', erased: true });
    expect((await read('p-1', true)).after).toEqual({ name: ERASED, phone: ERASED, n: 2 });
    expect((await read('p-1', false)).before).toEqual({ name: ERASED, phone: ERASED, n: 1 });
    expect((await read('p-2', true)).after).toMatchObject({ name: '李四' }); // another subject is untouched
    // A phone number names its subject however it is written.
    expect(await erase('phone:13900003333')).toMatchObject({ subject: expect.stringMatching(/^phone:/), erased: true });
    expect((await read('p-2', true)).after).toEqual({ name: ERASED, phone: ERASED, note: null });
    expect(await erase('test:1')).toMatchObject({ erased: false });
    const records = await readAuditRecords(
      s.database,
      s.audit.keys.personal,
      { entityType: 'audit_subject' },
      { personal: true },
    );
    expect(records.map((r) => [r.action, r.entityId, (r.after as { erased: boolean }).erased])).toEqual([
      ['audit.erase', 'test:1', true],
      ['audit.erase', expect.stringMatching(/^phone:[0-9a-f]{32}$/), true],
      ['audit.erase', 'test:1', false],
    ]);
    expect(await s.verifyAudit()).toMatchObject({ ok: true, findings: [] });
  });
});
