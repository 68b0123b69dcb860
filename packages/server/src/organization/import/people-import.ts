import { DomainError } from '@openenforce/domain/errors';
import { personCreate, ROLE_LABELS, ROLES, type Role } from '@openenforce/domain/organization';
import type { z } from 'zod';
import type { PlatformDeps } from '../../platform/deps.ts';
import { assertWritableTown } from '../organization.policy.ts';
import { people } from '../organization.schema.ts';
import {
  bindColumns,
  parseYesNo,
  reportIssues,
  type ColumnSpec,
  type ImportInput,
} from '../../platform/spreadsheet/columns.ts';
import { peopleByEmployeeNo, townsAndGrids, teamsByCodeOrName, type RegionRef, type TeamRef } from './lookups.ts';
import { ImportErrors } from '../../platform/spreadsheet/row-errors.ts';
import { PERSON_PERSONAL_DATA } from '../organization.tables.ts';
import { insertAllWithAudit } from './save.ts';

export type PeopleColumn =
  'employeeNo' | 'name' | 'gender' | 'phone' | 'idNumber' | 'role' | 'isAuxiliary' | 'team' | 'town' | 'grid';

/** The people layout (SPEC §2). Headers in Chinese as in the template; English names and variants accepted. */
export const PEOPLE_COLUMNS: readonly ColumnSpec<PeopleColumn>[] = [
  {
    key: 'employeeNo',
    header: '工号',
    aliases: ['employee no', 'employee_no', '人员编号', '编号'],
    required: true,
    example: 'WL90001',
    help: '必填。字母、数字、下划线或连字符，最长 40 位；在全县唯一。已存在的工号报错（导入只新增，不更新）。',
  },
  { key: 'name', header: '姓名', aliases: [], required: true, example: '张三', help: '必填，最长 60 字。' },
  { key: 'gender', header: '性别', aliases: [], required: false, example: '男', help: '男 或 女；可空。' },
  {
    key: 'phone',
    header: '手机号',
    aliases: ['手机', '手机号码', '联系电话', 'mobile'],
    required: false,
    example: '13800000001',
    help: '11 位手机号；可空。请将该列设为“文本”格式。',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', 'id number', 'id_number'],
    required: false,
    example: '331081199001010021',
    help: '18 位，校验位正确；可空。必须设为“文本”格式：Excel 会把长数字变成 3.31081E+17 并丢失末尾数字。',
  },
  {
    key: 'role',
    header: '角色',
    aliases: [],
    required: true,
    example: ROLE_LABELS.officer.zh,
    help: `必填。${ROLES.map((r) => ROLE_LABELS[r].zh).join('、')}（或对应英文代码）。`,
  },
  {
    key: 'isAuxiliary',
    header: '辅助人员',
    aliases: ['是否辅助人员', 'auxiliary', 'is auxiliary'],
    required: false,
    example: '否',
    help: '是 或 否；空白时按角色判断（执法辅助人员为“是”）。辅助人员不能持有执法证（ZJ-30）。',
  },
  {
    key: 'team',
    header: '所属队伍',
    aliases: ['队伍', '队伍编码', 'team code', 'team_code', 'teamId'],
    required: false,
    example: '',
    help: '队伍编码或队伍全称；可空。',
  },
  {
    key: 'town',
    header: '所属乡镇',
    aliases: ['乡镇', '乡镇（街道）', '所属乡镇（街道）', 'townId'],
    required: false,
    example: '',
    help: '乡镇（街道）名称或区划代码；空白时取网格或队伍所在乡镇，都没有则为县级人员。乡镇用户只能导入本乡镇人员。',
  },
  {
    key: 'grid',
    header: '网格',
    aliases: ['网格编码', '网格代码', 'gridId', 'grid id'],
    required: false,
    example: '',
    help: '网格区划代码（15 位）；网格员填写，须在所属乡镇内。',
  },
];

/** Which column each field of the domain schema comes from (to place its errors). */
const COLUMN_OF_FIELD: Record<string, PeopleColumn> = {
  employeeNo: 'employeeNo',
  name: 'name',
  gender: 'gender',
  phone: 'phone',
  idNumber: 'idNumber',
  role: 'role',
  isAuxiliary: 'isAuxiliary',
  teamId: 'team',
  townId: 'town',
  gridId: 'grid',
};

type PersonInsert = z.infer<typeof personCreate>;

/**
 * Import people: validate every row with the API's own schema (personCreate), resolve teams, towns and grids with one
 * query each, refuse employee numbers that repeat in the file or exist already (an import never updates), keep a
 * town user inside the town; then insert all rows with their audit records in one transaction, or throw
 * IMPORT_INVALID naming every row and column. Returns the number of rows (that would be) imported.
 */
