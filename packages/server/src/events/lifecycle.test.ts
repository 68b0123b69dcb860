import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, multipart, personOf, pointIn, TINY_JPEG } from '../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

describe.each(DRIVERS)('event lifecycle on %s', (driver) => {
  let s: TestServer;
  const c: Record<string, string> = {};
  let spot: { lng: number; lat: number };
  beforeAll(async () => {
    s = await testServer(driver);
    for (const u of ['operator', 'officer', 'officer2', 'gridworker', 'auxiliary', 'leader', 'supervisor'])
      c[u] = await s.login(u);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
  });
  afterAll(() => s?.close());

  const post = (url: string, payload: object, who: string) => s.call({ method: 'POST', url, payload, cookie: c[who] });
  const get = (url: string, who: string) => s.call({ method: 'GET', url, cookie: c[who] });
  const photo = async (who: string, kind = 'report') => {
    const m = multipart(TINY_JPEG, 'p.jpg', 'image/jpeg');
    const res = await s.call({ method: 'POST', url: `/api/events/photos?kind=${kind}`, cookie: c[who], ...m });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const report = async (extra: object = {}) => {
    const res = await post(
      '/api/events',
      {
        category: 'exposed_garbage',
        description: '路边暴露垃圾一堆',
        ...spot,
        photoIds: [await photo('gridworker')],
        ...extra,
      },
      'gridworker',
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('walks report → triage → dispatch → accept → handle → verify → rate, with timeline and audit', async () => {
    const { event } = await report();
    expect(event).toMatchObject({ status: 'reported', source: 'grid_worker', townId: '331081006' });
    let d = (await get(`/api/events/${event.id}`, 'operator')).json();
    // The jurisdiction engine proposes the town team of an empowered town, with its explanation.
    expect(d.proposal).toMatchObject({ ok: true, ruleId: 'JUR-EMPOWERED', subjectName: '温岭市泽国镇人民政府' });
    const officerTeam = (await personOf(s, 'officer')).teamId;
    expect(d.proposal.teamId).toBe(officerTeam);

    let e = (await post(`/api/events/${event.id}/triage`, { version: d.version }, 'operator')).json();
    expect(e).toMatchObject({ status: 'triaged', teamId: officerTeam });
    e = (await post(`/api/events/${event.id}/dispatch`, { version: e.version }, 'operator')).json();
    expect(e.status).toBe('dispatched');
    // exposed_garbage: 24 clock hours from TEST_NOW.
    expect(e.deadline).toBe('2026-11-23T02:00:00.000Z');
    e = (await post(`/api/events/${event.id}/accept`, { version: e.version }, 'officer')).json();
    expect(e.status).toBe('accepted');
    const noPhoto = await post(
      `/api/events/${event.id}/handle`,
      { outcome: 'fixed_on_site', version: e.version, note: '已清理' },
      'officer',
    );
    expect(noPhoto.statusCode).toBe(422);
    expect(noPhoto.json().details[0]).toMatchObject({ rule: 'EVT-PHOTO-AFTER' });
    e = (
      await post(
        `/api/events/${event.id}/handle`,
        { outcome: 'fixed_on_site', version: e.version, note: '已清理', photoIds: [await photo('officer', 'after')] },
        'officer',
      )
    ).json();
    expect(e.status).toBe('handled');
    // Someone who did not report may not verify.
    const other = await post(`/api/events/${event.id}/verify`, { version: e.version, passed: true }, 'operator');
    expect(other.statusCode).toBe(403);
    expect(other.json().details[0]).toMatchObject({ rule: 'EVT-VERIFIER' });
    expect(other.json().details[0].message.zh).toContain('报告人');
    e = (await post(`/api/events/${event.id}/verify`, { version: e.version, passed: true }, 'gridworker')).json();
    expect(e.status).toBe('closed');
    e = (await post(`/api/events/${event.id}/rate`, { rating: 2, comment: '太慢' }, 'gridworker')).json();
    expect(e.rating).toBe(2);
    const low = (await get('/api/events?queue=low_rating', 'operator')).json();
    expect(low.items.map((i: { id: string }) => i.id)).toContain(event.id);

    d = (await get(`/api/events/${event.id}`, 'operator')).json();
    expect(d.timeline.map((t: { action: string }) => t.action)).toEqual([
      'report',
      'triage',
      'dispatch',
      'accept',
      'handle',
      'verify',
      'rate',
    ]);
    expect(d.photos.map((p: { kind: string }) => p.kind).sort()).toEqual(['after', 'report']);
    expect(d.onTime).toBe(true);
    expect((await s.verifyAudit()).ok).toBe(true);
    // The grid worker finds it among their own reports; the timeline names them.
    const mine = (await get('/api/events?queue=reported_by_me', 'gridworker')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(event.id);
    expect((await get('/api/events?queue=reported_by_me', 'operator')).json().items).toEqual([]);
    expect(d.timeline[0].actorName).toEqual(expect.any(String));
  });

  it('fails verification → reopened to the same team with a counter', async () => {
    const { event } = await report({ category: 'piled_materials', description: '人行道堆放砖块' });
    let e = (await post(`/api/events/${event.id}/triage`, { version: 1 }, 'operator')).json();
    e = (await post(`/api/events/${event.id}/dispatch`, { version: e.version }, 'operator')).json();
    e = (await post(`/api/events/${event.id}/accept`, { version: e.version }, 'officer')).json();
    e = (
      await post(
        `/api/events/${event.id}/handle`,
        { outcome: 'fixed_on_site', version: e.version, note: '已清理', photoIds: [await photo('officer', 'after')] },
        'officer',
      )
    ).json();
    e = (
      await post(
        `/api/events/${event.id}/verify`,
        { version: e.version, passed: false, note: '仍有砖块' },
        'gridworker',
      )
    ).json();
    expect(e).toMatchObject({ status: 'accepted', reopenCount: 1, teamId: (await personOf(s, 'officer')).teamId });
  });

  it('a return needs a reason; arbitration records the decision and counts 推诿', async () => {
    const { event } = await report({ category: 'illegal_posting', description: '电杆小广告' });
    let e = (await post(`/api/events/${event.id}/triage`, { version: 1 }, 'operator')).json();
    e = (await post(`/api/events/${event.id}/dispatch`, { version: e.version }, 'operator')).json();
    const bare = await post(`/api/events/${event.id}/return`, { version: e.version, reason: '' }, 'officer');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details[0]).toMatchObject({ path: 'body.reason' });
    // Another town's officer may not return it.
    const stranger = await post(
      `/api/events/${event.id}/return`,
      { version: e.version, reason: '不归我们' },
      'officer2',
    );
    expect(stranger.statusCode).toBe(404);
    e = (
      await post(`/api/events/${event.id}/return`, { version: e.version, reason: '不属于本队辖区' }, 'officer')
    ).json();
    expect(e.status).toBe('returned');
    const queue = (await get('/api/events?queue=returned', 'operator')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(event.id);
    e = (
      await post(
        `/api/events/${event.id}/arbitrate`,
        { version: e.version, justified: false, reason: '位置在本镇辖区内' },
        'operator',
      )
    ).json();
    expect(e).toMatchObject({ status: 'dispatched', teamId: (await personOf(s, 'officer')).teamId });
    const d = (await get(`/api/events/${event.id}`, 'operator')).json();
    expect(d.timeline.at(-1)).toMatchObject({
      action: 'arbitrate',
      detail: { justified: false },
      reason: '位置在本镇辖区内',
    });
  });

  it('refuses a stale version, impossible or outside coordinates, unknown categories', async () => {
    const { event } = await report({ category: 'noise', description: '广场舞音响过大' });
    const stale = await post(`/api/events/${event.id}/triage`, { version: 9 }, 'operator');
    expect(stale.statusCode).toBe(409);
    const impossible = await post(
      '/api/events',
      { category: 'noise', description: 'x', lng: 200, lat: 28 },
      'gridworker',
    );
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().details[0]).toMatchObject({ path: 'body.lng' });
    const missing = await post('/api/events', { category: 'noise', description: 'x' }, 'gridworker');
    expect(missing.statusCode).toBe(400);
    const outside = await post(
      '/api/events',
      { category: 'noise', description: 'x', lng: 120.1, lat: 30.2 },
      'gridworker',
    );
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'EVENT_OUTSIDE_COUNTY', details: [{ path: 'body.lng' }] });
    expect(outside.json().message.en).toContain('outside the county');
    const unknown = await post('/api/events', { category: 'ufo', description: 'x', ...spot }, 'gridworker');
    expect(unknown.json()).toMatchObject({ code: 'EVENT_CATEGORY_UNKNOWN', details: [{ path: 'body.category' }] });
  });

  it('offers duplicates before submit and merges them; the merged report follows its master', async () => {
    const first = await report({ category: 'street_vending', description: '流动摊贩占道' });
    const near = { lng: spot.lng + 0.0001, lat: spot.lat };
    const offer = await get(
      `/api/events/duplicates?category=street_vending&lng=${near.lng}&lat=${near.lat}`,
      'gridworker',
    );
    expect(offer.json()[0]).toMatchObject({ id: first.event.id });
    expect(offer.json()[0].distanceM).toBeLessThan(20);
    const second = await post(
      '/api/events',
      { category: 'street_vending', description: '又见摊贩', ...near },
      'gridworker',
    );
    const dup = second.json().event;
    const merged = (
      await post(`/api/events/${dup.id}/merge`, { version: 1, masterId: first.event.id }, 'operator')
    ).json();
    expect(merged.status).toBe('merged');
    await post(`/api/events/${first.event.id}/triage`, { version: 1 }, 'operator');
    const d = (await get(`/api/events/${dup.id}`, 'operator')).json();
    expect(d.effectiveStatus).toBe('triaged');
    const self = await post(
      `/api/events/${first.event.id}/merge`,
      { version: 2, masterId: first.event.id },
      'operator',
    );
    expect(self.statusCode).toBe(422);
  });

  it('a county sets its own duplicate window and deadlines per category (versioned)', async () => {
    c['admin'] = await s.login('admin');
    const first = await report({ category: 'cooking_fumes', description: '油烟直排' });
    const away = { lng: spot.lng + 0.003, lat: spot.lat }; // ≈ 300 m east
    const dupUrl = `/api/events/duplicates?category=cooking_fumes&lng=${away.lng}&lat=${away.lat}`;
    expect((await get(dupUrl, 'gridworker')).json()).toEqual([]);
    const cat = (await get('/api/events/categories', 'admin'))
      .json()
      .find((x: { code: string }) => x.code === 'cooking_fumes');
    const patch = (body: object) =>
      s.call({ method: 'PATCH', url: '/api/events/categories/cooking_fumes', payload: body, cookie: c['admin'] });
    const saved = await patch({
      version: cat.version,
      duplicateRadiusM: 500,
      sla: { normal: { unit: 'working_days', n: 3 }, urgent: { unit: 'hours', n: 8 } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ duplicateRadiusM: 500, version: cat.version + 1 });
    expect((await patch({ version: cat.version, duplicateRadiusM: 40 })).statusCode).toBe(409);
    expect((await get(dupUrl, 'gridworker')).json()[0]).toMatchObject({ id: first.event.id });
    // The new deadline applies: TEST_NOW is Sunday 2026-11-22 10:00 China time; + 3 working days → Wed 11-25.
    let e = (await post(`/api/events/${first.event.id}/triage`, { version: 1 }, 'operator')).json();
    e = (await post(`/api/events/${first.event.id}/dispatch`, { version: e.version }, 'operator')).json();
    expect(e.deadline).toBe('2026-11-25T02:00:00.000Z');
  });

  it('checks APL-42 and APL-51 on an on-the-spot penalty', async () => {
    const { event } = await report({ category: 'outside_shop', description: '店外摆放货架' });
    let e = (await post(`/api/events/${event.id}/triage`, { version: 1 }, 'operator')).json();
    e = (await post(`/api/events/${event.id}/dispatch`, { version: e.version }, 'operator')).json();
    e = (await post(`/api/events/${event.id}/accept`, { version: e.version }, 'officer')).json();
    const officer = (await personOf(s, 'officer')).personId!;
    const auxiliary = (await personOf(s, 'auxiliary')).personId!;
    const penalty = (fineFen: number, officerIds: string[]) =>
      post(
        `/api/events/${event.id}/handle`,
        {
          outcome: 'simple_penalty',
          version: e.version,
          note: '当场处罚',
          party: { kind: 'citizen', name: '张三' },
          penalty: 'fine',
          fineFen,
          officerIds,
          formNo: 'JY-0001',
        },
        'officer',
      );
    const oneAndAux = await penalty(10_000, [officer, auxiliary]);
    expect(oneAndAux.statusCode).toBe(422);
    expect(oneAndAux.json().details.map((d: { rule: string }) => d.rule)).toContain('APL-42');
    // The matter (店外经营, 浙江市容条例 第十七条第三款) fines only after 逾期不改正: a first-instance fine is refused too.
    const over = await penalty(20_100, [officer, auxiliary]);
    expect(over.json().details.map((d: { rule: string }) => d.rule)).toEqual(['APL-51', 'APL-42', 'DISC-NO-FINE']);
  });

  /*
   * The outside review's three cases, on matters of the real catalog rows: a fine outside the matter's legal range,
   * or in a tier where the article sets none, is refused like the discretion calculator refuses it, naming the rule.
   */
  it('runs the catalog discretion check on an on-the-spot penalty, with the calculator’s refusals', async () => {
    const officer = (await personOf(s, 'officer')).personId!;
    const officer2 = (await personOf(s, 'officer2')).personId!;
    const matterId = async (q: string) => {
      const res = await get(`/api/catalog/matters?q=${encodeURIComponent(q)}`, 'operator');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items[0].id as string;
    };
    const accepted = async (matter: string) => {
      const { event } = await report({ category: 'outside_shop', description: '现场检查发现违法行为' });
      const officerTeam = (await personOf(s, 'officer')).teamId;
      let e = (
        await post(
          `/api/events/${event.id}/triage`,
          { version: 1, matterId: matter, teamId: officerTeam, overrideReason: '测试：指定本队处置' },
          'operator',
        )
      ).json();
      expect(e.status, JSON.stringify(e)).toBe('triaged');
      e = (await post(`/api/events/${event.id}/dispatch`, { version: e.version }, 'operator')).json();
      e = (await post(`/api/events/${event.id}/accept`, { version: e.version }, 'officer')).json();
      expect(e.status).toBe('accepted');
      return e as { id: string; version: number };
    };
    const penalty = (e: { id: string; version: number }, body: object) =>
      post(
        `/api/events/${e.id}/handle`,
        {
          outcome: 'simple_penalty',
          version: e.version,
          note: '当场处罚',
          officerIds: [officer, officer2],
          formNo: 'JY-0002',
          ...body,
        },
        'officer',
      );
    const rules = (res: { json(): { details?: { rule: string }[] } }) => res.json().details?.map((d) => d.rule);

    // 1. Restaurant fumes (大气法 第一百一十八条第一款: 5,000–50,000): an organisation fined 100 yuan → refused.
    const fumes = await accepted(await matterId('超过排放标准排放油烟'));
    const low = await penalty(fumes, {
      party: { kind: 'organisation', name: '某餐馆' },
      penalty: 'fine',
      fineFen: 10_000,
    });
    expect(low.statusCode).toBe(422);
    expect(rules(low)).toContain('DISC-OUTSIDE-LEGAL');
    const lowMsg = low.json().details.find((d: { rule: string }) => d.rule === 'DISC-OUTSIDE-LEGAL');
    expect(lowMsg.message.zh).toContain('DISC-OUTSIDE-LEGAL');
    expect(lowMsg.message.zh).toContain('《中华人民共和国大气污染防治法》第一百一十八条第一款');
    expect(lowMsg.message.en).toContain('below the minimum');

    // 2. Spitting (浙江市容条例 第三十二条第二款: 20–50, 可以): a citizen fined 200 yuan → refused; 50 → allowed.
    const spit = await accepted(await matterId('随地吐痰'));
    const citizen = { kind: 'citizen', name: '李四' };
    const high = await penalty(spit, { party: citizen, penalty: 'fine', fineFen: 20_000 });
    expect(high.statusCode).toBe(422);
    expect(rules(high)).toEqual(['DISC-OUTSIDE-LEGAL']);
    expect(high.json().details[0].message.en).toContain('above the maximum');
    // 通报批评 is a penalty kind the form can name, and APL-51 refuses it on the spot.
    const criticism = await penalty(spit, { party: citizen, penalty: 'circulated_criticism' });
    expect(criticism.statusCode).toBe(422);
    expect(rules(criticism)).toEqual(['APL-51']);
    expect(criticism.json().details[0].message.zh).toContain('通报批评');
    const ok = await penalty(spit, { party: citizen, penalty: 'fine', fineFen: 5_000, circumstance: 'grave' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('handled');

    // 3. 店外经营 (第十七条第三款: 逾期不改正的，可以处100–1,000): a first-instance fine → refused; the same fine after
    //    the order to correct was not obeyed → allowed.
    const shop = await accepted(await matterId('擅自超出门、窗进行店外经营'));
    const first = await penalty(shop, { party: citizen, penalty: 'fine', fineFen: 10_000 });
    expect(first.statusCode).toBe(422);
    expect(rules(first)).toEqual(['DISC-NO-FINE']);
    expect(first.json().details[0]).toMatchObject({ path: 'body.tier' });
    expect(first.json().details[0].message.zh).toContain('逾期不改正');
    const after = await penalty(shop, { party: citizen, penalty: 'fine', fineFen: 10_000, tier: 'failure_to_correct' });
    expect(after.statusCode, after.body).toBe(200);
    const detail = (await get(`/api/events/${shop.id}`, 'operator')).json();
    expect(detail.outcomeDetail).toMatchObject({ tier: 'failure_to_correct', fineFen: 10_000 });
  });

  it('a supervisor cannot triage; an auxiliary cannot accept', async () => {
    const { event } = await report({ category: 'noise', description: '夜间噪声' });
    const sup = await post(`/api/events/${event.id}/triage`, { version: 1 }, 'supervisor');
    expect(sup.statusCode).toBe(403);
    let e = (await post(`/api/events/${event.id}/triage`, { version: 1 }, 'operator')).json();
    e = (await post(`/api/events/${event.id}/dispatch`, { version: e.version }, 'operator')).json();
    const aux = await post(`/api/events/${event.id}/accept`, { version: e.version }, 'auxiliary');
    expect(aux.statusCode).toBe(403);
    expect(aux.json().details[0]).toMatchObject({ rule: 'EVT-ROLE' });
  });

  it('joint handling: the lead team handles, an assisting team records its part', async () => {
    const { event } = await report({ category: 'construction_waste', description: '工地渣土倾倒' });
    const helperTeam = (await personOf(s, 'leader')).teamId!;
    let e = (await post(`/api/events/${event.id}/triage`, { version: 1 }, 'operator')).json();
    e = (
      await post(`/api/events/${event.id}/dispatch`, { version: e.version, assistingTeamIds: [helperTeam] }, 'operator')
    ).json();
    const mine = (await get('/api/events?queue=mine', 'leader')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(event.id);
    const accepted = (await post(`/api/events/${event.id}/accept`, { version: e.version }, 'officer')).json();
    expect(accepted.status).toBe('accepted');
    const lead = await post(`/api/events/${event.id}/assist`, { note: '协助取证' }, 'officer');
    expect(lead.statusCode).toBe(403);
    const helped = await post(`/api/events/${event.id}/assist`, { note: '大队协助固定证据', position: spot }, 'leader');
    expect(helped.statusCode, helped.body).toBe(200);
    expect(helped.json().status).toBe('accepted');
    const d = (await get(`/api/events/${event.id}`, 'operator')).json();
    expect(d.assistingTeams).toEqual([{ id: helperTeam, name: expect.any(String) }]);
    expect(d.timeline.at(-1)).toMatchObject({ action: 'assist', teamId: helperTeam, lng: spot.lng, lat: spot.lat });
  });
});
