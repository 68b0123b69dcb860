import ExcelJS from 'exceljs';
import { DomainError } from '@openenforce/domain/errors';
import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from './csv.ts';
import { extensionOf, parseTable } from './parse-table.ts';
import { zipUncompressedSize } from './zip-size.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** The DomainError a promise rejects with (code and details), to assert on. */
async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('人员'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('CSV (RFC 4180)', () => {
  it('reads quoted commas, quoted line breaks, doubled quotes and CRLF; numbers rows as Excel does', async () => {
    const csv = '工号,姓名,备注\r\nA1,"张,三","第一行\r\n第二行"\r\nA2,"说""好""",x\r\n\r\nA3,李四,\r\n';
    const t = await parseTable(utf8(csv), 'people.csv');
    expect(t.headers).toEqual(['工号', '姓名', '备注']);
    expect(t.rows).toEqual([
      { row: 2, cells: { 工号: 'A1', 姓名: '张,三', 备注: '第一行\r\n第二行' } },
      { row: 3, cells: { 工号: 'A2', 姓名: '说"好"', 备注: 'x' } },
      // Row 4 is blank and skipped; numbering keeps counting it.
      { row: 5, cells: { 工号: 'A3', 姓名: '李四', 备注: '' } },
    ]);
  });

  it('parses a last line without a line break, LF-only files and a lone trailing field', () => {
    expect(parseCsv('a,b\n1,2')).toEqual({
      ok: true,
      records: [
        { row: 1, fields: ['a', 'b'] },
        { row: 2, fields: ['1', '2'] },
      ],
    });
    expect(parseCsv('a,\n')).toEqual({ ok: true, records: [{ row: 1, fields: ['a', ''] }] });
    expect(parseCsv('a,b"c\n')).toEqual({ ok: true, records: [{ row: 1, fields: ['a', 'b"c'] }] });
  });

  it('reports a quote that is never closed, with its row', async () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, unterminatedQuoteAt: 2 });
    const err = await rejection(parseTable(utf8('工号,姓名\nA1,"张三\nA2,李四\n'), 'p.csv'));
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.details).toEqual([{ path: 'row 2', rule: 'csv_unterminated_quote', row: 2 }]);
  });

  it('strips a UTF-8 BOM (Excel "CSV UTF-8")', async () => {
    const t = await parseTable(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('工号,姓名\nA1,张三\n')]), 'p.csv');
    expect(t.headers).toEqual(['工号', '姓名']);
    expect(t.rows[0]!.cells).toEqual({ 工号: 'A1', 姓名: '张三' });
  });

  it('decodes GBK (Excel "CSV" on a Chinese Windows) when the bytes are not UTF-8', async () => {
    // 工号,姓名 \n A1,张三 in GBK: 工 B9A4 号 BAC5 姓 D0D5 名 C3FB 张 D5C5 三 C8FD.
    const gbk = Buffer.from([
      0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0x41, 0x31, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x0d,
      0x0a,
    ]);
    expect(decodeText(Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]))).toBe('张三');
    const t = await parseTable(gbk, 'p.csv');
    expect(t.rows).toEqual([{ row: 2, cells: { 工号: 'A1', 姓名: '张三' } }]);
  });

  it('decodes UTF-16 with BOM, tab-separated (Excel "Unicode text")', async () => {
    const text = '\ufeff工号\t姓名\r\nA1\t张三\r\n';
    const bytes = Buffer.from(text, 'utf16le');
    const t = await parseTable(bytes, 'p.csv');
    expect(t.rows).toEqual([{ row: 2, cells: { 工号: 'A1', 姓名: '张三' } }]);
  });

  it('trims cells and flags numbers Excel wrote in scientific notation', async () => {
    const t = await parseTable(utf8('身份证号,姓名 \n3.31081E+17,  张三\u3000\n'), 'p.csv');
    expect(t.headers).toEqual(['身份证号', '姓名']);
    expect(t.rows[0]!.cells).toEqual({ 身份证号: '3.31081E+17', 姓名: '张三' });
    expect(t.problems).toEqual([
      { path: 'row 2 / 身份证号', rule: 'number_precision_lost', row: 2, column: '身份证号' },
    ]);
  });
});

