import { DomainError } from '@openenforce/domain/errors';
import { describe, expect, it } from 'vitest';
import {
  bindColumns,
  normalizeDate,
  normalizeHeader,
  parseYesNo,
  splitList,
} from '../../platform/spreadsheet/columns.ts';
import type { ParsedTable } from '../../platform/spreadsheet/parse-table.ts';
import { PEOPLE_COLUMNS } from './people-import.ts';
import { ImportErrors, MAX_ERROR_DETAILS } from '../../platform/spreadsheet/row-errors.ts';

const table = (headers: string[]): ParsedTable => ({ kind: 'csv', headerRow: 1, headers, rows: [], problems: [] });

describe('import columns', () => {
  it('matches Chinese headers, English aliases, required markers and bracketed hints', () => {
    const errors = new ImportErrors();
    const cols = bindColumns(
      table(['*工号', 'name', '性别（男/女）', 'Mobile', '序号', 'ID Number', '角色']),
      PEOPLE_COLUMNS,
      errors,
    );
    expect(errors.size).toBe(0);
    expect(cols.header('employeeNo')).toBe('*工号');
    expect(cols.header('phone')).toBe('Mobile');
    expect(cols.header('idNumber')).toBe('ID Number');
    expect(cols.has('team')).toBe(false);
    expect(cols.header('team')).toBe('所属队伍');
    expect(normalizeHeader(' 手机号 (11位) ')).toBe('手机号');
  });

  it('reports unknown, duplicate and missing columns on the header row', () => {
    const errors = new ImportErrors();
    bindColumns(table(['工号', '手机', '手机号码', '电邮']), PEOPLE_COLUMNS, errors);
    expect(() => errors.throwIfAny()).toThrow(DomainError);
    try {
      errors.throwIfAny(['工号', '手机', '手机号码', '电邮']);
    } catch (e) {
      expect((e as DomainError).details.map((d) => `${d.column}:${d.rule}`)).toEqual([
        '手机号码:column_duplicate',
        '电邮:column_unknown',
        '姓名:column_missing',
        '角色:column_missing',
      ]);
    }
  });

  it('normalises dates, yes/no and lists as people type them', () => {
    expect(['2024-01-05', '2024/1/5', '2024.1.5', '2024年1月5日', '20240105', '45296'].map(normalizeDate)).toEqual(
      Array(6).fill('2024-01-05'),
    );
    expect(normalizeDate('next year')).toBe('next year');
    expect([parseYesNo('是'), parseYesNo('N'), parseYesNo(''), parseYesNo('也许')]).toEqual([
      true,
      false,
      undefined,
      null,
    ]);
    expect(splitList('城市管理、市场监管，生态环境; 城市管理')).toEqual(['城市管理', '市场监管', '生态环境']);
  });

  it('caps the details at 500, the last one saying how many more there were', () => {
    const errors = new ImportErrors();
    for (let row = 2; row < 1202; row++) errors.add(row, '手机号', 'mobile_phone');
    try {
      errors.throwIfAny();
      expect.unreachable();
    } catch (e) {
      const details = (e as DomainError).details;
      expect(details).toHaveLength(MAX_ERROR_DETAILS);
      expect(details[0]).toEqual({ path: 'row 2 / 手机号', rule: 'mobile_phone', row: 2, column: '手机号' });
      expect(details.at(-1)).toEqual({ path: 'file', rule: 'more_errors:701' });
    }
  });
});
