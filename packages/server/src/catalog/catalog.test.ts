import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

const enc = encodeURIComponent;

describe.each(DRIVERS)('catalog on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  let roadId: string;
  const zeguo = '331081006';
  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
    const found = await s.call({
      method: 'GET',
      url: `/api/catalog/matters?q=${enc('擅自占用或者挖掘城市道路')}`,
      cookie: admin,
    });
    roadId = found.json().items[0].id;
  });
  afterAll(() => s?.close());

  const get = (url: string, cookie = admin) => s.call({ method: 'GET', url, cookie });
  const post = (url: string, payload: object, cookie = admin) => s.call({ method: 'POST', url, cookie, payload });

  it('seeds the demo catalog at Wenling scale, with the real sample rows', async () => {
    const all = (await get('/api/catalog/matters?limit=1')).json();
    expect(all.total).toBe(5113);
    const coverage = (await get('/api/catalog/coverage')).json();
    expect(coverage.byListType.find((l: { listType: string }) => l.listType === 'comprehensive')).toMatchObject({
      items: 1536,
      sharePct: 30.04,
    });
    expect(coverage.towns.find((t: { townId: string }) => t.townId === zeguo).empowered).toBeGreaterThanOrEqual(91);
    expect(coverage.domains).toMatchObject({ withMatters: 19, coveredByComprehensive: 13, sharePct: 68.42 });
  });

  it('searches Chinese substrings (two characters too), codes and law names, ranked', async () => {
    const two = (await get(`/api/catalog/matters?q=${enc('占道')}`)).json();
    expect(two.total).toBeGreaterThan(0);
    expect(two.items.every((m: { name: string }) => m.name.includes('占道'))).toBe(true);
    const byLaw = (await get(`/api/catalog/matters?q=${enc('城市道路管理条例')}&limit=200`)).json();
    expect(byLaw.items.length).toBeGreaterThan(3);
    expect(
      byLaw.items.every((m: { lawNames: string; name: string }) => (m.lawNames + m.name).includes('城市道路管理条例')),
    ).toBe(true);
    const code = two.items[0].code as string;
    const byCode = (await get(`/api/catalog/matters?q=${code}`)).json();
    expect(byCode.items[0].code).toBe(code); // an exact code ranks first
    const filtered = (await get(`/api/catalog/matters?q=${enc('道路')}&domain=${enc('交通运输')}`)).json();
    expect(filtered.items.every((m: { domain: string }) => m.domain === '交通运输')).toBe(true);
  });

  it('decides jurisdiction by town mode and explains it', async () => {
    const empowered = (await post(`/api/catalog/matters/${roadId}/jurisdiction`, { townId: zeguo })).json();
    expect(empowered.result).toMatchObject({ ok: true, ruleId: 'JUR-EMPOWERED', subjectName: '温岭市泽国镇人民政府' });
    const street = (await post(`/api/catalog/matters/${roadId}/jurisdiction`, { townId: '331081001' })).json();
    expect(street.result).toMatchObject({ ok: true, ruleId: 'JUR-DISPATCHED', subjectName: '温岭市综合行政执法局' });
  });

  it('makes every change a new version; as-of, history and diffs; a withdrawn town power refuses under ZJ-9', async () => {
    const before = (await get(`/api/catalog/matters/${roadId}`)).json();
    const res = await post('/api/catalog/town-powers/withdrawals', {
      townId: zeguo,
      matterIds: [roadId],
      effectiveFrom: '2026-12-01',
      announcement: '温政办〔2026〕99号（测试）',
    });
    expect(res.statusCode).toBe(201);
    const history = (await get(`/api/catalog/matters/${roadId}/history`)).json().versions;
    expect(history).toHaveLength(before.versions.length + 1);
    expect(history.at(-1).changes).toEqual([
      { field: 'announcement', before: before.latest.announcement, after: '温政办〔2026〕99号（测试）' },
      { field: 'effectiveFrom', before: before.latest.effectiveFrom, after: '2026-12-01' },
      { field: `townPowers.${zeguo}`, before: 'empowered', after: 'none' },
    ]);
    // Before the date the old power holds; from it, the town may not act (ZJ-9).
    expect((await get(`/api/catalog/matters/${roadId}?asOf=2026-11-30`)).json().matter.townPowers[zeguo]).toBe(
      'empowered',
    );
    const later = (
      await post(`/api/catalog/matters/${roadId}/jurisdiction`, { townId: zeguo, date: '2026-12-02' })
    ).json();
    expect(later.result).toMatchObject({ ok: false, ruleId: 'ZJ-9' });
    const earlier = (
      await post(`/api/catalog/matters/${roadId}/jurisdiction`, { townId: zeguo, date: '2026-11-30' })
    ).json();
    expect(earlier.result.ok).toBe(true);
    const rows = await s.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM matter_versions WHERE matter_id = $1`,
      [roadId],
    );
    expect(rows[0]!.n).toBe(history.length);
    // The trigger refuses even the owner; the server's role (on PostgreSQL) has no UPDATE privilege at all.
    await expect(
      s.owner.query(`UPDATE matter_versions SET announcement = 'x' WHERE matter_id = $1`, [roadId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      s.database.query(`UPDATE matter_versions SET announcement = 'x' WHERE matter_id = $1`, [roadId]),
    ).rejects.toThrow(/append-only|permission denied/);
  });

  it('refuses a stale version, a date before the previous version, and a duplicate code', async () => {
    const m = (await get(`/api/catalog/matters/${roadId}`)).json().latest;
    const stale = await post(`/api/catalog/matters/${roadId}/versions`, {
      version: m.version - 1,
      effectiveFrom: '2027-01-01',
      announcement: 'x号',
      name: '新名称',
    });
    expect(stale.statusCode, stale.body).toBe(409);
    const early = await post(`/api/catalog/matters/${roadId}/versions`, {
      version: m.version,
      effectiveFrom: '2020-01-01',
      announcement: 'x号',
      name: '新名称',
    });
    expect(early.json().details).toMatchObject([
      { path: 'body.effectiveFrom', rule: 'effective_from_not_before_previous' },
    ]);
    const other = (await get(`/api/catalog/matters?q=${enc('占道')}`)).json().items[0];
    const dup = await post(`/api/catalog/matters/${roadId}/versions`, {
      version: m.version,
      effectiveFrom: '2027-01-01',
      announcement: 'x号',
      code: other.code,
    });
    expect(dup.statusCode, dup.body).toBe(409);
  });

  it('rejects a discretion range with min > max, and a proposed fine outside the legal range', async () => {
    const m = (await get(`/api/catalog/matters/${roadId}`)).json().latest;
    const fixed = { kind: 'fixed', minFen: 500000, maxFen: 100000 };
    const bad = await post(`/api/catalog/matters/${roadId}/versions`, {
      version: m.version,
      effectiveFrom: '2027-01-01',
      announcement: 'x号',
      discretion: { tiers: { first: { individual: fixed, organisation: fixed } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ rule: 'max_not_below_min' });
    const facts = { tier: 'first', circumstance: 'ordinary', factors: [] };
    const max = (
      await post(`/api/catalog/matters/${roadId}/discretion`, { party: { type: 'individual' }, facts })
    ).json().recommendation.legalRange.maxFen;
    const over = (
      await post(`/api/catalog/matters/${roadId}/discretion`, {
        party: { type: 'individual' },
        facts,
        proposedFen: max + 1,
      })
    ).json();
    expect(over.check).toMatchObject({ ok: false });
    const atMax = (
      await post(`/api/catalog/matters/${roadId}/discretion`, {
        party: { type: 'individual' },
        facts,
        proposedFen: max,
      })
    ).json();
    expect(atMax.check.ok).toBe(true); // 以下 includes the bound
  });

  it('publishes lists as versions and shows published matters to the public without login', async () => {
    const lists = (await get('/api/catalog/lists')).json().lists;
    const waiver = lists.find((l: { kind: string }) => l.kind === 'first_violation_waiver');
    expect(waiver.matters.length).toBeGreaterThan(100);
    const next = await post('/api/catalog/lists/first_violation_waiver/versions', {
      matterIds: [roadId],
      effectiveFrom: '2027-01-01',
      announcement: '测试清单',
      baseVersion: waiver.version,
    });
    expect(next.statusCode).toBe(201);
    const again = await post('/api/catalog/lists/first_violation_waiver/versions', {
      matterIds: [roadId],
      effectiveFrom: '2027-01-01',
      announcement: '测试清单',
      baseVersion: waiver.version,
    });
    expect(again.statusCode).toBe(409);
    const pub = await s.call({ method: 'GET', url: `/api/public/catalog/matters?q=${enc('占道')}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().total).toBeGreaterThan(0);
    const page = await s.call({ method: 'GET', url: `/api/public/catalog/matters/${roadId}` });
    expect(page.json().matter.name).toContain('城市道路');
    expect(page.json().matter).not.toHaveProperty('townPowers'); // internal routing stays internal
  });

  it('leaves an intact audit chain behind every catalog write', async () => {
    expect(await s.verifyAudit()).toMatchObject({ ok: true });
  });

  it('lets only catalog writers write', async () => {
    const officer = await s.login('officer');
    expect((await get('/api/catalog/matters?limit=1', officer)).statusCode).toBe(200);
    const m = (await get(`/api/catalog/matters/${roadId}`)).json().latest;
    expect(
      (
        await post(
          `/api/catalog/matters/${roadId}/versions`,
          { version: m.version, effectiveFrom: '2027-01-01', announcement: 'x号', name: 'x' },
          officer,
        )
      ).statusCode,
    ).toBe(403);
    expect((await get('/api/catalog/matters', await s.login('gridworker'))).statusCode).toBe(403);
  });
});
