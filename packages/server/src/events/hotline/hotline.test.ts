import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, multipart, pointIn } from '../../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { DEMO_API_CLIENTS } from '../../demo/api-clients.ts';
import { parseTable } from '../../platform/spreadsheet/index.ts';
import { parseCallTime } from './hotline-import.ts';

const HEADER = '工单号,来电时间,诉求类别,诉求内容,地址,经度,纬度,来电人,联系电话,紧急程度';
const csv = (lines: string[]) => Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n');

describe('call times', () => {
  it('reads the ways hotline exports write them, as Beijing time, and refuses impossible ones', () => {
    const at = (s: string) => parseCallTime(s)?.toISOString() ?? null;
    expect(at('2026-11-21 09:30')).toBe('2026-11-21T01:30:00.000Z');
    expect(at('2026/11/21 9:30:15')).toBe('2026-11-21T01:30:15.000Z');
    expect(at('2026年11月21日 9时30分')).toBe('2026-11-21T01:30:00.000Z');
    expect(at('2026-11-21T09:30:00+08:00')).toBe('2026-11-21T01:30:00.000Z');
    expect(at('2026-11-21')).toBe('2026-11-20T16:00:00.000Z');
    expect(at('46347.5')).toBe('2026-11-21T04:00:00.000Z');
    expect(at('2026-02-30 10:00')).toBeNull();
    expect(at('2026-11-21 24:10')).toBeNull();
    expect(at('昨天上午')).toBeNull();
  });
});