export async function importPeople(deps: PlatformDeps, input: ImportInput): Promise<number> {
  const { table, scope } = input;
  const db = deps.database.db;
  const errors = new ImportErrors(table.problems);
  const cols = bindColumns(table, PEOPLE_COLUMNS, errors);
  if (table.rows.length === 0) errors.file('no_data_rows');
  // Without the right columns every row would fail the same way: report the header problems alone.
  if (errors.size > table.problems.length) errors.throwIfAny(table.headers);

  const refs = (key: PeopleColumn) => [...new Set(table.rows.map((r) => cols.cell(r, key)).filter(Boolean))];
  const [teamRows, regionRows, existingPeople] = await Promise.all([
    teamsByCodeOrName(db, refs('team')),
    townsAndGrids(db, refs('town'), refs('grid')),
    peopleByEmployeeNo(db, refs('employeeNo')),
  ]);
  const resolveTeam = teamResolver(teamRows);
  const resolveTown = townResolver(regionRows);
  const grids = new Map(regionRows.filter((r) => r.level === 'grid').map((r) => [r.id, r]));
  const existing = new Set(existingPeople.map((p) => p.employeeNo));
  const firstRowOf = new Map<string, number>();

  const values: PersonInsert[] = [];
  for (const r of table.rows) {
    const before = errors.size;
    const cell = (k: PeopleColumn) => cols.cell(r, k);
    const fail = (k: PeopleColumn, rule: string) => errors.add(r.row, cols.header(k), rule);

    const gender = genderOf(cell('gender'));
    if (gender === undefined) fail('gender', 'gender_male_or_female');
    const role = roleOf(cell('role'));
    if (cell('role') && !role) fail('role', 'role_unknown');
    const auxiliary = parseYesNo(cell('isAuxiliary'));
    if (auxiliary === null) fail('isAuxiliary', 'yes_or_no');

    // Each reference: null when the cell is empty, the row found, or the rule that failed.
    const teamRef = cell('team') ? resolveTeam(cell('team')) : null;
    if (typeof teamRef === 'string') fail('team', teamRef);
    const townRef = cell('town') ? resolveTown(cell('town')) : null;
    if (typeof townRef === 'string') fail('town', townRef);
    const gridRef = cell('grid') ? (grids.get(cell('grid')) ?? 'grid_unknown') : null;
    if (typeof gridRef === 'string') fail('grid', gridRef);
    const team = typeof teamRef === 'string' ? null : teamRef;
    const town = typeof townRef === 'string' ? null : townRef;
    const grid = typeof gridRef === 'string' ? null : gridRef;

    const refsOk = typeof teamRef !== 'string' && typeof townRef !== 'string' && typeof gridRef !== 'string';
    // The town is the data-scope column: as written, else the grid's, else the team's (county staff: none).
    const townId = town?.id ?? grid?.townId ?? team?.townId ?? null;
    if (refsOk) {
      if (grid && grid.townId !== townId) fail('grid', 'grid_not_in_town');
      if (team?.townId && team.townId !== townId) fail('team', 'team_not_in_town');
      // The policy of single edits (assertWritableTown), reported against the cell the town came from.
      const from: PeopleColumn = town ? 'town' : grid ? 'grid' : team?.townId ? 'team' : 'town';
      try {
        assertWritableTown(scope, townId, 'townId');
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        for (const d of e.details) fail(from, d.rule);
      }
    }

    const employeeNo = cell('employeeNo');
    if (employeeNo) {
      const first = firstRowOf.get(employeeNo);
      if (first !== undefined) fail('employeeNo', 'duplicate_in_file');
      else firstRowOf.set(employeeNo, r.row);
      if (existing.has(employeeNo)) fail('employeeNo', 'duplicate');
    }

    const parsed = personCreate.safeParse({
      employeeNo: employeeNo || undefined,
      name: cell('name') || undefined,
      gender: gender ?? null,
      phone: cell('phone') ? cell('phone').replace(/[\s-]/g, '') : null,
      idNumber: cell('idNumber') ? cell('idNumber').toUpperCase() : null,
      role: role ?? (cell('role') || undefined),
      isAuxiliary: auxiliary ?? role === 'auxiliary',
      teamId: team?.id ?? null,
      townId,
      gridId: grid?.id ?? null,
    });
    if (!parsed.success) {
      const column = (field: string) => cols.header(COLUMN_OF_FIELD[field] ?? 'employeeNo');
      const empty = (field: string) => cell(COLUMN_OF_FIELD[field] ?? 'employeeNo') === '';
      reportIssues(parsed.error.issues, r.row, errors, column, empty);
    } else if (errors.size === before) values.push(parsed.data);
  }

  errors.throwIfAny(table.headers);
  if (input.dryRun) return values.length;
  return insertAllWithAudit(
    deps,
    people,
    values,
    { action: 'person.import', entityType: 'person', personal: PERSON_PERSONAL_DATA },
    input.actor,
  );
}

/** 男/女 (or male/female, M/F); '' → null; anything else → undefined. */
function genderOf(s: string): 'male' | 'female' | null | undefined {
  if (s === '') return null;
  const v = s.toLowerCase();
  if (['男', 'male', 'm'].includes(v)) return 'male';
  if (['女', 'female', 'f'].includes(v)) return 'female';
  return undefined;
}

const ROLE_BY_NAME = new Map<string, Role>(
  ROLES.flatMap((r) => [
    [r, r],
    [ROLE_LABELS[r].zh, r],
    [ROLE_LABELS[r].en.toLowerCase(), r],
  ]),
);

/** A role from its code, its Chinese label (ROLE_LABELS) or its English label. */
function roleOf(s: string): Role | undefined {
  return s ? ROLE_BY_NAME.get(s.toLowerCase()) : undefined;
}

/** Team by code, else by exact name; a name two teams share is ambiguous. Returns the error rule when unresolved. */
function teamResolver(rows: TeamRef[]): (ref: string) => TeamRef | string {
  const byCode = new Map(rows.map((t) => [t.code, t]));
  return (ref) => {
    const byCodeHit = byCode.get(ref);
    if (byCodeHit) return byCodeHit;
    const named = rows.filter((t) => t.name === ref);
    return named.length === 1 ? named[0]! : named.length > 1 ? 'team_ambiguous' : 'team_unknown';
  };
}

/** Town by region code, else by name. */
function townResolver(rows: RegionRef[]): (ref: string) => RegionRef | string {
  const towns = rows.filter((r) => r.level === 'town');
  return (ref) => {
    const byId = towns.find((t) => t.id === ref);
    if (byId) return byId;
    const named = towns.filter((t) => t.name === ref);
    return named.length === 1 ? named[0]! : named.length > 1 ? 'town_ambiguous' : 'town_unknown';
  };
}
