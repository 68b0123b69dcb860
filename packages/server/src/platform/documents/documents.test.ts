import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '@openenforce/domain/common';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { lastNumber } from '../numbering/index.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { inspectPdf } from './output.ts';
import { sha256 } from './render.ts';
import { SAMPLE_DATA } from './sample-data.ts';

/*
 * The engine through its service and routes: a draft is numbered only at issue, a second issue is refused, a failed
 * issue gives its number back, an issued document is frozen, /verify shows no personal data.
 */
describe.each(DRIVERS)('documents on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  const issuer = { id: 'agency-wl', name: '温岭市综合行政执法局', numberPrefix: '温综执' };
  const draft = (data = SAMPLE_DATA.penalty_decision!, kind = 'penalty_decision') =>
    s.database.db.transaction((tx) =>
      s.services.documents.createDraft(
        tx,
        { subjectType: 'test', subjectId: 'T-1', kind, data, issuer },
        SYSTEM_ACTOR,
        s.clock.now(),
      ),
    );
  const seq = { issuer: 'agency-wl', kind: 'doc.penalty_decision', year: 2026 };

  it('issues with the next number, stores the bytes with their hash, refuses a second issue', async () => {
    const before = await lastNumber(s.database.db, seq);
    const id = await draft();
    const issued = await s.services.documents.issue(id, SYSTEM_ACTOR);
    expect(issued.number).toBe(`温综执罚决字〔2026〕第${before + 1}号`);
    const res = await s.call({ method: 'GET', url: `/api/documents/${id}/file`, cookie: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(sha256(res.rawPayload)).toBe(issued.sha256);
    expect(inspectPdf(res.rawPayload).text).toContain(issued.number);
    await expect(s.services.documents.issue(id, SYSTEM_ACTOR)).rejects.toMatchObject({
      code: 'DOCUMENT_ALREADY_ISSUED',
    });
    expect(await lastNumber(s.database.db, seq)).toBe(before + 1);
    // Frozen in the database too.
    await expect(s.owner.db.execute(`UPDATE documents SET data = '{}'::jsonb WHERE id = '${id}'`)).rejects.toThrow();

    const v = await s.call({ method: 'GET', url: `/api/verify/${issued.verificationCode}` });
    expect(v.statusCode).toBe(200);
    expect(v.json()).toEqual({
      title: '行政处罚决定书',
      number: issued.number,
      issuer: issuer.name,
      issuedOn: chinaDate(s.clock.now()),
      sha256: issued.sha256,
      state: 'issued',
      superseded: false,
    });
    expect(JSON.stringify(v.json())).not.toContain('张三'); // no personal data
    expect((await s.call({ method: 'GET', url: '/api/verify/AAAA-BBBB' })).statusCode).toBe(404);

    const docx = await s.call({ method: 'GET', url: `/api/documents/${id}/file?format=docx`, cookie: admin });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a failed issue consumes no number and leaves the draft a draft', async () => {
    const before = await lastNumber(s.database.db, seq);
    const id = await draft({ ...SAMPLE_DATA.penalty_decision!, partyName: '𠀀记商行' });
    await expect(s.services.documents.issue(id, SYSTEM_ACTOR)).rejects.toMatchObject({
      code: 'DOCUMENT_UNSUPPORTED_CHARACTER',
    });
    expect(await lastNumber(s.database.db, seq)).toBe(before);
    expect((await s.services.documents.get(id)).state).toBe('draft');
  });

  it('previews a template for an administrator; refuses an unknown field naming it', async () => {
    const ok = await s.call({
      method: 'POST',
      url: '/api/document-templates/preview',
      cookie: admin,
      payload: { kind: 'prior_notice', data: SAMPLE_DATA.prior_notice, issuerName: issuer.name },
    });
    expect(ok.statusCode).toBe(200);
    expect(inspectPdf(ok.rawPayload).text).toContain('草稿');
    const tpl = (await s.services.documents.currentTemplate('prior_notice')).body;
    const bad = await s.call({
      method: 'POST',
      url: '/api/document-templates/prior_notice/versions',
      cookie: admin,
      payload: { body: { ...tpl, blocks: [...tpl.blocks, { type: 'paragraph', text: '{{partyPhone}}' }] } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('DOCUMENT_TEMPLATE_INVALID');
    expect(bad.json().details[0].message.en).toContain('partyPhone');
    const saved = await s.call({
      method: 'POST',
      url: '/api/document-templates/prior_notice/versions',
      cookie: admin,
      payload: { body: { ...tpl, title: '行政处罚事先告知书（新版）' } },
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().version).toBe(2);
    const officer = await s.login('officer');
    const refused = await s.call({
      method: 'POST',
      url: '/api/document-templates/preview',
      cookie: officer,
      payload: { kind: 'prior_notice', data: SAMPLE_DATA.prior_notice, issuerName: issuer.name },
    });
    expect(refused.statusCode).toBe(403);
  });
});
