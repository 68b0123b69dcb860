import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

const HEADER = [
  '序号',
  '事项代码',
  '事项名称',
  '执法领域',
  '划出部门',
  '法律依据',
  '处罚条款',
  '罚款下限（元）',
  '罚款上限（元）',
  '罚款方式',
  '清单类型',
  '乡镇权限',
  '适用乡镇',
  '生效日期',
];
const row = (i: number, over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    序号: String(i),
    事项代码: `IMP${String(i).padStart(6, '0')}`,
    事项名称: `对测试违法行为${i}的行政处罚`,
    执法领域: '城市管理',
    划出部门: '市容环境卫生主管部门',
    法律依据: '《浙江省城市市容和环境卫生管理条例》第十二条',
    处罚条款: '第十二条第三款',
    '罚款下限（元）': '200',
    '罚款上限（元）': '3000',
    罚款方式: 'fixed',
    清单类型: '综合',
    乡镇权限: '',
    适用乡镇: '',
    生效日期: '2026-12-01',
  };
  return HEADER.map((h) => over[h] ?? base[h]!);
};
const csv = (rows: string[][]) =>
  Buffer.from(
    rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'),
  );

async function multipart(bytes: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  const res = new Response(form);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    headers: { 'content-type': res.headers.get('content-type')! },
  };
}

