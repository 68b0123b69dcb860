import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import { ERASED, eraseSubject, MASKED, readAuditRecords, SYSTEM_ACTOR } from '../platform/audit/index.ts';

/* A person's name, phone and ID number in the audit log: sealed under `person:<id>`, erasable (PIPL). */
describe.each(DRIVERS)("people's personal data in the audit log on %s", (driver) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  const records = (id: string, personal: boolean) =>
    readAuditRecords(s.database, s.audit.keys.personal, { entityType: 'person', entityId: id }, { personal });

  it('seals them when a person is created and edited; erasing the person leaves the chain intact', async () => {
    const created = await s.call({
      method: 'POST',
      url: '/api/org/people',
      cookie: admin,
      payload: {
        employeeNo: 'PII-1',
        name: '周七',
        role: 'officer',
        phone: '13811112222',
        idNumber: '331081199001011235',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json();
    const edited = await s.call({
      method: 'PATCH',
      url: `/api/org/people/${id}`,
      cookie: admin,
      payload: { version, phone: '13833334444' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const raw = await s.database.query<{ t: string }>(
      `SELECT coalesce(before::text, '') || after::text AS t FROM audit_log WHERE entity_type = 'person' AND entity_id = $1`,
      [id],
    );
    expect(raw).toHaveLength(2);
    for (const clear of ['周七', '13811112222', '13833334444', '331081199001011235'])
      expect(raw.map((r) => r.t).join()).not.toContain(clear);

    const [create, update] = await records(id, true);
    expect(create!.after).toMatchObject({ name: '周七', phone: '13811112222', idNumber: '331081199001011235' });
    expect(update!.before).toMatchObject({ phone: '13811112222' });
    expect(update!.after).toMatchObject({ phone: '13833334444', employeeNo: 'PII-1' });
    expect((await records(id, false))[1]!.after).toMatchObject({ name: MASKED, phone: MASKED, employeeNo: 'PII-1' });

    await eraseSubject(
      { database: s.database, audit: s.deps.audit, master: s.audit.keys.personal },
      `person:${id}`,
      { ...SYSTEM_ACTOR, role: 'cli' },
      s.clock.now(),
    );
    expect((await records(id, true))[0]!.after).toMatchObject({ name: ERASED, phone: ERASED, idNumber: ERASED });
    expect(await s.verifyAudit()).toMatchObject({ ok: true, findings: [] });
  });
});
