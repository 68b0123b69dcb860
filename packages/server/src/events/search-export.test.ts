import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, eventWorld, type EventWorld } from '../../test/factories.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import { users } from '../platform/auth/auth.schema.ts';
import { eventNo } from './events.shared.ts';

/*
 * The command centre's search, counts and export (issue 13 §3.3): by number, address and reporter phone (pii.read,
 * within scope), counts that match the pages, an XLSX of any list with personal data masked unless pii.read.
 */
describe.each(DRIVERS)('event search, counts and export on %s', (driver) => {
  let s: TestServer;
  let w: EventWorld;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(driver);
    w = await eventWorld(s);
    for (const u of ['operator', 'leader', 'officer', 'supervisor']) c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const get = (url: string, who: string) => s.call({ method: 'GET', url, cookie: c[who] });
  const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

  it('finds an event by its number (with or without SJ) and by its address', async () => {
    const e = await buildEvent(s, w, 'reported', { address: '泽国镇检索路 88 号' });
    const no = eventNo(e);
    expect(ids(await get(`/api/events?no=${no}`, 'operator'))).toEqual([e.id]);
    expect(ids(await get(`/api/events?no=${no.toLowerCase()}`, 'operator'))).toEqual([e.id]);
    expect(ids(await get(`/api/events?no=${no.slice(2)}`, 'operator'))).toEqual([e.id]);
    expect(ids(await get(`/api/events?no=${e.seq}`, 'operator'))).toEqual([e.id]);
    // The right sequence on another day is another number: nothing.
    expect(ids(await get(`/api/events?no=SJ19990101${no.slice(10)}`, 'operator'))).toEqual([]);
    expect(ids(await get(`/api/events?q=${encodeURIComponent('检索路 88')}`, 'operator'))).toEqual([e.id]);
    const bad = await get('/api/events?no=SJ-abc', 'operator');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([expect.objectContaining({ path: 'query.no', rule: 'event_no' })]);
  });

  it('finds by the reporter phone only for readers of personal data', async () => {
    const e = await buildEvent(s, w, 'reported', { reporterPhone: '136 0000 7321', source: 'hotline' });
    expect(ids(await get('/api/events?phone=13600007321', 'operator'))).toEqual([e.id]);
    expect(ids(await get('/api/events?phone=7321', 'operator'))).toContain(e.id);
    for (const url of [
      '/api/events?phone=7321',
      '/api/events/count?phone=7321',
      '/api/events/export.xlsx?phone=7321',
    ]) {
      const refused = await get(url, 'leader');
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().details).toMatchObject([{ path: 'query.phone', rule: 'pii.read' }]);
    }
  });

  it('counts what the pages list, beyond a hundred', async () => {
    for (let i = 0; i < 130; i++) await buildEvent(s, w, 'reported', { description: `分页计数测试 ${i}` });
    const filter = `queue=untriaged&q=${encodeURIComponent('分页计数测试')}`;
    const count = await get(`/api/events/count?${filter}`, 'operator');
    expect(count.statusCode).toBe(200);
    expect(count.json()).toEqual({ total: 130 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/api/events?${filter}&limit=50${cursor ? `&cursor=${cursor}` : ''}`, 'operator');
      seen.push(...ids(page));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
  });

  it('exports a list as XLSX, personal data masked unless the reader holds pii.read', async () => {
    const e = await buildEvent(s, w, 'reported', {
      reporterName: '陈导出',
      reporterPhone: '13600005555',
      description: '导出测试事件',
      source: 'hotline',
    });
    const read = async (who: string) => {
      const res = await get(`/api/events/export.xlsx?q=${encodeURIComponent('导出测试事件')}`, who);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain('attachment');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(1).values as string[]).slice(1);
      const row = (ws.getRow(2).values as string[]).slice(1);
      return Object.fromEntries(header.map((h, i) => [h, row[i]]));
    };
    const full = await read('operator');
    expect(full).toMatchObject({ 事件编号: eventNo(e), 状态: '待受理', 上报人: '陈导出', 联系电话: '13600005555' });
    const masked = await read('supervisor');
    expect(masked).toMatchObject({ 事件编号: eventNo(e), 上报人: '陈**', 联系电话: '136****5555' });
  });

  it("keeps a town reader's phone search to the town", async () => {
    const [{ id: other }] = (await s.database.query<{ id: string }>(
      `SELECT id FROM regions WHERE level = 'town' AND id <> $1 ORDER BY id LIMIT 1`,
      [w.townId],
    )) as [{ id: string }];
    const mine = await buildEvent(s, w, 'reported', { reporterPhone: '13900002468', source: 'hotline' });
    const theirs = await buildEvent(s, w, 'reported', {
      reporterPhone: '13900002468',
      source: 'hotline',
      townId: other,
    });
    expect(new Set(ids(await get('/api/events?phone=2468', 'operator')))).toEqual(new Set([mine.id, theirs.id]));
    // The operator, narrowed to one town (a town's command seat), finds only the town's report.
    await s.owner.db.update(users).set({ scopeTownId: w.townId }).where(eq(users.username, 'operator'));
    const town = await s.login('operator');
    const res = await s.call({ method: 'GET', url: '/api/events?phone=2468', cookie: town });
    expect(ids(res)).toEqual([mine.id]);
    const count = await s.call({ method: 'GET', url: '/api/events/count?phone=2468', cookie: town });
    expect(count.json()).toEqual({ total: 1 });
  });
});
