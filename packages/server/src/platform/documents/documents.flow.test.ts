import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chinaDate } from '@openenforce/domain/common';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { files } from '../files/index.ts';
import { lastNumber } from '../numbering/index.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import type { ServedDocument } from './documents.model.ts';
import { inspectPdf } from './output.ts';
import { sha256 } from './render.ts';
import { SAMPLE_DATA } from './sample-data.ts';

/*
 * A document's life after issue, through the routes: the PDF kept in platform/files with its hash, the subject's
 * list with states, service (APL-61) heard by a subscriber in the same transaction, a reissue superseding the old
 * version, and a batch issued by the job runner with progress.
 */
describe.each(DRIVERS)('documents: store, serve, reissue, batch on %s', (driver) => {
  let s: TestServer;
  let officer: string;
  const heard: ServedDocument[] = [];
  beforeAll(async () => {
    s = await testServer(driver);
    officer = await s.login('officer');
    s.services.documents.onServed(async (_tx, served) => void heard.push(served));
  });
  afterAll(() => s?.close());

  const issuer = { id: 'agency-flow', name: '温岭市综合行政执法局', numberPrefix: '温综执' };
  const subject = { subjectType: 'flow', subjectId: 'F-1' };
  const draft = (kind = 'penalty_decision', data = SAMPLE_DATA[kind]!) =>
    s.database.db.transaction((tx) =>
      s.services.documents.createDraft(tx, { ...subject, kind, data, issuer }, SYSTEM_ACTOR, s.clock.now()),
    );
  const today = () => chinaDate(s.clock.now());

  it("stores the issued PDF in platform/files with its SHA-256 and lists the subject's documents", async () => {
    const id = await draft();
    const res = await s.call({ method: 'POST', url: `/api/documents/${id}/issue`, cookie: officer });
    expect(res.statusCode).toBe(200);
    const issued = res.json();
    const file = (await s.database.db.select().from(files).where(eq(files.id, issued.fileId)))[0]!;
    expect(file.sha256).toBe(issued.sha256);
    expect(file.mime).toBe('application/pdf');
    const pdf = await s.call({ method: 'GET', url: `/api/documents/${id}/file`, cookie: officer });
    expect(sha256(pdf.rawPayload)).toBe(issued.sha256);
    const list = await s.call({
      method: 'GET',
      url: `/api/documents?subjectType=flow&subjectId=F-1`,
      cookie: officer,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((d: { id: string }) => d.id === id)).toMatchObject({
      state: 'issued',
      number: issued.number,
      title: '行政处罚决定书',
    });
    const again = await s.call({ method: 'POST', url: `/api/documents/${id}/issue`, cookie: officer });
    expect(again.statusCode).toBe(409);
  });

  it('serves once with a valid record, tells the subscriber in the same transaction, refuses APL-61 without consent', async () => {
    const id = await draft();
    const serve = (payload: object) =>
      s.call({ method: 'POST', url: `/api/documents/${id}/serve`, cookie: officer, payload });
    // A draft cannot be served.
    expect((await serve({ method: 'direct', servedOn: today(), recipient: '张三' })).statusCode).toBe(409);
    await s.services.documents.issue(id, SYSTEM_ACTOR);
    const noConsent = await serve({ method: 'electronic', servedOn: today(), recipient: '张三' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().details[0]).toMatchObject({ path: 'body.consentFileId', rule: 'apl_61_consent' });
    const early = await serve({ method: 'direct', servedOn: '2020-01-01', recipient: '张三' });
    expect(early.statusCode).toBe(422);
    expect(early.json().details[0].rule).toBe('served_on_range');
    expect(heard.some((h) => h.id === id)).toBe(false);

    const consent = await s.database.db.transaction((tx) =>
      s.services.files.storeBytes(
        tx,
        Buffer.from('%PDF-1.4 consent'),
        { type: 'pdf', purpose: 'consent', name: 'consent.pdf' },
        SYSTEM_ACTOR,
        s.clock.now(),
      ),
    );
    const ok = await serve({ method: 'electronic', servedOn: today(), recipient: '张三', consentFileId: consent.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'served', service: { method: 'electronic', servedOn: today() } });
    expect(heard.find((h) => h.id === id)).toMatchObject({
      subjectType: 'flow',
      subjectId: 'F-1',
      kind: 'penalty_decision',
      service: { servedOn: today() },
    });
    const audited = await s.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audited.map((a) => a.action)).toContain('document.serve');
    expect((await serve({ method: 'direct', servedOn: today(), recipient: '张三' })).statusCode).toBe(409);
    // Frozen in the database: the service record cannot be changed behind the engine's back.
    await expect(s.owner.db.execute(`UPDATE documents SET service = '{}'::jsonb WHERE id = '${id}'`)).rejects.toThrow();
  });

  it('a listener that throws refuses the service: nothing is written', async () => {
    const id = await draft('prior_notice');
    await s.services.documents.issue(id, SYSTEM_ACTOR);
    const failing = s.services.documents;
    let armed = true;
    failing.onServed(async () => {
      if (armed) throw new Error('listener refused');
    });
    await expect(
      failing.serve(id, { method: 'direct', servedOn: today(), recipient: '李四' }, SYSTEM_ACTOR),
    ).rejects.toThrow('listener refused');
    armed = false;
    expect((await failing.get(id)).state).toBe('issued');
  });

  it('reissues with a new number; the old one is kept, marked superseded, and verify says so', async () => {
    const id = await draft();
    const first = await s.services.documents.issue(id, SYSTEM_ACTOR);
    const res = await s.call({
      method: 'POST',
      url: `/api/documents/${id}/reissue`,
      cookie: officer,
      payload: { data: { ...SAMPLE_DATA.penalty_decision!, penalty: '责令改正，并处罚款人民币壹佰元整。' } },
    });
    expect(res.statusCode).toBe(201);
    const second = res.json();
    expect(second.number).not.toBe(first.number);
    expect(second.id).not.toBe(id);
    const old = await s.services.documents.view(id);
    expect(old).toMatchObject({
      state: 'superseded',
      number: first.number,
      sha256: first.sha256,
      supersededBy: second.id,
    });
    expect((await s.services.documents.view(second.id)).supersedes).toBe(id);
    const text = inspectPdf((await s.services.documents.file(second.id, 'pdf')).bytes).text;
    expect(text.replace(/\s/g, '')).toContain('壹佰元整');
    const v = await s.call({ method: 'GET', url: `/api/verify/${first.verificationCode}` });
    expect(v.json().superseded).toBe(true);
    // A superseded document is not reissued again (two corrections of one version would fork it).
    const twice = await s.call({ method: 'POST', url: `/api/documents/${id}/reissue`, cookie: officer, payload: {} });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('DOCUMENT_SUPERSEDED');
  });

  it('issues a batch in the background, with progress for the one who asked only', async () => {
    const seq = { issuer: issuer.id, kind: 'doc.service_receipt', year: Number(today().slice(0, 4)) };
    const before = await lastNumber(s.database.db, seq);
    const ids = [await draft('service_receipt'), await draft('service_receipt'), await draft('service_receipt')];
    const bad = await draft('prior_notice', { ...SAMPLE_DATA.prior_notice!, partyName: '李𠀀四' });
    const res = await s.call({
      method: 'POST',
      url: '/api/documents/batch',
      cookie: officer,
      payload: { documentIds: [...ids, bad] },
    });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    let progress = (await s.call({ method: 'GET', url: `/api/jobs/${jobId}`, cookie: officer })).json();
    expect(progress).toMatchObject({ total: 4 });
    for (let i = 0; i < 200 && progress.state !== 'done'; i++) {
      await s.services.jobs.runDue();
      progress = (await s.call({ method: 'GET', url: `/api/jobs/${jobId}`, cookie: officer })).json();
    }
    expect(progress).toMatchObject({ state: 'done', done: 3, failed: 1 });
    expect(progress.results).toContainEqual({ id: bad, error: 'DOCUMENT_UNSUPPORTED_CHARACTER' });
    expect(await lastNumber(s.database.db, seq)).toBe(before + 3);
    for (const id of ids) expect((await s.services.documents.get(id)).state).toBe('issued');
    const admin = await s.login('admin');
    expect((await s.call({ method: 'GET', url: `/api/jobs/${jobId}`, cookie: admin })).statusCode).toBe(404);
  });

  it('embeds a signature stored in platform/files; refuses a signature file that is not a PNG', async () => {
    const { PNG } = await import('pngjs');
    const png = new PNG({ width: 60, height: 20 });
    png.data.fill(0);
    const bytes = PNG.sync.write(png);
    const stored = await s.database.db.transaction(async (tx) => ({
      png: await s.services.files.storeBytes(
        tx,
        bytes,
        { type: 'png', purpose: 'signature', name: 's.png' },
        SYSTEM_ACTOR,
        s.clock.now(),
      ),
      pdf: await s.services.files.storeBytes(
        tx,
        Buffer.from('%PDF-1.4 x'),
        { type: 'pdf', purpose: 'x', name: 'x.pdf' },
        SYSTEM_ACTOR,
        s.clock.now(),
      ),
    }));
    const data = SAMPLE_DATA.on_spot_decision!;
    const id = await draft('on_spot_decision', {
      ...data,
      partySignature: { name: '', signer: '陈七', imageFileId: stored.png.id, refused: false },
    });
    const issued = await s.services.documents.issue(id, SYSTEM_ACTOR);
    const pdf = (await s.services.documents.file(id, 'pdf')).bytes;
    expect(sha256(pdf)).toBe(issued.sha256);
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/Subtype \/Image[\s\S]*\/Subtype \/Image/); // QR + signature
    const wrong = await draft('on_spot_decision', {
      ...data,
      partySignature: { name: '', signer: '陈七', imageFileId: stored.pdf.id, refused: false },
    });
    const refused = await s.call({ method: 'POST', url: `/api/documents/${wrong}/issue`, cookie: officer });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details[0]).toMatchObject({ path: 'data.partySignature.imageFileId', rule: 'png_file' });
  });
});
