import { PERMISSIONS, type Permission } from '../organization/roles.ts';
import {
  PASSPHRASE_MIN_LENGTH,
  PASSPHRASE_MIN_WORDS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../auth/password-limits.ts';

/**
 * The rule catalogue: every rule id the server can put in an error's `details[].rule`, with its words in zh-CN and
 * English. The HTTP layer fills `details[].message` from it whenever a detail brings none, so no client translates
 * rule ids itself; the web uses the same words for the shared zod schemas it runs before sending.
 *
 * A rule id may carry a value after a colon (`current_version:3`, `too_many_rows:5000`): the words show it where
 * they say `{value}`, and `values` names a value that is itself a code (`level_below_parent:grid` → 网格). A rule
 * whose words depend on the case (a lifecycle guard naming the status, a legal rule naming the amount) still sends
 * its own message; the entry here is what the rule means in general.
 */
export interface RuleWords {
  zh: string;
  en: string;
  /** Words for the codes a `{value}` may be. */
  values?: Readonly<Record<string, { zh: string; en: string }>>;
}

const REGION_LEVELS = {
  county: { zh: '县（市、区）', en: 'county' },
  town: { zh: '乡镇（街道）', en: 'town' },
  village: { zh: '村（社区）', en: 'village' },
  grid: { zh: '网格', en: 'grid' },
};

/** Permissions as refusal reasons (`FORBIDDEN` with `{path: 'permission', rule: 'event.report'}`). */
const PERMISSION_WORDS: Record<Permission, { zh: string; en: string }> = {
  'org.read': { zh: '查看组织机构', en: 'read the organisation' },
  'org.write': { zh: '维护组织机构', en: 'edit the organisation' },
  'org.import': { zh: '批量导入人员和执法证', en: 'import people and certificates' },
  'map.read': { zh: '查看区域地图', en: 'read the map' },
  'audit.read': { zh: '查看审计日志', en: 'read the audit log' },
  'catalog.read': { zh: '查看事项目录', en: 'read the catalog' },
  'catalog.write': { zh: '维护事项目录', en: 'edit the catalog' },
  'event.read': { zh: '查看事件', en: 'read events' },
  'event.report': { zh: '上报事件', en: 'report events' },
  'event.command': { zh: '受理、合并、仲裁事件', en: 'triage, merge and arbitrate events' },
  'event.dispatch': { zh: '派遣事件', en: 'dispatch events' },
  'event.handle': { zh: '签收、处置事件', en: 'accept and handle events' },
  'event.verify': { zh: '核查、评价事件', en: 'verify and rate events' },
  'event.urge': { zh: '催办事件', en: 'urge teams' },
  'pii.read': { zh: '查看完整个人信息', en: 'read personal data in full' },
  'user.admin': { zh: '管理用户账号', en: 'manage user accounts' },
};

const permissionRules = Object.fromEntries(
  PERMISSIONS.map((p) => [
    p,
    {
      zh: `您没有“${PERMISSION_WORDS[p].zh}”的权限（${p}）`,
      en: `You may not ${PERMISSION_WORDS[p].en} (${p})`,
    },
  ]),
) as Record<Permission, RuleWords>;

export const RULES = {
  // ── The shape of a request: zod's own issue codes (words with bounds: zodIssueWords) ──────────────────────────
  invalid_type: { zh: '必填或类型不正确', en: 'Required, or of the wrong type' },
  too_small: { zh: '不能为空或过短、过小', en: 'Empty, too short or too small' },
  too_big: { zh: '过长或过大', en: 'Too long or too large' },
  invalid_format: { zh: '格式不正确', en: 'Wrong format' },
  invalid_value: { zh: '取值不在允许范围内', en: 'Not an allowed value' },
  invalid_enum: { zh: '取值不在允许范围内', en: 'Not an allowed value' },
  invalid_union: { zh: '不符合任何一种允许的格式', en: 'Matches none of the allowed forms' },
  invalid_key: { zh: '字段名不正确', en: 'A key is not valid' },
  invalid_element: { zh: '某个元素不正确', en: 'An element is not valid' },
  not_multiple_of: { zh: '不是允许的倍数', en: 'Not an allowed multiple' },
  unrecognized_keys: { zh: '包含不允许的字段', en: 'Contains fields that are not allowed' },
  custom: { zh: '不符合要求', en: 'Not valid' },
  required: { zh: '必填', en: 'Required' },
  number: { zh: '须为数字', en: 'Must be a number' },
  // ── The text rule (every string of every request) ───────────────────────────────────────────────────────────────
  no_nul_character: { zh: '文本不能包含空字符（U+0000）', en: 'Text must not contain the NUL character (U+0000)' },
  well_formed_unicode: {
    zh: '文本含有不成对的代理项，不是有效的 Unicode 字符',
    en: 'Text contains an unpaired surrogate: it is not valid Unicode',
  },
  no_control_characters: { zh: '不能包含控制字符', en: 'No control characters' },
  no_control_or_invisible_characters: {
    zh: '不能包含控制字符或不可见字符',
    en: 'No control or invisible characters',
  },
  text_too_long: { zh: '内容过长', en: 'Too long' },
  iso_date: { zh: '日期格式应为 YYYY-MM-DD', en: 'Use the format YYYY-MM-DD' },
  valid_date: { zh: '日期不存在', en: 'No such date' },
  iso_datetime: {
    zh: '时间格式应为 ISO 8601（含时区，如 2026-11-22T09:30:00+08:00）',
    en: 'Use an ISO 8601 time with its offset (e.g. 2026-11-22T09:30:00+08:00)',
  },
  cursor: { zh: '分页参数不正确', en: 'Invalid page cursor' },
  // ── HTTP: the request itself ────────────────────────────────────────────────────────────────────────────────────
  json_syntax: { zh: '请求体不是有效的 JSON', en: 'The body is not valid JSON' },
  max_size: { zh: '超过大小上限', en: 'Too large' },
  unsupported: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  percent_encoding: { zh: '地址中的百分号编码不正确', en: 'Bad percent-encoding in the URL' },
  max_param_length: { zh: '地址中的参数过长', en: 'A URL parameter is too long' },
  max_header_size: { zh: '请求头或地址过长', en: 'The headers or the URL are too long' },
  timeout: { zh: '请求未在限定时间内送达', en: 'The request did not arrive in time' },
  http_syntax: { zh: '请求格式不正确', en: 'The request is malformed' },
  bad_request: { zh: '请求不正确', en: 'Bad request' },
  request_invalid: { zh: '请求不符合接口要求', en: 'The request does not fit the endpoint' },
  unknown_route: { zh: '接口不存在', en: 'No such endpoint' },
  multipart_boundary: {
    zh: '文件上传须为 multipart/form-data 且带分隔符（boundary）',
    en: 'An upload must be multipart/form-data with a boundary',
  },
  multipart_syntax: { zh: '上传内容格式不正确', en: 'The upload is malformed' },
  same_origin_or_allowed: { zh: '请求须来自本系统页面', en: 'The request must come from this system’s pages' },
  change_password_first: { zh: '请先修改密码', en: 'Change your password first' },
  retry_after: { zh: '请在 {value} 秒后重试', en: 'Try again in {value} seconds' },
  reachable: { zh: '数据库无法访问', en: 'The database cannot be reached' },
  // ── Records and references ──────────────────────────────────────────────────────────────────────────────────────
  current_version: {
    zh: '记录已被他人修改，当前版本为 {value}',
    en: 'Someone else changed the record: the current version is {value}',
  },
  stale_version: { zh: '事项已被他人修改', en: 'Someone else changed the matter' },
  unique: { zh: '与已有记录重复', en: 'Duplicates an existing record' },
  duplicate: { zh: '与已有记录重复', en: 'Duplicates an existing record' },
  exists: { zh: '引用的记录不存在', en: 'The referenced record does not exist' },
  reference: { zh: '引用的记录不存在', en: 'The referenced record does not exist' },
  not_found: { zh: '引用的记录不存在', en: 'The referenced record does not exist' },
  out_of_scope: { zh: '超出数据范围', en: 'Outside your data scope' },
  town_must_be: { zh: '只能在本乡镇（{value}）范围内操作', en: 'Only within your town ({value})' },
  // ── Accounts and passwords ──────────────────────────────────────────────────────────────────────────────────────
  username_characters: {
    zh: '用户名为 3–32 位小写字母、数字或 . _ -，以字母或数字开头',
    en: '3–32 lower-case letters, digits or . _ -, starting with a letter or digit',
  },
  user_exists: { zh: '账号不存在', en: 'No such account' },
  user_in_scope: { zh: '账号不存在或不在您的数据范围内', en: 'No such account in your data scope' },
  not_yourself: { zh: '不能对自己的账号执行此操作', en: 'Not on your own account' },
  matches_current_password: { zh: '当前密码不正确', en: 'The current password is wrong' },
  password_too_short: {
    zh: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`,
    en: `At least ${PASSWORD_MIN_LENGTH} characters`,
  },
  password_too_long: {
    zh: `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`,
    en: `At most ${PASSWORD_MAX_LENGTH} characters`,
  },
  password_one_kind: {
    zh: `须混合字母、数字、符号中的两类；或使用口令短语：${PASSPHRASE_MIN_WORDS} 个以上词语（英文以空格分隔，汉字每字算一词）或 ${PASSPHRASE_MIN_LENGTH} 个以上字符`,
    en: `Mix two kinds of letters, digits and symbols, or use a passphrase: ${PASSPHRASE_MIN_WORDS}+ words (spaces between; a Chinese character is a word) or ${PASSPHRASE_MIN_LENGTH}+ characters`,
  },
  password_contains_username: { zh: '密码不能包含用户名', en: 'The password must not contain the username' },
  password_same_as_current: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  password_common: {
    zh: '该密码过于常见（在泄露密码清单中），请换一个',
    en: 'This password is too common (it is on a list of leaked passwords)',
  },
  ...permissionRules,
  // ── Organisation: regions, teams, people, certificates ──────────────────────────────────────────────────────────
  region_code: { zh: '区划代码格式不正确', en: 'Not a region code' },
  code_extends_parent_by_3_digits: {
    zh: '区划代码须为上级代码加 3 位数字',
    en: "The code must be the parent's code plus 3 digits",
  },
  level_below_parent: {
    zh: '层级须为上级的下一级：{value}',
    en: 'The level must be the one below the parent: {value}',
    values: REGION_LEVELS,
  },
  parent_region_exists: {
    zh: '上级区域不存在，或其下不能再设区域',
    en: 'The parent region does not exist or cannot have children',
  },
  town_mode_only_and_always_for_towns: {
    zh: '乡镇（街道）必须设置执法模式，其他层级不能设置',
    en: 'A town needs an enforcement mode; other levels have none',
  },
  town_mode_only_for_towns: { zh: '只有乡镇（街道）设置执法模式', en: 'Only a town has an enforcement mode' },
  ring_closed: { zh: '环未闭合：首尾坐标须相同', en: 'A ring is not closed: its last position must equal the first' },
  overlaps: { zh: '边界与相邻区域（{value}）重叠', en: 'The boundary overlaps a neighbouring region ({value})' },
  outside_parent: {
    zh: '边界超出上级区域（{value}）的范围',
    en: 'The boundary reaches outside the parent region ({value})',
  },
  inside_county: { zh: '位置不在本县（市、区）范围内', en: 'The location is outside the county' },
  region_in_scope: { zh: '区域不存在或超出数据范围', en: 'No such region in your data scope' },
  agency_in_scope: { zh: '机关不存在或超出数据范围', en: 'No such agency in your data scope' },
  team_in_scope: { zh: '队伍不存在或超出数据范围', en: 'No such team in your data scope' },
  person_in_scope: { zh: '人员不存在或超出数据范围', en: 'No such person in your data scope' },
  certificate_in_scope: { zh: '执法证不存在或超出数据范围', en: 'No such certificate in your data scope' },
  town_exists: { zh: '乡镇（街道）不存在', en: 'No such town' },
  team_exists: { zh: '队伍不存在', en: 'No such team' },
  person_exists: { zh: '人员不存在', en: 'No such person' },
  grid_exists: { zh: '网格不存在', en: 'No such grid' },
  team_in_town: { zh: '队伍不属于该乡镇（街道）', en: 'The team is not in this town' },
  grid_in_town: { zh: '网格不属于该乡镇（街道）', en: 'The grid is not in this town' },
  code_characters: { zh: '只能包含字母、数字、下划线和连字符', en: 'Letters, digits, "_" and "-" only' },
  mobile_phone: { zh: '手机号码格式不正确（11 位，1 开头）', en: 'Not a mobile number (11 digits starting with 1)' },
  id_number_format: { zh: '身份证号格式不正确（18 位）', en: 'Not an ID number (18 characters)' },
  id_number_checksum: { zh: '身份证号校验位不正确', en: 'The ID number check digit is wrong' },
  valid_to_not_before_valid_from: {
    zh: '有效期止不能早于有效期起',
    en: '"Valid to" may not be before "valid from"',
  },
  // ── Spreadsheet imports (a row and a column, or the file) ───────────────────────────────────────────────────────
  column_duplicate: { zh: '列重复', en: 'Duplicate column' },
  column_missing: { zh: '缺少必填列', en: 'A required column is missing' },
  column_unknown: { zh: '无法识别的列名（请使用模板表头）', en: 'Unknown column (use the template headers)' },
  content_not_csv: { zh: '文件内容不是 CSV', en: 'The content is not CSV' },
  content_not_xlsx: { zh: '文件内容不是 XLSX', en: 'The content is not XLSX' },
  extension_not_xlsx_or_csv: { zh: '仅支持 .xlsx 或 .csv 文件', en: 'Only .xlsx or .csv files' },
  xls_not_supported_save_as_xlsx: { zh: '不支持 .xls，请另存为 .xlsx', en: '.xls is not supported: save as .xlsx' },
  xlsx_unreadable: { zh: '无法读取该 XLSX 文件', en: 'The XLSX file cannot be read' },
  uncompressed_size: { zh: 'XLSX 文件解压后过大', en: 'The XLSX file is too large once unpacked' },
  empty_file: { zh: '文件为空', en: 'The file is empty' },
  no_data_rows: { zh: '文件中没有数据行', en: 'The file has no data rows' },
  too_many_rows: { zh: '行数超过上限（{value} 行）', en: 'Too many rows (at most {value})' },
  more_errors: { zh: '另有 {value} 处错误未列出', en: '{value} more errors not listed' },
  merged_cells_not_allowed: { zh: '不允许合并单元格', en: 'Merged cells are not allowed' },
  cell_error_value: { zh: '单元格是错误值（如 #N/A）', en: 'The cell holds an error value (e.g. #N/A)' },
  csv_unterminated_quote: { zh: 'CSV 引号未闭合', en: 'Unterminated quote in CSV' },
  number_precision_lost: {
    zh: '数字精度丢失（请将该列设为文本格式）',
    en: 'Number precision lost (format the column as text)',
  },
  duplicate_in_file: { zh: '与文件中其他行重复', en: 'Duplicates another row of the file' },
  gender_male_or_female: { zh: '性别应为“男”或“女”', en: 'Gender must be 男 or 女' },
  yes_or_no: { zh: '应填“是”或“否”', en: 'Use 是 or 否' },
  role_unknown: { zh: '角色不存在', en: 'No such role' },
  team_unknown: { zh: '队伍不存在', en: 'No such team' },
  team_ambiguous: { zh: '队伍名称不唯一，请填写队伍编号', en: 'Several teams have this name: use the team code' },
  team_not_in_town: { zh: '队伍不属于该乡镇', en: 'The team is not in this town' },
  town_unknown: { zh: '乡镇（街道）不存在：{value}', en: 'No such town: {value}' },
  town_ambiguous: { zh: '乡镇（街道）名称不唯一', en: 'Several towns have this name' },
  grid_unknown: { zh: '网格不存在', en: 'No such grid' },
  grid_not_in_town: { zh: '网格不属于该乡镇', en: 'The grid is not in this town' },
  person_unknown: { zh: '人员（工号）不存在', en: 'No person with this employee number' },
  datetime: { zh: '时间格式不正确（如 2026-11-22 09:30）', en: 'Not a date and time (e.g. 2026-11-22 09:30)' },
  not_in_future: { zh: '时间不能晚于现在', en: 'May not be in the future' },
  normal_or_urgent: { zh: '应填“一般”或“紧急”', en: 'Use 一般 (normal) or 紧急 (urgent)' },
  already_imported: { zh: '该工单已导入', en: 'This ticket was imported before' },
  // ── Catalog: matters, lists, discretion inputs ──────────────────────────────────────────────────────────────────
  matter_code_characters: {
    zh: '事项编码只能包含字母、数字、下划线和连字符',
    en: 'Letters, digits, underscores and hyphens only',
  },
  domain_unknown: { zh: '执法领域不存在', en: 'Unknown domain' },
  penalty_basis_required_for_penalty: {
    zh: '行政处罚事项须填写处罚依据',
    en: 'A penalty needs its penalty article',
  },
  responsibility_boundary_required_for_part: {
    zh: '部分划转的事项须填写具体职责边界',
    en: 'A partial transfer needs the responsibility boundary',
  },
  department_required_for_in_department: {
    zh: '管执一体事项须指定主管部门',
    en: 'An in-department matter needs its department',
  },
  delegating_agency_required_for_delegated: {
    zh: '有委托乡镇行使的，须填写委托机关',
    en: 'A delegated town power needs the delegating agency',
  },
  amount_integer_fen: { zh: '金额须精确到分', en: 'Amounts are exact to the fen' },
  multiple_non_negative_at_most_4_decimals: {
    zh: '倍数须为非负数，最多 4 位小数',
    en: 'A multiple is non-negative with at most 4 decimals',
  },
  percent_integer: { zh: '百分比须为整数', en: 'A whole percentage' },
  percent_0_to_100: { zh: '百分比须在 0 至 100 之间', en: 'Between 0 and 100 %' },
  max_not_below_min: { zh: '最高不能低于最低', en: 'The maximum may not be below the minimum' },
  band_to_not_below_from: { zh: '上限不能低于下限', en: 'The upper bound may not be below the lower' },
  town_code: { zh: '乡镇代码须为 9 位数字', en: 'A town code has 9 digits' },
  town_power_unknown: { zh: '乡镇权限取值不正确', en: 'Unknown town power' },
  matter_kind_unknown: { zh: '事项类型不正确', en: 'Unknown kind' },
  list_type_unknown: { zh: '清单类型不正确', en: 'Unknown list type' },
  transfer_scope_unknown: { zh: '划转范围不正确', en: 'Unknown transfer scope' },
  multiple_base_unknown: { zh: '计罚基数不正确', en: 'Unknown base' },
  new_matter_not_withdrawn: { zh: '新增事项不能是已取消状态', en: 'A new matter cannot be withdrawn' },
  effective_from_not_before_previous: {
    zh: '生效日期不能早于上一版本的生效日期',
    en: 'The effective date may not be before the previous version’s',
  },
  matter_exists: { zh: '事项不存在', en: 'No such matter' },
  matter_in_force: { zh: '执法事项不存在或未生效', en: 'The matter does not exist or is not in force' },
  town_or_point_required: { zh: '请选择乡镇（街道）或地图上的位置', en: 'Pick a town or a point on the map' },
  age_whole_years: { zh: '年龄须为整数周岁', en: 'Age in whole years' },
  age_range: { zh: '年龄须在 0 至 150 之间', en: 'Age between 0 and 150' },
  units_non_negative_at_most_3_decimals: {
    zh: '数量须为非负数，最多 3 位小数',
    en: 'A non-negative quantity with at most 3 decimals',
  },
  factor_unknown: { zh: '情节因素不正确', en: 'Unknown factor' },
  tier_unknown: { zh: '处罚档次不正确', en: 'Unknown tier' },
  circumstance_unknown: { zh: '情节不正确', en: 'Unknown circumstance' },
  party_type_unknown: { zh: '当事人类型不正确', en: 'Unknown party type' },
  mental_capacity_unknown: { zh: '辨认控制能力取值不正确', en: 'Unknown capacity' },
  // The sample catalog's fine columns (catalog-sample.csv layout).
  fine_columns_missing: { zh: '缺少罚款列', en: 'The fine columns are missing' },
  fine_columns_invalid: { zh: '罚款列的内容无法识别', en: 'The fine columns cannot be read' },
  fine_amount_not_stated: { zh: '未写明罚款金额', en: 'No fine amount is stated' },
  fine_basis_unknown: { zh: '罚款计算基数无法识别', en: 'The basis of the fine is not understood' },
  benchmark_invalid: { zh: '裁量基准不完整或自相矛盾', en: 'The discretion benchmark is incomplete or contradictory' },
  multiple_not_understood: { zh: '倍数罚款的写法无法识别', en: 'The multiple is not understood' },
  multiple_base_not_understood: { zh: '倍数罚款的计罚基数无法识别', en: 'The base of the multiple is not understood' },
  per_unit_rate_missing: { zh: '按单位计罚缺少单价', en: 'A per-unit fine needs its rate' },
  per_unit_unit_not_understood: { zh: '按单位计罚的单位无法识别', en: 'The unit of a per-unit fine is not understood' },
  nested_tier_not_modelled: { zh: '嵌套的处罚档次无法表示', en: 'Nested tiers cannot be modelled' },
  second_multiple_not_modelled: { zh: '第二个倍数无法表示', en: 'A second multiple cannot be modelled' },
  second_tier_not_placed: { zh: '第二个处罚档次无法对应', en: 'A second tier cannot be placed' },
  // ── Legal rules (LEGAL.md): the refusal sends its own sentence; this is the rule in general ────────────────────
  'APL-30': {
    zh: '不满十四周岁的未成年人有违法行为的，不予行政处罚（行政处罚法第三十条）',
    en: 'No penalty for a minor under 14 (Administrative Penalty Law art. 30)',
  },
  'APL-31': {
    zh: '精神病人、智力残疾人在不能辨认或者控制自己行为时有违法行为的，不予行政处罚（行政处罚法第三十一条）',
    en: 'No penalty for a person who could not understand or control the act (APL art. 31)',
  },
  'APL-32': {
    zh: '有法定情形的，应当从轻或者减轻行政处罚（行政处罚法第三十二条）',
    en: 'The penalty must be lighter or reduced on statutory grounds (APL art. 32)',
  },
  'APL-33(a)': {
    zh: '违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚（行政处罚法第三十三条第一款）',
    en: 'No penalty for a minor act promptly corrected without harm (APL art. 33(1))',
  },
  'APL-33(b)': {
    zh: '初次违法且危害后果轻微并及时改正的，可以不予行政处罚（首违不罚，行政处罚法第三十三条第一款）',
    en: 'A first, minor act promptly corrected may go unpunished (first-violation waiver, APL art. 33(1))',
  },
  'APL-33(c)': {
    zh: '当事人有证据足以证明没有主观过错的，不予行政处罚（行政处罚法第三十三条第二款）',
    en: 'No penalty where the party proves it was not at fault (APL art. 33(2))',
  },
  'APL-33-EDU': {
    zh: '对不予处罚的当事人应当进行教育（行政处罚法第三十三条第三款）',
    en: 'A party not penalised must be educated (APL art. 33(3))',
  },
  'ZJ-LV': {
    zh: '轻微违法告知承诺制：列入清单且当事人承诺改正的，依法不予处罚',
    en: 'Light-violation commitment: a listed act the party undertakes to correct is not penalised',
  },
  'ZJ-9': {
    zh: '乡镇（街道）只能行使赋予或委托的执法权（浙江省综合行政执法条例第九条）',
    en: 'A town acts only on powers granted or delegated to it (Zhejiang regulation art. 9)',
  },
  'JUR-EMPOWERED': { zh: '由获赋权的乡镇（街道）以自己的名义执法', en: 'The empowered town acts in its own name' },
  'JUR-DELEGATED': {
    zh: '由受委托的乡镇（街道）以委托机关的名义执法',
    en: 'The town acts in the delegating agency’s name',
  },
  'JUR-EXTENDED': { zh: '由县级执法队伍在乡镇（街道）执法', en: 'The county’s team acts in the town' },
  'JUR-DISPATCHED': { zh: '由派驻乡镇（街道）的中队执法', en: 'The squad stationed in the town acts' },
  'JUR-PROFESSIONAL': { zh: '由专业执法大队执法', en: 'The professional brigade acts' },
  'JUR-DEPARTMENT': { zh: '管执一体：由业务主管部门执法', en: 'In-department matter: the department acts' },
  'JUR-NOT-IN-FORCE': { zh: '该事项在该日期未生效', en: 'The matter is not in force on that date' },
  'JUR-UNPUBLISHED': { zh: '该事项尚未公布', en: 'The matter is not published' },
  'JUR-UNRESOLVED': { zh: '无法确定管辖的队伍', en: 'No team could be found for the matter' },
  'DISC-AMOUNT': { zh: '罚款金额须为正的整数分', en: 'A fine is a positive whole number of fen' },
  'DISC-BASE-MISSING': {
    zh: '缺少计罚基数（如违法所得、货值）',
    en: 'The base of the fine (e.g. the gain) is missing',
  },
  'DISC-UNITS-MISSING': { zh: '缺少计罚数量', en: 'The quantity the fine counts is missing' },
  'DISC-RANGE': { zh: '法定罚款幅度', en: 'The statutory range of the fine' },
  'DISC-CIRCUMSTANCE': { zh: '按情节确定的裁量档次', en: 'The tier the circumstances set' },
  'DISC-DISCRETIONARY': { zh: '可以不予处罚的情形', en: 'A case where a penalty may be waived' },
  'DISC-HEAVIER': { zh: '从重处罚', en: 'A heavier penalty' },
  'DISC-LIGHTER': { zh: '从轻处罚', en: 'A lighter penalty' },
  'DISC-REDUCED': { zh: '减轻处罚', en: 'A reduced penalty' },
  'DISC-OFFSET': { zh: '从重与从轻情节相抵', en: 'Heavier and lighter circumstances offset' },
  'DISC-NO-BENCHMARK': { zh: '该事项没有裁量基准', en: 'The matter has no discretion benchmark' },
  'DISC-NO-FINE': { zh: '该事项依法不得罚款', en: 'No fine may be imposed for the matter' },
  'DISC-TIER': { zh: '裁量档次', en: 'The tier of the benchmark' },
  'DISC-RECOMMENDED': { zh: '建议罚款金额', en: 'The recommended fine' },
  'DISC-OUTSIDE-LEGAL': { zh: '罚款金额超出法定幅度', en: 'The fine is outside the statutory range' },
  'DISC-OUTSIDE-RECOMMENDED': {
    zh: '罚款金额超出建议幅度，须说明理由',
    en: 'The fine is outside the recommended range: give the reason',
  },
  'APL-42': {
    zh: '执法人员不得少于两人，并应当出示执法证件（行政处罚法第四十二条）',
    en: 'At least two officers, showing their certificates (APL art. 42)',
  },
  'APL-51': {
    zh: '当场处罚：个人二百元以下、单位三千元以下的罚款或者警告（行政处罚法第五十一条）',
    en: 'On-the-spot penalty: a warning, or a fine up to 200 yuan (person) or 3,000 yuan (organisation) (APL art. 51)',
  },
  'TIME-4': {
    zh: '该日期所在年份尚无节假日数据，无法计算工作日期限',
    en: 'No holiday data for that year: working-day deadlines cannot be computed',
  },
  // ── Events: reports and steps ───────────────────────────────────────────────────────────────────────────────────
  lng_range: { zh: '经度须在 -180 至 180 之间', en: 'Longitude between -180 and 180' },
  lat_range: { zh: '纬度须在 -90 至 90 之间', en: 'Latitude between -90 and 90' },
  category_code: { zh: '事件类别代码只能包含小写字母、数字和下划线', en: 'Lower-case letters, digits and "_" only' },
  category_exists: { zh: '事件类别不存在', en: 'No such category' },
  client_step_id: {
    zh: '客户端操作编号须为 8–64 位字母、数字、_ 或 -',
    en: 'A client step id is 8–64 letters, digits, "_" or "-"',
  },
  phone: { zh: '电话号码格式不正确', en: 'Not a phone number' },
  status_list: {
    zh: '状态须为以逗号分隔的状态代码',
    en: 'A comma-separated list of status codes',
  },
  event_status: { zh: '事件状态不存在', en: 'No such event status' },
  bbox: {
    zh: '范围须为 最小经度,最小纬度,最大经度,最大纬度',
    en: 'A box is minLng,minLat,maxLng,maxLat',
  },
  bbox_order: { zh: '范围的最小值须小于最大值', en: 'The minimum must be below the maximum' },
  from_not_after_to: { zh: '开始日期不能晚于结束日期', en: 'The start may not be after the end' },
  reason_required: { zh: '请填写理由（至少 2 个字）', en: 'Give a reason (2 characters at least)' },
  note_required: { zh: '请填写情况说明（至少 2 个字）', en: 'Describe it (2 characters at least)' },
  rating_range: { zh: '评价须为 1–5 星', en: 'A rating is 1 to 5 stars' },
  event_exists: { zh: '事件不存在', en: 'No such event' },
  photo_exists: { zh: '照片不存在', en: 'No such photo' },
  own_unattached_photo: {
    zh: '照片不存在或已被使用，请重新拍照上传',
    en: 'The photo is gone or already used: take it again',
  },
  notification_exists: { zh: '通知不存在', en: 'No such notification' },
  'EVT-STATUS': { zh: '事件当前状态不允许此操作', en: 'The event’s status does not allow this step' },
  'EVT-ROLE': { zh: '当前角色不能执行此操作', en: 'Your role cannot take this step' },
  'EVT-TEAM': { zh: '该事件不在您所在队伍的办理范围', en: 'The event is not your team’s' },
  'EVT-VERIFIER': {
    zh: '只有报告人、该网格的网格员或代群众回访的指挥中心坐席可以核查和评价',
    en: "Only the reporter, the grid's grid worker, or a command operator calling the citizen back may verify or rate",
  },
  'EVT-MATTER': { zh: '须先确定执法事项', en: 'The event needs its matter' },
  'EVT-OVERRIDE-REASON': { zh: '改变建议的承办队伍须说明理由', en: 'Overriding the proposed team needs a reason' },
  'EVT-DISPATCH-TEAM': { zh: '请选择承办队伍', en: 'Choose the team to handle it' },
  'EVT-DISPATCH-DEADLINE': { zh: '派遣须设定处置期限', en: 'A dispatch needs a deadline' },
  'EVT-ASSIST-LEAD': { zh: '承办队伍不能同时是协办队伍', en: 'The lead team cannot also assist' },
  'EVT-DEADLINE-PAST': { zh: '处置期限须晚于当前时间', en: 'The deadline must be in the future' },
  'EVT-RETURN-REASON': { zh: '退回须说明理由', en: 'A return needs a reason' },
  'EVT-ARBITRATION-REASON': { zh: '仲裁须说明理由', en: 'An arbitration needs a reason' },
  'EVT-ARBITRATION-TEAM': {
    zh: '退回理由成立时须改派退回队伍以外的队伍',
    en: 'A justified return needs another team than the one that returned it',
  },
  'EVT-PHOTO-AFTER': { zh: '现场整改须上传处置后照片', en: 'A fix on site needs an "after" photo' },
  'EVT-RATING': { zh: '评价须为 1–5 分', en: 'A rating is 1 to 5' },
  'EVT-RATED': { zh: '该事件已评价', en: 'The event is already rated' },
  'EVT-MERGE-MASTER': { zh: '请选择未办结的主事件', en: 'Choose an open event to merge into' },
  'EVT-MERGE-SELF': { zh: '不能与自身合并', en: 'An event cannot be merged into itself' },
  'EVT-DISMISS-REASON': { zh: '不予受理须说明理由', en: 'Dismissing a report needs a reason' },
  'EVT-ASSIST-NOTE': { zh: '请填写协办情况', en: 'Describe the assistance given' },
  'LIGHT-COMMITMENT': {
    zh: '告知承诺制只适用于列入轻微违法告知承诺清单的事项',
    en: 'A commitment applies only to matters on the light-violation list',
  },
  // ── Files ───────────────────────────────────────────────────────────────────────────────────────────────────────
  max_bytes: { zh: '文件不能超过 {value} 字节', en: 'At most {value} bytes' },
  jpeg_png_webp: { zh: '仅支持 JPEG、PNG 或 WebP 图片', en: 'Only JPEG, PNG or WebP images' },
  jpeg_png: { zh: '仅支持 JPEG 或 PNG 图片', en: 'Only JPEG or PNG images' },
  declared: {
    zh: '文件内容与声明的类型不符（声明:{value}）',
    en: 'The content does not match the declared type (declared:{value})',
  },
  local: { zh: '本地文件存储不可用（{value}）', en: 'The local file store is unavailable ({value})' },
  s3: { zh: '对象存储不可用（{value}）', en: 'The object storage is unavailable ({value})' },
  // ── Intake channels: Open311, the hotline, video AI, the citizen's token ────────────────────────────────────────
  key_known: { zh: '接口密钥不存在或已停用', en: 'Unknown or disabled API key' },
  client_known: { zh: '调用方不存在或已停用', en: 'Unknown or disabled client' },
  hmac_sha256: { zh: 'HMAC-SHA256 签名不正确', en: 'The HMAC-SHA256 signature is wrong' },
  max_skew_seconds: {
    zh: '时间戳与服务器时间相差超过 {value} 秒',
    en: 'The timestamp is more than {value} seconds off',
  },
  confidence_range: { zh: '置信度须在 0 至 1 之间', en: 'Confidence between 0 and 1' },
  video_ai_category: { zh: '无法对应到事件类别的识别类型', en: 'A detection type that maps to no category' },
  http_url: { zh: '须为 http 或 https 地址', en: 'An http or https URL' },
  service_code_exists: { zh: '服务代码不存在', en: 'No such service code' },
  request_exists: { zh: '服务请求不存在', en: 'No such service request' },
  token_exists: { zh: '查询码不存在', en: 'No such token' },
  token_format: { zh: '查询码格式不正确', en: 'Not a token' },
  id_dot_json_or_xml: { zh: '须为 编号.json 或 编号.xml', en: 'Use id.json or id.xml' },
  open_or_closed: { zh: '状态须为 open 或 closed', en: 'open or closed' },
  lat_long_required: { zh: '须提供经纬度（lat、long）', en: 'lat and long are required' },
  date_range_max_90_days: { zh: '查询时间跨度不能超过 90 天', en: 'At most 90 days between the dates' },
  after_start_date: { zh: '结束时间须晚于开始时间', en: 'The end must be after the start' },
  form_or_json: { zh: '须为表单或 JSON', en: 'A form or JSON' },
  // ── Calendar, audit ─────────────────────────────────────────────────────────────────────────────────────────────
  within_366_days_after_from: {
    zh: '结束日期须在开始日期之后 366 天以内',
    en: 'The end is at most 366 days after the start',
  },
  in_year: { zh: '日期须在 {value} 年内', en: 'The day must be in {value}' },
  year_already_shipped: { zh: '该年度的节假日数据已随系统提供', en: 'That year’s holidays ship with the system' },
  audit_code: { zh: '只能包含字母、数字和 _ . : -', en: 'Letters, digits and _ . : - only' },
  // ── Checked in the browser before sending (forms that read text into numbers, a boundary file) ───────────────
  yuan_format: { zh: '请输入金额（元），最多两位小数', en: 'An amount in yuan, at most 2 decimals' },
  decimal_format: { zh: '请输入数字', en: 'A number' },
  after_now: { zh: '须晚于当前时间', en: 'Must be later than now' },
  required_when_overriding_team: { zh: '改派队伍须说明理由', en: 'Another team than proposed needs a reason' },
  lead_team_not_assisting: { zh: '主办队伍不能同时为协办队伍', en: 'The lead team cannot also assist' },
  ring_min_4_positions: {
    zh: '每个环至少 4 个坐标点（首尾相同）',
    en: 'A ring needs at least 4 positions (first and last equal)',
  },
  lng_lat_range: {
    zh: '坐标超出范围：须为 WGS-84 经度、纬度',
    en: 'A coordinate is out of range: use WGS-84 longitude and latitude',
  },
  polygon_or_multipolygon: {
    zh: '几何类型须为 Polygon 或 MultiPolygon',
    en: 'The geometry must be a Polygon or MultiPolygon',
  },
  geojson_syntax: { zh: '不是有效的 JSON', en: 'Not valid JSON' },
  geojson_object: { zh: '不是 GeoJSON 对象', en: 'Not a GeoJSON object' },
  geojson_one_feature: {
    zh: 'FeatureCollection 须恰好包含 1 个要素（当前 {value} 个）',
    en: 'The FeatureCollection must hold exactly 1 feature (it has {value})',
  },
  geojson_no_geometry: { zh: '要素没有几何图形', en: 'The feature has no geometry' },
} as const satisfies Record<string, RuleWords>;

export type RuleId = keyof typeof RULES;

const RULE_TABLE: Readonly<Record<string, RuleWords>> = RULES;

/** The rule's name without its value: `current_version:3` → current_version. */
export function ruleName(rule: string): string {
  const colon = rule.indexOf(':');
  return colon > 0 ? rule.slice(0, colon) : rule;
}

/** Whether the catalogue has words for the rule (a rule with a value: for its name). */
export function hasRuleWords(rule: string): boolean {
  return Object.hasOwn(RULE_TABLE, rule) || Object.hasOwn(RULE_TABLE, ruleName(rule));
}

const fill = (text: string, value: string) => text.replaceAll('{value}', value);

/**
 * The rule's words, its value put in (`current_version:3` → 当前版本为 3), or null when the catalogue has none. A
 * whole id is looked up first: a permission (`event.report`) or a legal rule (`APL-33(b)`) has no value.
 */
export function ruleWords(rule: string): { zh: string; en: string } | null {
  const whole = Object.hasOwn(RULE_TABLE, rule) ? RULE_TABLE[rule] : undefined;
  if (whole) return { zh: fill(whole.zh, ''), en: fill(whole.en, '') };
  const colon = rule.indexOf(':');
  if (colon <= 0) return null;
  const name = rule.slice(0, colon);
  const entry = Object.hasOwn(RULE_TABLE, name) ? RULE_TABLE[name] : undefined;
  if (!entry) return null;
  // Zod's own message after the code (`too_small: Too small: expected …`) is English for developers, not a value.
  const value = rule.slice(colon + 1).trim();
  const shown = entry.values?.[value];
  if (!entry.zh.includes('{value}')) return { zh: entry.zh, en: entry.en };
  return { zh: fill(entry.zh, shown?.zh ?? value), en: fill(entry.en, shown?.en ?? value) };
}

/** The words of a rule the catalogue lacks: the id itself, never nothing. */
export function ruleWordsOrId(rule: string): { zh: string; en: string } {
  return ruleWords(rule) ?? { zh: `不符合规则 ${rule}`, en: `Breaks the rule ${rule}` };
}

/** What zod says about an issue, in the form the catalogue can word with its bounds. */
export interface ZodIssueLike {
  code?: string;
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

/**
 * The words of a zod issue: the catalogue's when its message is a rule id of ours (`mobile_phone`), else words for
 * zod's own code with the bound it names (至少 2 个字符, 不能大于 180).
 */
export function zodIssueWords(issue: ZodIssueLike): { zh: string; en: string } {
  const own = ruleWords(issue.message);
  if (own) return own;
  const n = (v: number | bigint | undefined) => (v === undefined ? undefined : Number(v));
  const min = n(issue.minimum);
  const max = n(issue.maximum);
  const strict = issue.inclusive === false;
  if (issue.code === 'too_small' && min !== undefined) {
    if (issue.origin === 'string')
      return min <= 1
        ? { zh: '不能为空', en: 'Must not be empty' }
        : { zh: `至少 ${min} 个字符`, en: `At least ${min} characters` };
    if (issue.origin === 'array' || issue.origin === 'set')
      return { zh: `至少 ${min} 项`, en: `At least ${min} item${min === 1 ? '' : 's'}` };
    if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
      return strict
        ? { zh: `须大于 ${min}`, en: `Must be above ${min}` }
        : { zh: `不能小于 ${min}`, en: `At least ${min}` };
  }
  if (issue.code === 'too_big' && max !== undefined) {
    if (issue.origin === 'string') return { zh: `最多 ${max} 个字符`, en: `At most ${max} characters` };
    if (issue.origin === 'array' || issue.origin === 'set')
      return { zh: `最多 ${max} 项`, en: `At most ${max} item${max === 1 ? '' : 's'}` };
    if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
      return strict
        ? { zh: `须小于 ${max}`, en: `Must be below ${max}` }
        : { zh: `不能大于 ${max}`, en: `At most ${max}` };
  }
  if (issue.code && Object.hasOwn(RULE_TABLE, issue.code)) return ruleWordsOrId(issue.code);
  return ruleWordsOrId(issue.message);
}
