import { PERMISSIONS, type Permission } from '../organization/roles.ts';
import {
  PASSPHRASE_MIN_LENGTH,
  PASSPHRASE_MIN_WORDS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../auth/password-limits.ts';

import type { RuleWords } from './rules.ts';

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
  'case.read': { zh: '查看处罚案件', en: 'read penalty cases' },
  'case.handle': { zh: '办理处罚案件', en: 'handle penalty cases' },
  'case.approve': { zh: '审批处罚案件', en: 'approve penalty case steps' },
  'case.review': { zh: '法制审核', en: 'review cases for legality' },
  'document.read': { zh: '查看执法文书', en: 'read enforcement documents' },
  'document.template': { zh: '维护文书模板', en: 'edit document templates' },
  'file.upload': { zh: '上传证据文件', en: 'upload evidence files' },
  'file.custody': { zh: '查看证据保管链', en: "read a file's chain of custody" },
  'file.share': { zh: '向其他机关共享或移交证据', en: 'share or transfer evidence to another agency' },
  'document.issue': { zh: '签发、重新出具和送达执法文书', en: 'issue, reissue and serve enforcement documents' },
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

/**
 * The rule catalogue (rules.ts), its general part: the shape of a request, the text rule, HTTP, records, accounts and
 * passwords, permissions, the organisation, spreadsheet imports.
 */
export const GENERAL_RULES = {
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
} as const satisfies Record<string, RuleWords>;
