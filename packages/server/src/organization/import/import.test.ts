import ExcelJS from 'exceljs';
import type { ErrorDetail } from '@openenforce/domain/errors';
import { validIdChecksum } from '@openenforce/domain/organization';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { parseTable } from '../../platform/spreadsheet/parse-table.ts';
import { PEOPLE_COLUMNS } from './people-import.ts';

const PEOPLE_HEADER = [
  '工号',
  '姓名',
  '性别',
  '手机号',
  '身份证号',
  '角色',
  '辅助人员',
  '所属队伍',
  '所属乡镇',
  '网格',
];
const CERT_HEADER = ['执法证号', '工号', '执法领域', '有效期起', '有效期止', '发证机关'];

/** A valid (fictitious) ID number: the 17 digits given plus the right check character. */
const idNumber = (first17: string) => [...'0123456789X'].map((c) => first17 + c).find(validIdChecksum)!;

const csv = (rows: (string | number)[][]) =>
  Buffer.from(
    rows
      .map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v)).join(','))
      .join('\r\n'),
  );

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one `file` field, as a browser sends it. */
async function multipart(bytes: Buffer, filename: string, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([bytes]), filename);
  const res = new Response(form);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    headers: { 'content-type': res.headers.get('content-type')! },
  };
}

/** "row/column/rule" lines of an IMPORT_INVALID answer, easy to compare. */
const lines = (details: ErrorDetail[]) => details.map((d) => `${d.row}/${d.column}/${d.rule}`);

