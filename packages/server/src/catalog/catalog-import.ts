import { discretionFromSample, domainOfDepartment, matterCreate, type MatterCreate } from '@openenforce/domain/catalog';
import {
  bindColumns,
  ImportErrors,
  normalizeDate,
  reportIssues,
  splitList,
  type ColumnSpec,
  type ParsedTable,
} from '../platform/spreadsheet/index.ts';

/**
 * The catalog layout county catalogs are published in (序号, 事项代码, 事项名称, 法律依据, 划转范围, 具体职责边界,
 * 划出部门) plus our columns; the English aliases are the columns of catalog-sample.csv (shared/data/SOURCES.md).
 */
export type MatterColumn =
  | 'code'
  | 'name'
  | 'domain'
  | 'kind'
  | 'sourceDepartment'
  | 'law'
  | 'article'
  | 'penaltyArticle'
  | 'penaltyText'
  | 'fineMin'
  | 'fineMax'
  | 'fineBasis'
  | 'listType'
  | 'townPower'
  | 'transferScope'
  | 'boundary'
  | 'notes'
  | 'towns'
  | 'effectiveFrom'
  | 'department'
  | 'professionalTeam'
  | 'delegatingAgency';

const col = (
  key: MatterColumn,
  header: string,
  aliases: string[],
  required = false,
  example = '',
  help = '',
): ColumnSpec<MatterColumn> => ({ key, header, aliases, required, example, help });

export const MATTER_COLUMNS: readonly ColumnSpec<MatterColumn>[] = [
  col('code', '事项代码', ['code'], false, '330275012000', '县级目录的事项编码；可空'),
  col('name', '事项名称', ['name'], true, '对擅自占用城市道路的行政处罚'),
  col(
    'domain',
    '执法领域',
    ['domain'],
    false,
    '城市管理',
    '可空：空时由划出部门推定（如“市容环境卫生主管部门”→城市管理），推定不出时用导入时选择的默认领域',
  ),
  col('kind', '事项类型', ['kind'], false, '行政处罚', '行政处罚 / 行政检查 / 行政强制 / 其他；空为行政处罚'),
  col('sourceDepartment', '划出部门', ['source_department'], true, '市容环境卫生主管部门'),
  col('law', '法律依据', ['law'], true, '《城市道路管理条例》第二十七条', '法律名称（含书名号），可连同条款'),
  col('article', '条款', ['article'], false, '第二十七条'),
  col('penaltyArticle', '处罚条款', ['penalty_article'], false, '第四十二条'),
  col('penaltyText', '处罚内容', ['penalty_text'], false, '责令限期改正，可以处以2万元以下的罚款'),
  col('fineMin', '罚款下限（元）', ['fine_min_yuan'], false, '0'),
  col('fineMax', '罚款上限（元）', ['fine_max_yuan'], false, '20000'),
  col('fineBasis', '罚款方式', ['fine_basis'], false, 'fixed', 'fixed / per_unit / multiple / none'),
  col('listType', '清单类型', ['list_type'], false, 'comprehensive', '综合 / 专业 / 管执一体；空为综合'),
  col('townPower', '乡镇权限', ['town_power_hint'], false, '', '赋权 / 委托 / 延伸；空为无'),
  col('transferScope', '划转范围', ['transfer_scope'], false, '全部', '全部 / 部分'),
  col('boundary', '具体职责边界', ['responsibility_boundary'], false, ''),
  col('notes', '备注说明', ['notes'], false, '', '罚款分档等说明（见 SOURCES.md 的写法）'),
  col('towns', '适用乡镇', ['towns'], false, '泽国镇、大溪镇', '乡镇权限适用的乡镇（名称或代码）；空为全部赋权乡镇'),
  col('effectiveFrom', '生效日期', ['effective_from'], false, '2022-01-01', '空为导入时填写的日期'),
  col('department', '管执部门代码', ['department'], false, '', '管执一体事项由哪个部门执法（部门代码）'),
  col(
    'professionalTeam',
    '专业队伍代码',
    ['professional_team'],
    false,
    '',
    '专业执法事项的承办队伍（队伍代码）；空为该领域的专业大队',
  ),
  col('delegatingAgency', '委托机关', ['delegating_agency'], false, '', '委托执法时以其名义执法的机关'),
];

const KINDS: Record<string, MatterCreate['kind']> = {
  行政处罚: 'penalty',
  行政检查: 'inspection',
  行政强制: 'coercive_measure',
  其他: 'other',
  penalty: 'penalty',
  inspection: 'inspection',
  coercive_measure: 'coercive_measure',
  other: 'other',
};
const LISTS: Record<string, MatterCreate['listType']> = {
  综合: 'comprehensive',
  综合执法: 'comprehensive',
  comprehensive: 'comprehensive',
  专业: 'professional',
  professional: 'professional',
  管执一体: 'in_department',
  in_department: 'in_department',
};
const POWERS: Record<string, MatterCreate['defaultTownPower']> = {
  赋权: 'empowered',
  empowered: 'empowered',
  委托: 'delegated',
  delegated: 'delegated',
  延伸: 'extended',
  extended: 'extended',
  无: 'none',
  none: 'none',
};
const SCOPES: Record<string, 'all' | 'part'> = { 全部: 'all', all: 'all', 部分: 'part', part: 'part' };

