import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@openenforce/domain/cases';
import { eventWorld, type EventWorld } from '../../test/factories.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

/*
 * The case list's Excel export (issue 10 §11): the list's filters, one row per case, the party masked in the file
 * (an exported view, §7) even for those who see it in full on screen; a reader without case.read is refused.
 */
describe.each(DRIVERS)('case list export on %s', (driver) => {
  let s: TestServer;
  let w: EventWorld;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(driver);
    w = await eventWorld(s);
    for (const u of ['officer', 'gridworker']) c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const get = (url: string, who: string) => s.call({ method: 'GET', url, cookie: c[who] });
  const open = async (summary: string, name: string) => {
    const first17 = '91331081MA2AXXXX0';
    const res = await s.call({
      method: 'POST',
      url: '/api/cases',
      cookie: c.officer,
      payload: {
        matterId: w.matterId,
        townId: w.townId,
        act: { date: '2026-11-20', discoveredOn: '2026-11-21', place: '泽国镇导出路' },
        party: { kind: 'organisation', name, idNumber: first17 + usccCheckChar(first17)! },
        summary,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string };
  };
  const sheet = async (url: string) => {
    const res = await get(url, 'officer');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const rows: Record<string, unknown>[] = [];
    for (let i = 2; i <= ws.rowCount; i++) {
      const v = (ws.getRow(i).values as unknown[]).slice(1);
      if (v.length) rows.push(Object.fromEntries(header.map((h, j) => [h, v[j]])));
    }
    return { rows, count: Number(res.headers['x-export-rows']) };
  };

  it('writes the filtered list with the party masked', async () => {
    const a = await open('导出测试案件甲', '导出甲餐饮有限公司');
    await open('另一案件乙', '乙商贸有限公司');
    const out = await sheet(`/api/cases/export?q=${encodeURIComponent('导出测试案件甲')}`);
    expect(out.count).toBe(1);
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]).toMatchObject({ 案件编号: a.number, 状态: '案源登记' });
    expect(String(out.rows[0]!['当事人'])).not.toContain('导出甲餐饮有限公司');
    expect(String(out.rows[0]!['证件号码'])).toContain('*');
    // The screen shows the case's handler the party in full: the file does not.
    const list = await get(`/api/cases?q=${encodeURIComponent('导出测试案件甲')}`, 'officer');
    expect(list.json().items[0].partyName).toBe('导出甲餐饮有限公司');
    const all = await sheet('/api/cases/export?status=lead');
    expect(all.count).toBeGreaterThanOrEqual(2);
  });

  it('refuses a reader without case.read and a bad filter', async () => {
    expect((await get('/api/cases/export', 'gridworker')).statusCode).toBe(403);
    const bad = await get('/api/cases/export?status=nonsense', 'officer');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('query.status');
  });
});