describe.each(DRIVERS)('import people and certificates on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  let townAdmin: string;
  let officer: string;
  // Demo-county facts the files refer to.
  let teamA: { id: string; code: string; name: string; townId: string };
  let townA: { id: string; name: string };
  let townB: { id: string; name: string; teamCode: string };
  let gridA: string;
  let existingCert: string;
  let auxiliaryNo: string;
  let personInB: string;

  const counts = async () => {
    const [r] = await s.database.query<{ people: number; certificates: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM certificates) AS certificates,
              (SELECT count(*)::int FROM audit_log) AS audit`,
    );
    return r!;
  };
  const upload = async (kind: string, bytes: Buffer, filename: string, cookie = admin, query = '') =>
    s.call({ method: 'POST', url: `/api/org/import/${kind}${query}`, cookie, ...(await multipart(bytes, filename)) });

  beforeAll(async () => {
    s = await testServer(driver);
    const towns = await s.database.query<{ id: string; code: string; name: string; town_id: string; town: string }>(
      `SELECT t.id, t.code, t.name, t.town_id, r.name AS town FROM teams t JOIN regions r ON r.id = t.town_id
        WHERE t.kind IN ('town', 'dispatched') ORDER BY t.code LIMIT 2`,
    );
    const [a, b] = towns;
    teamA = { id: a!.id, code: a!.code, name: a!.name, townId: a!.town_id };
    townA = { id: a!.town_id, name: a!.town };
    townB = { id: b!.town_id, name: b!.town, teamCode: b!.code };
    const one = async (sql: string, params: unknown[] = []) =>
      Object.values((await s.database.query<Record<string, string>>(sql, params))[0]!)[0]!;
    gridA = await one(`SELECT id FROM regions WHERE level = 'grid' AND town_id = $1 ORDER BY id LIMIT 1`, [townA.id]);
    existingCert = await one(`SELECT number FROM certificates ORDER BY number LIMIT 1`);
    auxiliaryNo = await one(`SELECT employee_no FROM people WHERE is_auxiliary ORDER BY employee_no LIMIT 1`);
    personInB = await one(`SELECT employee_no FROM people WHERE town_id = $1 AND NOT is_auxiliary LIMIT 1`, [townB.id]);
    // A town-scoped administrator (the demo has county-wide admins only).
    await s.database.db.insert(users).values({
      username: 'townadmin',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      displayName: '乡镇管理员',
      role: 'admin',
      scopeTownId: townA.id,
    });
    [admin, townAdmin, officer] = await Promise.all([s.login('admin'), s.login('townadmin'), s.login('officer')]);
  });
  afterAll(() => s?.close());

  it('imports a valid XLSX of people: N rows, N audit records, references resolved, towns derived', async () => {
    const before = await counts();
    const file = await xlsx([
      PEOPLE_HEADER,
      ['IMP001', '张一', '男', 13900000001, idNumber('33108119900101001'), '执法人员', '否', teamA.code, '', ''],
      ['IMP002', '李二', '女', '', '', 'auxiliary', '', teamA.name, townA.name, ''],
      ['IMP003', '王三', '', '13900000003', '', '网格员', '', '', townA.id, gridA],
    ]);
    const res = await upload('people', file, '人员.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3, dryRun: false });
    const after = await counts();
    expect(after.people - before.people).toBe(3);
    expect(after.audit - before.audit).toBe(3);
    const rows = await s.database.query<Record<string, unknown>>(
      `SELECT employee_no, phone, team_id, town_id, grid_id, is_auxiliary, role, gender FROM people
        WHERE employee_no LIKE 'IMP%' ORDER BY employee_no`,
    );
    expect(rows).toEqual([
      {
        employee_no: 'IMP001',
        phone: '13900000001',
        team_id: teamA.id,
        town_id: townA.id,
        grid_id: null,
        is_auxiliary: false,
        role: 'officer',
        gender: 'male',
      },
      {
        employee_no: 'IMP002',
        phone: null,
        team_id: teamA.id,
        town_id: townA.id,
        grid_id: null,
        is_auxiliary: true,
        role: 'auxiliary',
        gender: 'female',
      },
      {
        employee_no: 'IMP003',
        phone: '13900000003',
        team_id: null,
        town_id: townA.id,
        grid_id: gridA,
        is_auxiliary: false,
        role: 'grid_worker',
        gender: null,
      },
    ]);
    const audit = await s.database.query<{ action: string; entity_type: string; n: number }>(
      `SELECT action, entity_type, count(*)::int AS n FROM audit_log WHERE action = 'person.import'
        GROUP BY action, entity_type`,
    );
    expect(audit).toEqual([{ action: 'person.import', entity_type: 'person', n: 3 }]);
    expect((await s.verifyAudit()).ok).toBe(true);
  });

  it('imports a valid CSV of certificates for those people, in the holder’s town', async () => {
    const before = await counts();
    const file = csv([
      CERT_HEADER,
      ['IMPC-0001', 'IMP001', '城市管理、市场监管', '2024/1/1', '2028-12-31', '温岭市人民政府'],
      ['IMPC-0002', 'IMP003', '城市管理', '2025年1月1日', '2029-12-31', ''],
    ]);
    const res = await upload('certificates', file, 'certs.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2, dryRun: false });
    const after = await counts();
    expect([after.certificates - before.certificates, after.audit - before.audit]).toEqual([2, 2]);
    const rows = await s.database.query(
      `SELECT number, domains, valid_from::text AS "from", town_id FROM certificates WHERE number LIKE 'IMPC-%'
        ORDER BY number`,
    );
    expect(rows).toEqual([
      { number: 'IMPC-0001', domains: ['城市管理', '市场监管'], from: '2024-01-01', town_id: townA.id },
      { number: 'IMPC-0002', domains: ['城市管理'], from: '2025-01-01', town_id: townA.id },
    ]);
    const [audit] = await s.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'certificate.import' AND entity_type = 'certificate'`,
    );
    expect(audit!.n).toBe(2);
  });

  it('refuses a people file with bad rows: every row and column named, nothing written', async () => {
    const before = await counts();
    const file = csv([
      PEOPLE_HEADER,
      ['BAD001', '赵一', '男', '12345', '', '执法人员', '', teamA.code, '', ''],
      ['BAD002', '赵二', '', '', '', '执法人员', '', 'NO-SUCH-TEAM', '', ''],
      ['BAD003', '赵三', '', '', '', '执法人员', '', '', '', ''],
      ['BAD003', '赵四', '', '', '', '执法人员', '', '', '', ''],
      ['WL00001', '赵五', '', '', '', '执法人员', '', '', '', ''],
      ['BAD006', '赵六', '未知', '', '', '局长', '也许', '', '', ''],
      ['BAD007', '', '', '', '', '执法人员', '', '', '', ''],
      ['BAD008', '赵八', '', '', '', '执法人员', '', teamA.code, townB.name, ''],
      ['BAD009', '赵九', '', '', '331081199001010022', '执法人员', '', '', '', ''],
      ['BAD 10', '赵十', '', '', '', '执法人员', '', '', '', '331081999999999'],
    ]);
    const res = await upload('people', file, 'bad.csv');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.message.zh).toBe('导入文件有错误，未写入任何数据');
    expect(body.details[0]).toEqual({
      path: 'row 2 / 手机号',
      rule: 'mobile_phone',
      row: 2,
      column: '手机号',
      // The words from the rule catalogue: the web shows them as sent.
      message: { zh: '手机号码格式不正确（11 位，1 开头）', en: 'Not a mobile number (11 digits starting with 1)' },
    });
    expect(lines(body.details)).toEqual([
      '2/手机号/mobile_phone',
      '3/所属队伍/team_unknown',
      '5/工号/duplicate_in_file',
      '6/工号/duplicate',
      '7/性别/gender_male_or_female',
      '7/角色/role_unknown',
      '7/辅助人员/yes_or_no',
      '8/姓名/required',
      '9/所属队伍/team_not_in_town',
      '10/身份证号/id_number_checksum',
      '11/工号/code_characters',
      '11/网格/grid_unknown',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a certificates file with bad rows, nothing written', async () => {
    const before = await counts();
    const file = csv([
      CERT_HEADER,
      [existingCert, 'IMP001', '城市管理', '2024-01-01', '2028-12-31', ''],
      ['IMPC-0101', auxiliaryNo, '城市管理', '2024-01-01', '2028-12-31', ''],
      ['IMPC-0102', 'NOBODY', '城市管理', '2024-01-01', '2028-12-31', ''],
      ['IMPC-0103', 'IMP001', '城市管理、天文', '2024-01-01', '2028-12-31', ''],
      ['IMPC-0104', 'IMP001', '城市管理', '2024-01-01', '2023-12-31', ''],
      ['IMPC-0104', 'IMP003', '城市管理', '2024-02-30', '', ''],
    ]);
    const res = await upload('certificates', file, 'bad.csv');
    expect(res.statusCode).toBe(422);
    expect(lines(res.json().details)).toEqual([
      '2/执法证号/duplicate',
      '3/工号/ZJ-30: auxiliaries_hold_no_certificate',
      '4/工号/person_unknown',
      '5/执法领域/invalid_value',
      '6/有效期止/valid_to_not_before_valid_from',
      '7/执法证号/duplicate_in_file',
      '7/有效期起/valid_date',
      '7/有效期止/required',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('dry run validates and counts, writes nothing; a bad file is still refused', async () => {
    const before = await counts();
    const good = csv([
      PEOPLE_HEADER,
      ['DRY001', '钱一', '男', '', '', '执法人员', '', teamA.code, '', ''],
      ['DRY002', '钱二', '女', '', '', '执法人员', '', teamA.code, '', ''],
    ]);
    const ok = await upload('people', good, 'p.csv', admin, '?dryRun=true');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: 2, dryRun: true });
    const bad = await upload(
      'people',
      csv([PEOPLE_HEADER, ['DRY003', '', '', '', '', '', '', '', '', '']]),
      'p.csv',
      admin,
      '?dryRun=1',
    );
    expect(bad.statusCode).toBe(422);
    expect(lines(bad.json().details)).toEqual(['2/姓名/required', '2/角色/required']);
    expect(await counts()).toEqual(before);
  });

  it('reports missing and unknown columns once, on the header row', async () => {
    const res = await upload(
      'people',
      csv([
        ['工号', '名字'],
        ['X1', '孙一'],
      ]),
      'p.csv',
    );
    expect(res.statusCode).toBe(422);
    expect(lines(res.json().details)).toEqual([
      '1/名字/column_unknown',
      '1/姓名/column_missing',
      '1/角色/column_missing',
    ]);
  });

  it('415 for what is not XLSX or CSV, 413 for an oversize file, 415 for a request that is not multipart', async () => {
    const before = await counts();
    for (const [bytes, name, rule] of [
      [Buffer.from('工号,姓名\n'), 'people.txt', 'extension_not_xlsx_or_csv'],
      [Buffer.from('工号,姓名\n'), 'people.xlsx', 'content_not_xlsx'],
      [await xlsx([PEOPLE_HEADER]), 'people.csv', 'content_not_csv'],
    ] as const) {
      const res = await upload('people', bytes, name);
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_TYPE', details: [{ path: 'file', rule }] });
    }
    const big = Buffer.alloc(s.deps.config.UPLOAD_LIMIT + 1, 0x41);
    const tooLarge = await upload('people', big, 'big.csv');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('BODY_TOO_LARGE');
    const json = await s.call({ method: 'POST', url: '/api/org/import/people', cookie: admin, payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    const noFile = await s.call({
      method: 'POST',
      url: '/api/org/import/people',
      cookie: admin,
      ...(await multipart(Buffer.from('x'), 'p.csv', 'other')),
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().details).toMatchObject([{ path: 'body.file', rule: 'required' }]);
    expect(await counts()).toEqual(before);
  });

  it('takes the uploaded name for its extension only ("../../etc/passwd.csv")', async () => {
    const res = await upload(
      'people',
      csv([PEOPLE_HEADER, ['PATH01', '周一', '', '', '', '执法人员', '', teamA.code, '', '']]),
      '../../etc/passwd.csv',
      admin,
      '?dryRun=true',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 1, dryRun: true });
  });

  it('keeps a town-scoped administrator inside the town: rows elsewhere are row errors', async () => {
    const before = await counts();
    const people = csv([
      PEOPLE_HEADER,
      ['TOWN01', '吴一', '', '', '', '执法人员', '', teamA.code, '', ''],
      ['TOWN02', '吴二', '', '', '', '执法人员', '', townB.teamCode, '', ''],
      ['TOWN03', '吴三', '', '', '', '执法人员', '', '', townB.id, ''],
      ['TOWN04', '吴四', '', '', '', '执法人员', '', '', '', ''],
    ]);
    const res = await upload('people', people, 'p.csv', townAdmin);
    expect(res.statusCode).toBe(422);
    expect(lines(res.json().details)).toEqual([
      `3/所属队伍/town_must_be:${townA.id}`,
      `4/所属乡镇/town_must_be:${townA.id}`,
      `5/所属乡镇/town_must_be:${townA.id}`,
    ]);
    const certs = csv([CERT_HEADER, ['IMPC-0201', personInB, '城市管理', '2024-01-01', '2028-12-31', '']]);
    const res2 = await upload('certificates', certs, 'c.csv', townAdmin);
    expect(res2.statusCode).toBe(422);
    expect(lines(res2.json().details)).toEqual(['2/工号/person_unknown']);
    expect(await counts()).toEqual(before);
    // Within the town it works.
    const own = csv([PEOPLE_HEADER, ['TOWN05', '吴五', '', '', '', '执法人员', '', teamA.code, '', '']]);
    const ok = await upload('people', own, 'p.csv', townAdmin);
    expect(ok.json()).toEqual({ imported: 1, dryRun: false });
  });

  it('needs org.import to import and org.read for the template', async () => {
    const file = csv([PEOPLE_HEADER]);
    expect((await upload('people', file, 'p.csv', '')).statusCode).toBe(401);
    const forbidden = await upload('people', file, 'p.csv', officer);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().details).toMatchObject([{ path: 'permission', rule: 'org.import' }]);
    const anon = await s.call({ method: 'GET', url: '/api/org/import/people/template.xlsx' });
    expect(anon.statusCode).toBe(401);
  });

  it('serves templates with a Chinese file name; the people template imports as it is (dry run)', async () => {
    const res = await s.call({ method: 'GET', url: '/api/org/import/people/template.xlsx', cookie: officer });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="people-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('人员导入模板.xlsx')}`,
    );
    const bytes = res.rawPayload;
    const table = await parseTable(bytes, 'template.xlsx');
    expect(table.headers).toEqual(PEOPLE_COLUMNS.map((c) => c.header));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人员', '说明']);
    const dry = await upload('people', bytes, '人员导入模板.xlsx', admin, '?dryRun=true');
    expect(dry.json()).toEqual({ imported: 1, dryRun: true });

    const certs = await s.call({ method: 'GET', url: '/api/org/import/certificates/template.xlsx', cookie: officer });
    expect(certs.statusCode).toBe(200);
    expect((await parseTable(certs.rawPayload, 't.xlsx')).headers).toEqual(CERT_HEADER);
  });
});