describe.each(DRIVERS)('12345 hotline intake on %s', (driver) => {
  let s: TestServer;
  let spot: { lng: number; lat: number };
  const c: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(driver);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
    for (const u of ['operator', 'gridworker']) c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const count = async (sql: string, params: unknown[] = []) =>
    (await s.database.query<{ n: number }>(sql, params))[0]!.n;
  const counts = async () => [
    await count('SELECT count(*)::int AS n FROM events'),
    await count('SELECT count(*)::int AS n FROM event_steps'),
    await count('SELECT count(*)::int AS n FROM audit_log'),
  ];
  const upload = (bytes: Buffer, name = 'tickets.csv', who = 'operator', query = '') =>
    s.call({
      method: 'POST',
      url: `/api/events/hotline/import${query}`,
      cookie: c[who],
      ...multipart(bytes, name, 'text/csv'),
    });
  const row = (ticket: string, extra: Partial<Record<'time' | 'cat' | 'lng' | 'lat' | 'urg', string>> = {}) =>
    [
      ticket,
      extra.time ?? '2026-11-21 09:30',
      extra.cat ?? '暴露垃圾',
      '小区门口垃圾堆放多日',
      '泽国镇某小区东门',
      extra.lng ?? String(spot.lng),
      extra.lat ?? String(spot.lat),
      '李女士',
      '13900002222',
      extra.urg ?? '',
    ].join(',');

  it('imports a work-order file: routed events, timeline rows, one audit record each, a token per caller', async () => {
    const before = await counts();
    const res = await upload(csv([row('12345-A-0001'), '', row('12345-A-0002', { cat: 'noise', urg: '紧急' })]));
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ imported: 2, dryRun: false });
    expect(out.events.map((e: { row: number; ticketNo: string }) => [e.row, e.ticketNo])).toEqual([
      [2, '12345-A-0001'],
      [4, '12345-A-0002'],
    ]);
    expect(await counts()).toEqual([before[0]! + 2, before[1]! + 2, before[2]! + 2]);
    const rows = await s.database.query<Record<string, unknown>>(
      `SELECT source, external_id, category, urgency, reported_at, reporter_phone, town_id, status,
              proposal->>'ruleId' AS rule, citizen_token_hash IS NOT NULL AS has_token
         FROM events WHERE source = 'hotline' AND external_id LIKE '12345-A-%' ORDER BY external_id`,
    );
    expect(rows).toMatchObject([
      { category: 'exposed_garbage', urgency: 'normal', reporter_phone: '13900002222', rule: 'JUR-EMPOWERED' },
      { category: 'noise', urgency: 'urgent', status: 'reported', town_id: '331081006', has_token: true },
    ]);
    expect((rows[0]!.reported_at as Date).toISOString()).toBe('2026-11-21T01:30:00.000Z');
    const audited = await count(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'event.report' AND entity_id = ANY($1)`,
      [out.events.map((e: { id: string }) => e.id)],
    );
    expect(audited).toBe(2);
    // The caller follows the event with the token the hotline texts them.
    const follow = await s.call({ method: 'GET', url: `/api/public/events/${out.events[0].token}` });
    expect(follow.json()).toMatchObject({ no: out.events[0].no, status: 'reported' });
    // The operator sees it in the command centre, from the hotline.
    const list = (await s.call({ method: 'GET', url: '/api/events?source=hotline', cookie: c['operator'] })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([out.events[0].id]));
  });

  it('refuses a file with any bad row — by row and column — and writes nothing', async () => {
    const before = await counts();
    const res = await upload(
      csv([
        row('12345-B-0001'),
        row('12345-B-0002', { cat: '飞碟' }),
        row('12345-B-0003', { lng: '', lat: '' }),
        row('12345-B-0004', { lng: '200' }),
        row('12345-B-0005', { lng: '120.1', lat: '30.2' }),
        row('12345-B-0006', { time: '2026-13-01 10:00' }),
        row('12345-B-0001'),
        row('12345-A-0001'),
        row('12345-B-0009', { time: '2026-12-01 10:00' }),
        row('12345-B-0010', { urg: '很急' }),
        row('12345-B-0011', { lng: '东经121度' }),
      ]),
    );
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.message).toEqual({
      zh: '导入文件有错误，未写入任何数据',
      en: 'The file has errors: nothing was imported',
    });
    expect(body.details.map((d: { row: number; column: string; rule: string }) => [d.row, d.column, d.rule])).toEqual([
      [3, '诉求类别', 'category_exists'],
      [4, '经度', 'required'],
      [4, '纬度', 'required'],
      [5, '经度', 'lng_range'],
      [6, '经度', 'inside_county'],
      [7, '来电时间', 'datetime'],
      [8, '工单号', 'duplicate_in_file'],
      [9, '工单号', 'already_imported'],
      [10, '来电时间', 'not_in_future'],
      [11, '紧急程度', 'normal_or_urgent'],
      [12, '经度', 'number'],
    ]);
    expect(body.details[0].path).toBe('row 3 / 诉求类别');
    expect(await counts()).toEqual(before);
  });

  it('reads XLSX as well, validates only on dryRun, and serves a template that imports as it is', async () => {
    const before = await counts();
    const template = await s.call({ method: 'GET', url: '/api/events/hotline/template.xlsx', cookie: c['operator'] });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-disposition']).toContain('hotline-import-template.xlsx');
    const table = await parseTable(template.rawPayload, 'template.xlsx');
    expect(table.headers).toEqual(HEADER.split(','));
    const dry = await s.call({
      method: 'POST',
      url: '/api/events/hotline/import?dryRun=true',
      cookie: c['operator'],
      ...multipart(template.rawPayload, 'template.xlsx', 'application/octet-stream'),
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ imported: 1, dryRun: true, events: [] });
    expect(await counts()).toEqual(before);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('工单');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      '12345-X-0001',
      '2026-11-22 08:05',
      'street_vending',
      '摊贩占道',
      '',
      spot.lng,
      spot.lat,
      '',
      '',
      '普通',
    ]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(xlsx, 'tickets.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().events[0].no).toMatch(/^SJ/);
  });

  it('is for the command centre; a file without the layout is refused on its header', async () => {
    expect((await upload(csv([row('12345-C-0001')]), 'a.csv', 'gridworker')).statusCode).toBe(403);
    const template = await s.call({ method: 'GET', url: '/api/events/hotline/template.xlsx', cookie: c['gridworker'] });
    expect(template.statusCode).toBe(403);
    const headerless = await upload(Buffer.from('工单号,内容\r\nX,Y\r\n'));
    expect(headerless.statusCode).toBe(422);
    expect(headerless.json().details).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 1, column: '经度', rule: 'column_missing' })]),
    );
    const pdf = await upload(Buffer.from('%PDF-1.4'), 'tickets.pdf');
    expect(pdf.statusCode).toBe(415);
  });

  it('takes tickets pushed by the hotline system with its API key, idempotently', async () => {
    const key = { 'x-api-key': DEMO_API_CLIENTS.hotline.key };
    const ticket = {
      category: 'cooking_fumes',
      description: '楼下饭店油烟直排',
      ...spot,
      externalId: '12345-API-0001',
      reporterName: '赵先生',
      reporterPhone: '13700003333',
      occurredAt: '2026-11-22T09:40:00+08:00',
    };
    const before = await counts();
    const none = await s.call({ method: 'POST', url: '/api/hotline/tickets', payload: ticket });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({
      code: 'API_KEY_INVALID',
      message: { zh: '接口密钥无效', en: 'Invalid API key' },
      details: [{ path: 'headers.x-api-key', rule: 'required' }],
    });
    const foreign = await s.call({
      method: 'POST',
      url: '/api/hotline/tickets',
      payload: ticket,
      headers: { 'x-api-key': DEMO_API_CLIENTS.open311.key },
    });
    expect(foreign.statusCode).toBe(401);
    // A session is not a key.
    const session = await s.call({
      method: 'POST',
      url: '/api/hotline/tickets',
      payload: ticket,
      cookie: c['operator'],
    });
    expect(session.statusCode).toBe(401);
    expect(await counts()).toEqual(before);

    const first = await s.call({ method: 'POST', url: '/api/hotline/tickets', payload: ticket, headers: key });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'reported', replay: false, token: expect.any(String) });
    const after = await counts();
    const again = await s.call({ method: 'POST', url: '/api/hotline/tickets', payload: ticket, headers: key });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, replay: true, token: null });
    expect(await counts()).toEqual(after);
    const [step] = await s.database.query<{ actor_role: string }>(
      'SELECT actor_role FROM event_steps WHERE event_id = $1',
      [first.json().id],
    );
    expect(step!.actor_role).toBe('hotline:demo-hotline');

    const { externalId: _e, ...noTicket } = ticket;
    const missing = await s.call({ method: 'POST', url: '/api/hotline/tickets', payload: noTicket, headers: key });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0]).toMatchObject({ path: 'body.externalId' });
    const outside = await s.call({
      method: 'POST',
      url: '/api/hotline/tickets',
      payload: { ...ticket, externalId: '12345-API-0002', lng: 120.1, lat: 30.2 },
      headers: key,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('EVENT_OUTSIDE_COUNTY');
    // A ticket pushed by the API is taken: the same number in a file is refused.
    const dup = await upload(csv([row('12345-API-0001')]));
    expect(dup.json().details[0]).toMatchObject({ row: 2, column: '工单号', rule: 'already_imported' });
    expect(await counts()).toEqual(after);
  });

  it('stores a ticket delivered several times at once once: the batch finds the repeats', async () => {
    const key = { 'x-api-key': DEMO_API_CLIENTS.hotline.key };
    const ticket = { externalId: '12345-API-SAME', category: 'noise', description: '夜间施工噪音', ...spot };
    const answers = await Promise.all(
      [1, 2, 3].map(() => s.call({ method: 'POST', url: '/api/hotline/tickets', payload: ticket, headers: key })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM events WHERE external_id = '12345-API-SAME'`)).toBe(1);
  });

  it('refuses a revoked key at once, though keys are cached (a trigger notifies every process)', async () => {
    const key = { 'x-api-key': DEMO_API_CLIENTS.hotline.key };
    const post = (n: number) =>
      s.call({
        method: 'POST',
        url: '/api/hotline/tickets',
        payload: { externalId: `12345-REVOKE-${n}`, category: 'noise', description: '夜间施工噪音', ...spot },
        headers: key,
      });
    expect((await post(1)).statusCode).toBe(201); // the key is now cached
    // Revoked by hand (psql), not through the application.
    await s.owner.query(`UPDATE api_clients SET active = false WHERE id = 'demo-hotline'`);
    try {
      // The NOTIFY reaches the listener asynchronously: the answer turns within moments.
      let status = 0;
      for (let i = 0; i < 50 && status !== 401; i++) {
        status = (await post(100 + i)).statusCode;
        if (status !== 401) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(401);
      expect((await post(200)).statusCode).toBe(401);
    } finally {
      await s.owner.query(`UPDATE api_clients SET active = true WHERE id = 'demo-hotline'`);
    }
  });
});