export interface MatterImportOptions {
  effectiveFrom: string;
  announcement: string;
  /** Whether imported matters are on the public catalog at once. */
  published: boolean;
  /** The domain of a row that states none and whose department names none. */
  defaultDomain?: string;
  /** Towns by name and by code, for the 适用乡镇 column; a town power applies to the empowered towns by default. */
  towns?: ReadonlyMap<string, { id: string; townMode: 'empowered' | 'dispatched' | null }>;
}

/** "《城市道路管理条例》第二十七条" → law + article; a bare law name keeps the article column. */
function splitLaw(law: string, article: string): { law: string; article: string } {
  const m = /^(《[^》]+》)(.*)$/.exec(law.trim());
  return m ? { law: m[1]!, article: (m[2]!.trim() || article).trim() } : { law: law.trim(), article };
}

/**
 * Rows → validated matter-create bodies, with every error by row and column; the caller writes nothing unless
 * `errors` is empty. Codes must be unique in the file (and, checked by the caller, in the catalog).
 */
export function mattersFromTable(table: ParsedTable, o: MatterImportOptions) {
  const errors = new ImportErrors(table.problems);
  const cols = bindColumns(table, MATTER_COLUMNS, errors);
  const values: { row: number; body: MatterCreate }[] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const cell = (k: MatterColumn) => cols.cell(r, k);
    const fail = (k: MatterColumn, rule: string) => errors.add(r.row, cols.header(k), rule);
    const kind = KINDS[cell('kind') || '行政处罚'];
    if (!kind) fail('kind', 'matter_kind_unknown');
    const listType = LISTS[cell('listType') || '综合'];
    if (!listType) fail('listType', 'list_type_unknown');
    const power = POWERS[cell('townPower') || '无'];
    if (!power) fail('townPower', 'town_power_unknown');
    const scope = cell('transferScope') ? SCOPES[cell('transferScope')] : null;
    if (scope === undefined) fail('transferScope', 'transfer_scope_unknown');
    const code = cell('code') || null;
    if (code) {
      if (seen.has(code)) fail('code', 'duplicate_in_file');
      else seen.set(code, r.row);
    }
    const [min, max] = [Number(cell('fineMin')), Number(cell('fineMax'))];
    if (cell('fineMin') && cell('fineMax') && Number.isFinite(min) && Number.isFinite(max) && min > max) {
      fail('fineMax', 'max_not_below_min');
    }
    const basis = splitLaw(cell('law'), cell('article'));
    let townPowers: Record<string, string> = {};
    if (o.towns && power && power !== 'none') {
      const named = splitList(cell('towns'));
      const unknown = named.filter((n) => !o.towns!.has(n));
      if (unknown.length) fail('towns', `town_unknown:${unknown.join('、')}`);
      const chosen = named.length
        ? named.map((n) => o.towns!.get(n)).filter((t) => !!t)
        : [...new Set(o.towns.values())].filter((t) => t.townMode === 'empowered');
      townPowers = Object.fromEntries(chosen.map((t) => [t!.id, power]));
    }
    // The county's own layout has no domain column: read it from the transferring department, else the default.
    let domain = cell('domain') || domainOfDepartment(cell('sourceDepartment')) || o.defaultDomain || '';
    if (!domain && cell('sourceDepartment')) {
      fail('sourceDepartment', 'domain_not_derivable');
      // Reported once, on the column the county filled; parsed with a stand-in so that it is not reported twice.
      domain = '城市管理';
    }
    const effectiveFrom = cell('effectiveFrom') ? normalizeDate(cell('effectiveFrom')) : o.effectiveFrom;
    const discretion =
      kind === 'penalty'
        ? discretionFromSample({
            penalty_text: cell('penaltyText'),
            fine_min_yuan: cell('fineMin'),
            fine_max_yuan: cell('fineMax'),
            fine_basis: cell('fineBasis'),
            notes: cell('notes'),
          })
        : null;
    const parsed = matterCreate.safeParse({
      code,
      name: cell('name'),
      // An unknown kind is reported above; parsing it as 'other' keeps it from also demanding a penalty basis.
      kind: kind ?? 'other',
      domain,
      legalBasis: { law: basis.law, article: basis.article, text: '' },
      penaltyBasis:
        kind === 'penalty'
          ? { law: basis.law, article: cell('penaltyArticle') || basis.article, text: cell('penaltyText') }
          : null,
      sourceDepartment: cell('sourceDepartment'),
      transferScope: scope ?? null,
      responsibilityBoundary: cell('boundary') || null,
      listType: listType ?? 'comprehensive',
      townPowers,
      department: cell('department') || null,
      professionalTeam: cell('professionalTeam') || null,
      delegatingAgency: cell('delegatingAgency') || null,
      defaultTownPower: o.towns ? 'none' : (power ?? 'none'),
      discretion: discretion?.benchmark ?? null,
      published: o.published,
      effectiveFrom,
      announcement: o.announcement,
    });
    if (!parsed.success) {
      const field: Record<string, MatterColumn> = {
        legalBasis: 'law',
        penaltyBasis: 'penaltyArticle',
        responsibilityBoundary: 'boundary',
        defaultTownPower: 'townPower',
        discretion: 'fineBasis',
      };
      reportIssues(
        parsed.error.issues,
        r.row,
        errors,
        (f) => cols.header(field[f] ?? (f as MatterColumn)),
        (f) => cell(field[f] ?? (f as MatterColumn)) === '',
      );
      continue;
    }
    values.push({ row: r.row, body: parsed.data });
  }
  return { values, errors };
}
