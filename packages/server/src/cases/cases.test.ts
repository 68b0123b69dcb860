import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import { buildCase, buildEvent, caseWorld, idNumber, uscc, type CaseWorld } from '../../test/factories.ts';
import { WorkingCalendar } from '@openenforce/domain/calendar';
import { multipart, TINY_JPEG } from '../../test/events-support.ts';
import { recomputeCaseClocks } from './clocks.ts';

/*
 * The cases API end to end on both drivers: opening (number, jurisdiction, APL-37, party checks), steps on the
 * platform stepper with their clocks, and each bad input of issue 10 refused with its rule, the case unchanged.
 */

describe.each(DRIVERS)('cases on %s', (driver) => {
  let s: TestServer;
  let w: CaseWorld;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(driver);
    w = await caseWorld(s);
    for (const u of ['officer', 'townleader', 'officer2', 'reviewer', 'supervisor', 'auxiliary'])
      c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const post = (url: string, payload: object, who: string) => s.call({ method: 'POST', url, payload, cookie: c[who] });
  const get = (url: string, who: string) => s.call({ method: 'GET', url, cookie: c[who] });
  const step = (id: string, action: string, body: object, who = 'officer') =>
    post(`/api/cases/${id}/steps/${action}`, body, who);
  const rules = (res: LightMyRequestResponse) =>
    (res.json() as { details?: { rule: string }[] }).details?.map((d) => d.rule) ?? [];
  const row = async (id: string) =>
    (
      await s.database.query<{ status: string; version: number; facts: string }>(
        'SELECT status, version, facts::text AS facts FROM cases WHERE id = $1',
        [id],
      )
    )[0]!;
  /** A refusal: the status, the rule named, and the case exactly as it was. */
  async function refused(res: LightMyRequestResponse, status: number, rule: string, id?: string, before?: object) {
    expect(res.statusCode, res.body).toBe(status);
    expect(rules(res)).toContain(rule);
    if (id && before) expect(await row(id)).toEqual(before);
  }
  const openBody = (over: object = {}) => ({
    matterId: w.matterId,
    townId: w.townId,
    act: { date: '2026-11-20', discoveredOn: '2026-11-21', place: '泽国镇某路' },
    party: { kind: 'organisation', name: '某餐饮有限公司', idNumber: uscc() },
    summary: '路边随意倾倒生活垃圾',
    ...over,
  });

  it('opens a case: number per agency and year, jurisdiction and APL-37 kept, filing clock, timeline, audit', async () => {
    const res = await post('/api/cases', openBody(), 'officer');
    expect(res.statusCode, res.body).toBe(201);
    const opened = res.json();
    expect(opened).toMatchObject({ status: 'lead', version: 1 });
    expect(opened.number).toMatch(/^温泽政罚立〔2026〕第\d{5}号$/);
    const d = (await get(`/api/cases/${opened.id}`, 'officer')).json();
    expect(d.jurisdiction).toMatchObject({ ok: true, ruleId: 'JUR-EMPOWERED', team: { id: w.teamId } });
    expect(d.applicable).toMatchObject({ rule: 'APL-37', lighterLater: false });
    expect(d.party).toMatchObject({ kind: 'organisation', idNumber: uscc() });
    expect(d.clocks).toEqual([
      expect.objectContaining({ kind: 'filing', rule: 'APL-54', unit: 'working_days', period: 15, flag: null }),
    ]);
    expect(d.timeline.map((t: { action: string }) => t.action)).toEqual(['open']);
    const audit = await s.database.query<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1', [
      opened.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['case.open']);
  });

  it('two concurrent filings get consecutive numbers', async () => {
    const [a, b] = await Promise.all([
      post('/api/cases', openBody(), 'officer'),
      post('/api/cases', openBody(), 'officer'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const seqs = [a, b].map((r) => Number(/第(\d+)号/.exec(r.json().number)![1])).sort((x, y) => x - y);
    expect(seqs[1]).toBe(seqs[0]! + 1);
  });

  it('refuses an invalid USCC or ID number, a future act, an unknown matter: 4xx naming the rule, nothing written', async () => {
    const count = async () => (await s.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n;
    const before = await count();
    await refused(
      await post(
        '/api/cases',
        openBody({ party: { kind: 'organisation', name: '某公司', idNumber: '91331081MA2AXXXX0X' } }),
        'officer',
      ),
      422,
      'CASE-PARTY-USCC',
    );
    await refused(
      await post(
        '/api/cases',
        openBody({
          party: {
            kind: 'citizen',
            name: '陈某',
            idNumber: idNumber().slice(0, 17) + (idNumber().endsWith('0') ? '1' : '0'),
          },
        }),
        'officer',
      ),
      422,
      'CASE-PARTY-ID',
    );
    await refused(
      await post('/api/cases', openBody({ act: { date: '2026-12-20', discoveredOn: '2026-12-21' } }), 'officer'),
      422,
      'CASE-DATE',
    );
    await refused(
      await post('/api/cases', openBody({ matterId: '00000000-0000-4000-8000-000000000000' }), 'officer'),
      422,
      'matter_exists',
    );
    expect(await count()).toBe(before);
    // A valid citizen number passes.
    const ok = await post(
      '/api/cases',
      openBody({ party: { kind: 'citizen', name: '陈某', idNumber: idNumber() } }),
      'officer',
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('takes steps with their version; a stale version is 409, a step out of order 422, the case unchanged', async () => {
    const k = await buildCase(s, w, 'lead');
    await refused(
      await step(k.id, 'file', { version: 7, reason: '符合立案条件' }),
      409,
      'current_version:1',
      k.id,
      await row(k.id),
    );
    await refused(
      await step(k.id, 'submit_report', {
        version: 1,
        outcome: 'penalise',
        suspectedCrime: false,
        summary: '事实清楚',
      }),
      422,
      'CASE-STATUS',
      k.id,
      await row(k.id),
    );
    const filed = await step(k.id, 'file', { version: 1, reason: '符合立案条件' });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ status: 'filing_pending', version: 2 });
    // An officer may never approve (403, the role's rule), before scope or version are looked at.
    await refused(
      await step(k.id, 'approve_filing', { version: 2, ...{ approved: true, opinion: '同意' } }),
      403,
      'CASE-ROLE',
    );
    const audit = await s.database.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq',
      [k.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['case.open', 'case.file']);
  });

  it('an approval starts the 90-day decision clock; a due date in a year without calendar data is flagged TIME-4', async () => {
    const k = await buildCase(s, w, 'filing_pending');
    const res = await step(
      k.id,
      'approve_filing',
      { version: k.version, approved: true, opinion: '同意立案' },
      'townleader',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('investigating');
    const d = (await get(`/api/cases/${k.id}`, 'officer')).json();
    // Filed on 2026-11-22: 90 days reach 2027, whose holidays the calendar does not have yet (never guessed).
    const decision = d.clocks.find((x: { kind: string }) => x.kind === 'decision');
    expect(decision).toMatchObject({ rule: 'APL-60', dueAt: null, daysLeft: null, flag: { rule: 'TIME-4' } });
    expect(d.clocks.some((x: { kind: string }) => x.kind === 'filing')).toBe(false);
  });

  it('concurrent approval by two leaders: one wins, the other is told the case moved on', async () => {
    const k = await buildCase(s, w, 'filing_pending');
    const second = await s.login('townleader');
    const body = { version: k.version, approved: true, opinion: '同意立案' };
    const [a, b] = await Promise.all([
      step(k.id, 'approve_filing', body, 'townleader'),
      s.call({ method: 'POST', url: `/api/cases/${k.id}/steps/approve_filing`, payload: body, cookie: second }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const steps = await s.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_steps WHERE case_id = $1 AND action = 'approve_filing'`,
      [k.id],
    );
    expect(steps[0]!.n).toBe(1);
  });

  it('APL-42 / ZJ-30: one certified officer plus an auxiliary, or an expired certificate, cannot investigate', async () => {
    const k = await buildCase(s, w, 'investigating');
    const before = await row(k.id);
    const aux = (
      await s.database.query<{ person_id: string }>(`SELECT person_id FROM users WHERE username = 'auxiliary'`)
    )[0]!.person_id;
    const officerId = w.cast.investigators[0].personId;
    const withAux = await step(
      k.id,
      'assign_investigators',
      { version: k.version, investigatorIds: [officerId, aux] },
      'townleader',
    );
    expect(withAux.statusCode, withAux.body).toBe(422);
    expect(rules(withAux).some((r) => r.startsWith('APL-42'))).toBe(true);
    expect(await row(k.id)).toEqual(before);
    // The second officer's certificate expired before today.
    const second = w.cast.investigators[1].personId;
    await s.owner.query(`UPDATE certificates SET valid_to = '2026-01-31' WHERE person_id = $1`, [second]);
    try {
      const expired = await step(
        k.id,
        'assign_investigators',
        { version: k.version, investigatorIds: [officerId, second] },
        'townleader',
      );
      expect(expired.statusCode, expired.body).toBe(422);
      expect(rules(expired).some((r) => r.startsWith('APL-42'))).toBe(true);
      expect(await row(k.id)).toEqual(before);
    } finally {
      await s.owner.query(`UPDATE certificates SET valid_to = '2030-12-31' WHERE person_id = $1`, [second]);
    }
  });

  it('APL-62: a decision above the notified penalty is refused', async () => {
    const k = await buildCase(s, w, 'deliberating');
    const before = await row(k.id);
    const notified = JSON.parse(before.facts).notice.penalties[0].amountFen as number;
    const elements = {
      partyName: '陈某某',
      partyAddress: '温岭市泽国镇',
      facts: '当事人随意倾倒生活垃圾',
      evidence: ['现场检查笔录'],
      basis: '固体废物污染环境防治法第一百一十一条',
      compliance: { how: '银行缴纳', by: '十五日内' },
      remedies: { reconsideration: '六十日内', lawsuit: '六个月内' },
      agencyName: '温岭市泽国镇人民政府',
      date: '2026-11-22',
      sealed: true,
    };
    const res = await step(k.id, 'propose_decision', {
      version: k.version,
      kind: 'penalty',
      penalties: [{ kind: 'fine', amountFen: notified + 100 }],
      elements,
    });
    await refused(res, 422, 'APL-44/45/62', k.id, before);
  });

  it('a fine outside the legal range, a hearing request after its window, service before the decision: refused', async () => {
    const inv = await buildCase(s, w, 'investigated');
    const notice = {
      version: inv.version,
      penalties: [{ kind: 'fine', amountFen: 10_000_000 }],
      servedOn: '2026-11-22',
      contents: {
        facts: '事实',
        reasons: '理由',
        basis: '依据',
        rights: { statement: true, defence: true, hearing: true },
      },
    };
    const outside = await step(inv.id, 'notify', notice);
    expect(outside.statusCode, outside.body).toBe(422);
    expect(await row(inv.id)).toMatchObject({ status: 'investigated', version: inv.version });

    const notified = await buildCase(s, w, 'notified');
    const late = await step(notified.id, 'request_hearing', { version: notified.version, requestedOn: '2026-11-22' });
    expect(late.statusCode, late.body).toBe(422);
    expect(rules(late).some((r) => r.startsWith('APL-63'))).toBe(true);

    const decided = await buildCase(s, w, 'decided');
    const before = await row(decided.id);
    const early = await step(decided.id, 'serve', {
      version: decided.version,
      method: 'direct',
      servedOn: '2026-10-01',
    });
    await refused(early, 422, 'CASE-DATE-ORDER', decided.id, before);
  });

  it('what may I do here: allowed actions and, for blocked ones, the rule in zh and en', async () => {
    const k = await buildCase(s, w, 'filing_pending');
    const officer = (await get(`/api/cases/${k.id}/actions`, 'officer')).json();
    const byAction = new Map(officer.actions.map((a: { action: string }) => [a.action, a]));
    expect(byAction.get('approve_filing')).toMatchObject({ allowed: false, reasons: [{ rule: 'CASE-ROLE' }] });
    expect(byAction.get('file')).toMatchObject({ allowed: false, reasons: [{ rule: 'CASE-STATUS' }] });
    const leader = (await get(`/api/cases/${k.id}/actions`, 'townleader')).json();
    expect(leader.actions.find((a: { action: string }) => a.action === 'approve_filing')).toMatchObject({
      allowed: true,
    });
    expect(leader.version).toBe(k.version);
  });

  it('a town team sees its town only: another town reads 404 by id and lists nothing of it', async () => {
    const k = await buildCase(s, w, 'investigating');
    expect((await get(`/api/cases/${k.id}`, 'officer2')).statusCode).toBe(404);
    expect((await get(`/api/cases/${k.id}/actions`, 'officer2')).statusCode).toBe(404);
    const step2 = await step(
      k.id,
      'submit_report',
      { version: k.version, outcome: 'penalise', suspectedCrime: false, summary: '事实清楚' },
      'officer2',
    );
    expect(step2.statusCode).toBe(404);
    const list = (await get('/api/cases?limit=200', 'officer2')).json();
    expect(list.items.every((i: { townId: string }) => i.townId !== w.townId)).toBe(true);
    expect((await get(`/api/cases/${k.id}`, 'supervisor')).statusCode).toBe(200);
    // The supervisor reads the party masked.
    expect((await get(`/api/cases/${k.id}`, 'supervisor')).json().party.name).not.toBe('陈某某');
  });

  it('lists with filters and queues: status, procedure, party, keyword, approve, overdue, paging', async () => {
    const pending = await buildCase(s, w, 'filing_pending', { party: { name: '滕某某' } });
    const list = async (q: string) =>
      (await get(`/api/cases?${q}`, 'townleader')).json() as { items: { id: string }[]; nextCursor: string | null };
    expect((await list('queue=approve&limit=200')).items.map((i) => i.id)).toContain(pending.id);
    expect((await list('status=filing_pending&limit=200')).items.map((i) => i.id)).toContain(pending.id);
    expect((await list('status=investigating&limit=200')).items.map((i) => i.id)).not.toContain(pending.id);
    expect((await list(`party=${encodeURIComponent('滕某')}`)).items.map((i) => i.id)).toEqual([pending.id]);
    expect((await list(`q=${encodeURIComponent(pending.number)}`)).items.map((i) => i.id)).toEqual([pending.id]);
    expect((await list('procedure=general&limit=200')).items.map((i) => i.id)).toContain(pending.id);
    // Opened 40 days ago: its 15-working-day filing clock is overdue (red).
    expect((await list('queue=overdue&limit=200')).items.map((i) => i.id)).toContain(pending.id);
    expect((await list('colour=red&limit=200')).items.map((i) => i.id)).toContain(pending.id);
    const first = await list('limit=1');
    expect(first.items).toHaveLength(1);
    const next = await list(`limit=1&cursor=${first.nextCursor}`);
    expect(next.items[0]!.id).not.toBe(first.items[0]!.id);
    expect((await get('/api/cases?cursor=bad!', 'townleader')).statusCode).toBe(400);
  });

  it('an event handled as "case to be filed" opens its case; the case stores the event and shows on its timeline', async () => {
    const e = await buildEvent(s, w, 'accepted');
    const res = await post(
      `/api/events/${e.id}/handle`,
      {
        version: e.version,
        outcome: 'case_filed',
        note: '违法事实较重，转立案',
        party: { kind: 'citizen', name: '林某某' },
      },
      'officer',
    );
    expect(res.statusCode, res.body).toBe(200);
    const [ev] = await s.database.query<{ case_id: string; case_handle: string }>(
      'SELECT case_id, case_handle FROM events WHERE id = $1',
      [e.id],
    );
    const k = (await get(`/api/cases/${ev!.case_id}`, 'officer')).json();
    expect(k).toMatchObject({ number: ev!.case_handle, sourceEventId: e.id, source: 'event', status: 'lead' });
    const filed = await step(k.id, 'file', { version: k.version, reason: '符合立案条件' });
    expect(filed.statusCode, filed.body).toBe(200);
    const timeline = (await get(`/api/events/${e.id}`, 'officer')).json().timeline as {
      action: string;
      detail: { caseAction?: string };
    }[];
    expect(timeline.filter((t) => t.action === 'case_progress').map((t) => t.detail.caseAction)).toEqual(['file']);
  });

  it('a statutory clock past its due date turns red once: the handling team is told, timeline and audit record it', async () => {
    // Opened 40 days ago and never filed: the 15-working-day filing clock (APL-54) has run out.
    const k = await buildCase(s, w, 'lead');
    const run = () => s.services.escalation.runEscalation(s.clock.now());
    await run();
    await run();
    const told = await s.database.query<{ kind: string; team_id: string; level: string }>(
      `SELECT kind, team_id, level FROM notifications WHERE subject_type = 'case' AND subject_id = $1`,
      [k.id],
    );
    expect(told).toEqual([{ kind: 'clock.filing.red', team_id: w.teamId, level: 'red' }]);
    const d = (await get(`/api/cases/${k.id}`, 'officer')).json();
    expect(d.timeline.filter((t: { action: string }) => t.action === 'escalate')).toHaveLength(1);
    expect(d.colour).toBe('red');
    const audit = await s.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.escalate' AND entity_id = $1`,
      [k.id],
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('once the calendar has the year, recomputing the clocks starts the flagged ones with their due date', async () => {
    const k = await buildCase(s, w, 'filing_pending');
    await step(k.id, 'approve_filing', { version: k.version, approved: true, opinion: '同意立案' }, 'townleader');
    const source = 'test notice for 2027';
    const calendar = new WorkingCalendar({
      overrides: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦', source },
        { day: '2027-02-06', kind: 'holiday', name: '春节', source },
      ],
      years: [{ year: 2027, complete: true, source }],
    });
    const out = await recomputeCaseClocks(s.database.db, calendar, 0.2, s.clock.now());
    expect(out.resolved).toBeGreaterThanOrEqual(1);
    const d = (await get(`/api/cases/${k.id}`, 'officer')).json();
    const decision = d.clocks.find((x: { kind: string }) => x.kind === 'decision');
    // Filed 2026-11-22 (China): + 90 calendar days = 2027-02-20, a Saturday in these data → Monday (TIME-2).
    expect(decision).toMatchObject({ rule: 'APL-60', dueOn: '2027-02-22', flag: null });
  });

  it('evidence register (APL-46): a file uploaded, then registered with its type and capture facts, linked once', async () => {
    const k = await buildCase(s, w, 'investigating');
    const up = await s.call({
      method: 'POST',
      url: '/api/cases/evidence',
      cookie: c['officer'],
      ...multipart(TINY_JPEG, 'scene.jpg', 'image/jpeg'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id as string;
    const evidence = {
      type: 'audio_visual',
      source: 'officer',
      fileIds: [fileId],
      place: '泽国镇某路',
      device: '执法记录仪 07',
    };
    const res = await step(k.id, 'record_evidence', { version: k.version, evidence });
    expect(res.statusCode, res.body).toBe(200);
    const d = (await get(`/api/cases/${k.id}`, 'officer')).json();
    const item = d.evidence.find((e: { type: string }) => e.type === 'audio_visual');
    expect(item).toMatchObject({ place: '泽国镇某路', device: '执法记录仪 07', reviewStatus: 'approved' });
    expect(item.files).toEqual([expect.objectContaining({ id: fileId, mime: 'image/jpeg' })]);
    // The same file cannot be registered twice (single owner): refused, nothing written.
    const before = await row(k.id);
    const again = await step(k.id, 'record_evidence', { version: k.version + 1, evidence });
    await refused(again, 422, 'own_unattached_file', k.id, before);
  });
});