describe('XLSX', () => {
  it('skips blank rows, trims, and reads numbers as text without exponent, dates as days, rich text, formulas', async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(['工号', '手机号', '有效期起', '姓名', '队伍']);
      ws.addRow([10023, 13800000001, new Date(Date.UTC(2024, 0, 5)), '  张三  ', 'T1']);
      ws.addRow([]);
      ws.addRow(['', '', '', '', '']);
      ws.addRow([
        'A2',
        { formula: '13800000000+2', result: 13800000002 },
        { formula: 'DATE(2025,12,31)', result: new Date(Date.UTC(2025, 11, 31)) },
        { richText: [{ text: '李' }, { text: '四', font: { bold: true } }] },
        { text: 'T2', hyperlink: 'https://example.org' },
      ]);
    });
    const t = await parseTable(bytes, 'people.XLSX');
    expect(t.kind).toBe('xlsx');
    expect(t.problems).toEqual([]);
    expect(t.rows).toEqual([
      { row: 2, cells: { 工号: '10023', 手机号: '13800000001', 有效期起: '2024-01-05', 姓名: '张三', 队伍: 'T1' } },
      { row: 5, cells: { 工号: 'A2', 手机号: '13800000002', 有效期起: '2025-12-31', 姓名: '李四', 队伍: 'T2' } },
    ]);
  });

  it('says an ID number Excel stored as a number has lost digits, and flags error values', async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(['工号', '身份证号', '手机号']);
      // An 18-digit ID number typed into a General cell: a double, as Excel stores it.
      ws.addRow(['A1', Number('331081199001010021'), { error: '#N/A' }]);
    });
    const t = await parseTable(bytes, 'p.xlsx');
    expect(t.rows[0]!.cells['身份证号']).toBe('331081199001010000'); // the 15 digits Excel kept
    expect(t.problems).toEqual([
      { path: 'row 2 / 身份证号', rule: 'number_precision_lost', row: 2, column: '身份证号' },
      { path: 'row 2 / 手机号', rule: 'cell_error_value', row: 2, column: '手机号' },
    ]);
  });

  it('refuses merged data cells (once per range) and takes a merged header from its top-left cell', async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(['工号', '姓名', '', '所属乡镇']);
      ws.mergeCells('B1:C1');
      ws.addRow(['A1', '张三', 'x', '城东街道']);
      ws.addRow(['A2', '李四', 'y', '']);
      ws.mergeCells('D2:D3');
      ws.addRow(['A3', '王五', 'z', '泽国镇']);
    });
    const t = await parseTable(bytes, 'p.xlsx');
    expect(t.headers).toEqual(['工号', '姓名', '所属乡镇']);
    expect(t.rows[0]!.cells).toEqual({ 工号: 'A1', 姓名: '张三', 所属乡镇: '城东街道' });
    expect(t.problems).toEqual([
      { path: 'row 2 / 所属乡镇', rule: 'merged_cells_not_allowed', row: 2, column: '所属乡镇' },
    ]);
  });

  it('reads the first visible sheet (the template help sheet comes second)', async () => {
    const bytes = await xlsx((ws, wb) => {
      ws.state = 'hidden';
      ws.addRow(['隐藏']);
      wb.addWorksheet('数据').addRow(['工号']);
      wb.getWorksheet('数据')!.addRow(['A1']);
      wb.addWorksheet('说明').addRow(['帮助']);
    });
    const t = await parseTable(bytes, 'p.xlsx');
    expect(t.rows).toEqual([{ row: 2, cells: { 工号: 'A1' } }]);
  });
});

describe('file type, name and size', () => {
  const csv = utf8('工号\nA1\n');

  it.each([
    ['notes.txt', 'extension_not_xlsx_or_csv', csv],
    ['people', 'extension_not_xlsx_or_csv', csv],
    ['fake.xlsx', 'content_not_xlsx', csv],
    ['old.xls', 'xls_not_supported_save_as_xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
    ['zip.csv', 'content_not_csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])],
    ['binary.csv', 'content_not_csv', Buffer.from([0x41, 0x00, 0x42, 0x0a])],
    ['broken.xlsx', 'xlsx_unreadable', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6])],
  ])('%s → IMPORT_FILE_TYPE %s', async (name, rule, bytes) => {
    const err = await rejection(parseTable(bytes, name));
    expect(err.code).toBe('IMPORT_FILE_TYPE');
    expect(err.details).toEqual([{ path: 'file', rule }]);
  });

  it('uses the file name for its extension only, never as a path', async () => {
    expect(extensionOf('../../etc/passwd.csv')).toBe('csv');
    expect(extensionOf('..\\..\\boot.INI')).toBe('ini');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('/etc/passwd')).toBe('');
    // The bytes uploaded are what is read; nothing is opened under that name.
    const t = await parseTable(csv, '../../etc/passwd.csv');
    expect(t.rows).toEqual([{ row: 2, cells: { 工号: 'A1' } }]);
  });

  it('refuses more data rows than the limit, and an empty file', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `A${i}`).join('\n');
    const err = await rejection(parseTable(utf8(`工号\n${rows}\n`), 'p.csv'));
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.details).toEqual([{ path: 'file', rule: 'too_many_rows:5000' }]);
    await expect(parseTable(utf8(`工号\n${rows}\n`), 'p.csv', { maxRows: 6000 })).resolves.toMatchObject({
      rows: { length: 5001 },
    });
    const empty = await rejection(parseTable(utf8('\r\n , \r\n'), 'p.csv'));
    expect(empty.details).toEqual([{ path: 'file', rule: 'empty_file' }]);
  });

  it('reads the uncompressed size of an XLSX from the ZIP directory (zip-bomb guard)', async () => {
    const bytes = await xlsx((ws) => {
      for (let i = 0; i < 2000; i++) ws.addRow(['同一段文字', i]);
    });
    const size = zipUncompressedSize(bytes)!;
    expect(size).toBeGreaterThan(bytes.length * 2);
    expect(zipUncompressedSize(utf8('not a zip at all, just some text that is long enough'))).toBeNull();
  });
});
