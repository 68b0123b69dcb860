import { certificateCreate, DOMAINS, inScope } from '@openenforce/domain/organization';
import type { z } from 'zod';
import type { PlatformDeps } from '../../platform/deps.ts';
import { certificates } from '../organization.schema.ts';
import {
  bindColumns,
  normalizeDate,
  reportIssues,
  splitList,
  type ColumnSpec,
  type ImportInput,
} from '../../platform/spreadsheet/columns.ts';
import { existingCertificateNumbers, peopleByEmployeeNo } from './lookups.ts';
import { ImportErrors } from '../../platform/spreadsheet/row-errors.ts';
import { insertAllWithAudit } from './save.ts';

export type CertificateColumn = 'number' | 'employeeNo' | 'domains' | 'validFrom' | 'validTo' | 'issuer';

/** The certificate layout (SPEC §2): one row per certificate, the holder named by employee number. */
export const CERTIFICATE_COLUMNS: readonly ColumnSpec<CertificateColumn>[] = [
  {
    key: 'number',
    header: '执法证号',
    aliases: ['证号', '执法证编号', '证件号', 'certificate number', 'certificate no'],
    required: true,
    example: '浙331081-90001',
    help: '必填，4–40 位；在全县唯一，已存在的证号报错。',
  },
  {
    key: 'employeeNo',
    header: '工号',
    aliases: ['持证人工号', 'employee no', 'employee_no', 'holder'],
    required: true,
    example: 'WL90001',
    help: '必填：持证人的工号，须已在系统中（先导入人员）。辅助人员不能持证（ZJ-30）。',
  },
  {
    key: 'domains',
    header: '执法领域',
    aliases: ['领域', 'domain'],
    required: true,
    example: '城市管理、市场监管',
    help: `必填，一个或多个，用“、”“，”“,”或“;”分隔：${DOMAINS.join('、')}。`,
  },
  {
    key: 'validFrom',
    header: '有效期起',
    aliases: ['有效期开始', '发证日期', 'valid from', 'valid_from'],
    required: true,
    example: '2024-01-01',
    help: '必填，日期（2024-01-01、2024/1/1 或 2024年1月1日）。',
  },
  {
    key: 'validTo',
    header: '有效期止',
    aliases: ['有效期至', '有效期结束', '到期日期', 'valid to', 'valid_to'],
    required: true,
    example: '2028-12-31',
    help: '必填，日期；不早于有效期起。',
  },
  {
    key: 'issuer',
    header: '发证机关',
    aliases: [],
    required: false,
    example: '浙江省人民政府',
    help: '可空，最长 60 字。',
  },
];

/** certificateCreate's fields → columns (personId comes from the employee number). */
const COLUMN_OF_FIELD: Record<string, CertificateColumn> = {
  personId: 'employeeNo',
  number: 'number',
  domains: 'domains',
  validFrom: 'validFrom',
  validTo: 'validTo',
  issuer: 'issuer',
};

type CertificateInsert = z.infer<typeof certificateCreate> & { townId: string | null };

/**
 * Import certificates: validate every row with certificateCreate, find holders by employee number (one query), refuse
 * numbers that repeat in the file or exist already, auxiliary holders (ZJ-30) and holders outside a town user's town;
 * then insert all with audit records in one transaction, or throw IMPORT_INVALID naming every row and column.
 * A certificate takes its holder's town (data scope follows the person), as in single creation.
 */
export async function importCertificates(deps: PlatformDeps, input: ImportInput): Promise<number> {
  const { table, scope } = input;
  const db = deps.database.db;
  const errors = new ImportErrors(table.problems);
  const cols = bindColumns(table, CERTIFICATE_COLUMNS, errors);
  if (table.rows.length === 0) errors.file('no_data_rows');
  if (errors.size > table.problems.length) errors.throwIfAny(table.headers);

  const refs = (key: CertificateColumn) => [...new Set(table.rows.map((r) => cols.cell(r, key)).filter(Boolean))];
  const [holders, existing] = await Promise.all([
    peopleByEmployeeNo(db, refs('employeeNo')),
    existingCertificateNumbers(db, refs('number')),
  ]);
  const holderOf = new Map(holders.map((p) => [p.employeeNo, p]));
  const firstRowOf = new Map<string, number>();

  const values: CertificateInsert[] = [];
  for (const r of table.rows) {
    const before = errors.size;
    const cell = (k: CertificateColumn) => cols.cell(r, k);
    const fail = (k: CertificateColumn, rule: string) => errors.add(r.row, cols.header(k), rule);

    // A holder outside the importer's data scope is reported exactly like one that does not exist: the import must
    // not reveal which employee numbers exist in other towns (the single-record API answers 404 the same way).
    const found = cell('employeeNo') ? holderOf.get(cell('employeeNo')) : undefined;
    const holder = found && inScope(scope, found.townId) ? found : undefined;
    if (!cell('employeeNo')) fail('employeeNo', 'required');
    else if (!holder) fail('employeeNo', 'person_unknown');
    if (holder?.isAuxiliary) fail('employeeNo', 'ZJ-30: auxiliaries_hold_no_certificate');

    const number = cell('number');
    if (number) {
      if (firstRowOf.has(number)) fail('number', 'duplicate_in_file');
      else firstRowOf.set(number, r.row);
      if (existing.has(number)) fail('number', 'duplicate');
    }

    const parsed = certificateCreate.safeParse({
      // A placeholder id keeps a missing holder from being reported twice (it is reported above).
      personId: holder?.id ?? '00000000-0000-4000-8000-000000000000',
      number: number || undefined,
      domains: splitList(cell('domains')),
      validFrom: cell('validFrom') ? normalizeDate(cell('validFrom')) : undefined,
      validTo: cell('validTo') ? normalizeDate(cell('validTo')) : undefined,
      issuer: cell('issuer') || null,
    });
    if (!parsed.success) {
      const field = (f: string) => COLUMN_OF_FIELD[f] ?? 'number';
      reportIssues(
        parsed.error.issues,
        r.row,
        errors,
        (f) => cols.header(field(f)),
        (f) => cell(field(f)) === '',
      );
    } else if (errors.size === before && holder) values.push({ ...parsed.data, townId: holder.townId });
  }

  errors.throwIfAny(table.headers);
  if (input.dryRun) return values.length;
  return insertAllWithAudit(
    deps,
    certificates,
    values,
    { action: 'certificate.import', entityType: 'certificate' },
    input.actor,
  );
}