describe.each(DRIVERS)('catalog import and export on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  const count = async () => Number((await s.database.query<{ n: string }>('SELECT count(*) AS n FROM matters'))[0]!.n);
  const upload = async (bytes: Buffer, filename: string, query = '', accept?: string) => {
    const body = await multipart(bytes, filename);
    return s.call({
      method: 'POST',
      url: `/api/catalog/import?effectiveFrom=2026-12-01&announcement=${encodeURIComponent('测试公告')}${query}`,
      cookie: admin,
      payload: body.payload,
      headers: { ...body.headers, ...(accept ? { accept } : {}) },
    });
  };
  const lines = (d: { row: number; column: string; rule: string }[]) => d.map((x) => `${x.row}/${x.column}/${x.rule}`);

  it('imports new matters in one transaction, with progress as NDJSON, and finds them', async () => {
    const before = await count();
    const rows = Array.from({ length: 1200 }, (_, i) =>
      row(i + 1, i === 0 ? { 乡镇权限: '赋权', 适用乡镇: '泽国镇、大溪镇' } : {}),
    );
    const res = await upload(csv([HEADER, ...rows]), 'catalog.csv', '', 'application/x-ndjson');
    expect(res.statusCode).toBe(200);
    const events = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ phase: 'validated', total: 1200 });
    expect(events.filter((e) => e.phase === 'writing').map((e) => e.done)).toEqual([1000, 1200]);
    expect(events.filter((e) => e.phase === 'done')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ phase: 'done', imported: 1200 });
    expect(await count()).toBe(before + 1200);
    const found = (await s.call({ method: 'GET', url: `/api/catalog/matters?q=IMP000001`, cookie: admin })).json()
      .items[0];
    const m = (await s.call({ method: 'GET', url: `/api/catalog/matters/${found.id}`, cookie: admin })).json().latest;
    expect(m.townPowers).toEqual({ '331081006': 'empowered', '331081007': 'empowered' });
  });

  it("imports the county's own seven-column layout, the domain read from 划出部门 or defaulted", async () => {
    const seven = ['序号', '事项代码', '事项名称', '法律依据', '划转范围', '具体职责边界', '划出部门'];
    const rows = [
      [
        '1',
        'SEV000001',
        '对在街道两侧吊挂有碍市容物品的行政处罚',
        '《浙江省城市市容和环境卫生管理条例》第十一条',
        '全部',
        '',
        '市容环境卫生主管部门',
      ],
      [
        '2',
        'SEV000002',
        '对擅自取水的行政处罚',
        '《中华人民共和国水法》第四十八条',
        '部分',
        '仅限河道管理范围内',
        '水行政主管部门',
      ],
      ['3', 'SEV000003', '对未按规定设置防治设施的行政处罚', '《某条例》第十条', '全部', '', '地方人民政府指定的部门'],
    ];
    // Without a default, the row whose department names no domain is reported on 划出部门, and nothing is written.
    const before = await count();
    const refused = await upload(csv([seven, ...rows]), 'county.csv');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(lines(refused.json().details)).toEqual(['4/划出部门/domain_not_derivable']);
    expect(await count()).toBe(before);

    const res = await upload(csv([seven, ...rows]), 'county.csv', `&defaultDomain=${encodeURIComponent('生态环境')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 3 });
    const domainOf = async (code: string) => {
      const found = (await s.call({ method: 'GET', url: `/api/catalog/matters?q=${code}`, cookie: admin })).json();
      const m = (
        await s.call({ method: 'GET', url: `/api/catalog/matters/${found.items[0].id}`, cookie: admin })
      ).json();
      return [m.latest.domain, m.latest.transferScope, m.latest.responsibilityBoundary];
    };
    expect(await domainOf('SEV000001')).toEqual(['城市管理', 'all', null]);
    expect(await domainOf('SEV000002')).toEqual(['水利', 'part', '仅限河道管理范围内']);
    expect(await domainOf('SEV000003')).toEqual(['生态环境', 'all', null]);
  });

  it('reports every bad row by row and column, and writes nothing', async () => {
    const before = await count();
    const rows = [
      row(1, { 事项代码: 'BAD0001' }),
      row(2, { 事项代码: 'BAD0001' }), // duplicate in the file
      row(3, { 事项代码: 'IMP000005' }), // exists already
      row(4, { 事项代码: 'BAD0004', 执法领域: '天文' }),
      row(5, { 事项代码: 'BAD0005', 乡镇权限: '赋权', 适用乡镇: '火星镇' }),
      row(6, { 事项代码: 'BAD0006', '罚款下限（元）': '5000', '罚款上限（元）': '100' }),
      row(7, { 事项代码: 'BAD0007', 生效日期: '2026-02-30' }),
    ];
    const res = await upload(csv([HEADER, ...rows]), 'bad.csv');
    expect(res.statusCode).toBe(422);
    expect(lines(res.json().details)).toEqual(
      expect.arrayContaining([
        '3/事项代码/duplicate_in_file',
        '4/事项代码/duplicate',
        '5/执法领域/domain_unknown',
        '6/适用乡镇/town_unknown:火星镇',
        '8/生效日期/valid_date',
      ]),
    );
    expect(lines(res.json().details)).toContain('7/罚款上限（元）/max_not_below_min');
    expect(await count()).toBe(before);
  });

  it('reads GBK CSV and XLSX with blank rows, and refuses merged data cells', async () => {
    // A CSV saved by Excel on a Chinese Windows: GBK bytes (张三 D5C5 C8FD, 违法 CEA5 B7A8, 城市管理 B3C7 CAD0 B9DC C0ED).
    const b = (...x: number[]) => Buffer.from(x);
    const zhangsan = b(0xd5, 0xc5, 0xc8, 0xfd);
    const gbk = Buffer.concat([
      Buffer.from('code,name,domain,source_department,law\r\nGBK0001,'),
      zhangsan,
      b(0xce, 0xa5, 0xb7, 0xa8),
      Buffer.from(','),
      b(0xb3, 0xc7, 0xca, 0xd0, 0xb9, 0xdc, 0xc0, 0xed),
      Buffer.from(','),
      zhangsan,
      Buffer.from(',Law A\r\n'),
    ]);
    expect((await upload(gbk, 'gbk.csv')).json()).toEqual({ imported: 1, dryRun: false });
    const found = (await s.call({ method: 'GET', url: '/api/catalog/matters?q=GBK0001', cookie: admin })).json()
      .items[0];
    expect(found).toMatchObject({ name: '张三违法', domain: '城市管理' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.addRow(HEADER);
    ws.addRow(row(1, { 事项代码: 'XL0001' }));
    ws.addRow([]);
    ws.addRow(row(2, { 事项代码: 'XL0002' }));
    const ok = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'c.xlsx', '&dryRun=true');
    expect(ok.json()).toEqual({ imported: 2, dryRun: true });
    ws.mergeCells('C2:C4');
    const merged = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'c.xlsx', '&dryRun=true');
    expect(merged.statusCode).toBe(422);
    expect(JSON.stringify(merged.json().details)).toContain('merged');
  });

  it('exports the catalog in the layout it imports', async () => {
    const res = await s.call({ method: 'GET', url: '/api/catalog/export?format=csv', cookie: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const text = res.body.replace(/^\ufeff/, '');
    expect(text.split('\r\n')[0]).toContain('序号,事项代码,事项名称');
    // Re-importing the export parses every row; only the codes that exist already are refused.
    const again = await upload(Buffer.from(res.rawPayload), 'export.csv', '&dryRun=true');
    expect(again.statusCode).toBe(422);
    const rules = new Set(again.json().details.map((d: { column: string; rule: string }) => `${d.column}/${d.rule}`));
    expect(
      [...rules].filter((r) => !String(r).startsWith('事项代码/duplicate') && !String(r).includes('more_errors')),
    ).toEqual([]);
    const xlsx = await s.call({ method: 'GET', url: '/api/catalog/export?format=xlsx&asOf=2026-11-22', cookie: admin });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
