import { ruleWordsOrId } from './rules.ts';

/**
 * The error catalogue (ARCHITECTURE.md rule 6): stable ids, a message in zh-CN and en, and the HTTP status they map
 * to in one place. Business code returns or throws these ids; the HTTP layer translates.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不符合要求', en: 'The request is invalid' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  URI_TOO_LONG: { status: 414, zh: '请求地址过长', en: 'The request URL is too long' },
  HEADERS_TOO_LARGE: {
    status: 431,
    zh: '请求头（含地址）过大',
    en: 'The request headers (URL included) are too large',
  },
  REQUEST_TIMEOUT: { status: 408, zh: '请求超时', en: 'The request took too long to arrive' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_THROTTLED: { status: 429, zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts: try again later' },
  AUTH_WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  AUTH_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改密码（临时密码或演示账号的初始密码）',
    en: 'Change your password first (a temporary password or a demo account’s initial one)',
  },
  AUTH_PASSWORD_POLICY: {
    status: 400,
    zh: '新密码不符合密码规则（详见各条规则）',
    en: 'The new password breaks the password rules (see each rule)',
  },
  ORIGIN_REFUSED: {
    status: 403,
    zh: '请求来自其他网站，已拒绝',
    en: 'The request comes from another site: refused',
  },
  USER_ADMIN_REFUSED: {
    status: 422,
    zh: '不能对该账号执行此操作（详见规则）',
    en: 'This cannot be done to this account (see the rule)',
  },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You may not do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在或不在您的数据范围内', en: 'Not found, or outside your data scope' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  OUT_OF_SCOPE: { status: 403, zh: '超出您的数据范围', en: 'Outside your data scope' },
  CONFLICT_STALE_VERSION: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record: reload and try again',
  },
  CONFLICT_DUPLICATE: { status: 409, zh: '编号已存在', en: 'This code or number already exists' },
  REFERENCE_INVALID: { status: 422, zh: '引用的记录不存在', en: 'A referenced record does not exist' },
  IMPORT_INVALID: {
    status: 422,
    zh: '导入文件有错误，未写入任何数据',
    en: 'The file has errors: nothing was imported',
  },
  IMPORT_FILE_TYPE: { status: 415, zh: '仅支持 XLSX 或 CSV 文件', en: 'Only XLSX or CSV files are accepted' },
  ORG_POINT_OUTSIDE: { status: 404, zh: '该位置不在本县（市、区）范围内', en: 'The point lies outside the county' },
  CALENDAR_OUT_OF_RANGE: {
    status: 422,
    zh: '该日期所在年份尚无节假日数据，无法计算期限（TIME-4）',
    en: 'No holiday data for that year: the deadline cannot be computed (TIME-4)',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, zh: '不接受此类型的文件', en: 'Files of this type are not accepted' },
  FILE_TYPE_MISMATCH: {
    status: 415,
    zh: '文件内容与声明的类型不符',
    en: 'The content of the file does not match its declared type',
  },
  FILE_HASH_MISMATCH: {
    status: 422,
    zh: '文件校验值（SHA-256）与手机计算的不一致：文件在传输中被改变，未保存，请重新上传',
    en: 'The SHA-256 of the file received differs from the one the phone computed: the file changed in transit and was not saved, upload it again',
  },
  FILE_GRANT_REFUSED: {
    status: 422,
    zh: '无法共享或撤销（详见规则编号）',
    en: 'The file cannot be shared or the grant revoked (see the rule id)',
  },
  STORAGE_UNAVAILABLE: {
    status: 503,
    zh: '文件存储暂不可用，文件未保存，请稍后重试',
    en: 'File storage is unavailable: nothing was saved, try again later',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  NOT_READY: { status: 503, zh: '服务尚未就绪', en: 'Service not ready' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时无法访问，请稍后重试',
    en: 'The database cannot be reached at the moment: try again shortly',
  },
  CATALOG_JURISDICTION_REFUSED: {
    status: 422,
    zh: '该事项在此地、此日无权执法（详见规则编号，如 ZJ-9）',
    en: 'No one may act on this matter at this place and date (see the rule id, e.g. ZJ-9)',
  },
  CATALOG_FINE_REFUSED: {
    status: 422,
    zh: '罚款金额不合法或依法不得罚款（详见规则编号）',
    en: 'The fine is unlawful, or no fine may be imposed (see the rule id)',
  },
  EVENT_STEP_REFUSED: {
    status: 422,
    zh: '该操作不符合事件流转规则（详见规则编号）',
    en: 'The step breaks an event rule (see the rule ids)',
  },
  CASE_STEP_REFUSED: {
    status: 422,
    zh: '该操作不符合行政处罚办案规则（详见规则编号）',
    en: 'The step breaks a rule of the penalty procedure (see the rule ids)',
  },
  CASE_OPEN_REFUSED: {
    status: 422,
    zh: '案件不能登记：当事人、违法行为或管辖不符合规则（详见规则编号）',
    en: 'The case cannot be opened: the party, the act or jurisdiction breaks a rule (see the rule ids)',
  },
  EVENT_OUTSIDE_COUNTY: {
    status: 422,
    zh: '位置不在本县（市、区）范围内，请重新定位或在地图上选点',
    en: 'The location lies outside the county: locate again or pick the point on the map',
  },
  EVENT_CATEGORY_UNKNOWN: { status: 422, zh: '事件类别不存在', en: 'Unknown event category' },
  EVENT_PHOTO_TYPE: {
    status: 415,
    zh: '仅支持 JPEG、PNG 或 WebP 图片',
    en: 'Only JPEG, PNG or WebP images are accepted',
  },
  EVENT_PHOTO_TOO_LARGE: { status: 413, zh: '图片过大', en: 'The image is too large' },
  API_KEY_INVALID: { status: 401, zh: '接口密钥无效', en: 'Invalid API key' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, zh: '签名校验失败', en: 'The signature does not match' },
  WEBHOOK_REPLAYED: {
    status: 401,
    zh: '请求时间戳超出允许范围（疑似重放）',
    en: 'The timestamp is outside the allowed window (replay?)',
  },
  DOCUMENT_TEMPLATE_INVALID: {
    status: 422,
    zh: '文书模板不符合要求（详见各字段）',
    en: 'The document template is invalid (see each field)',
  },
  DOCUMENT_TEMPLATE_NOT_FOUND: { status: 404, zh: '文书模板不存在', en: 'No such document template' },
  DOCUMENT_DATA_INVALID: {
    status: 422,
    zh: '文书数据不完整或含未知字段（详见各字段）',
    en: 'The document data is incomplete or has unknown fields (see each field)',
  },
  DOCUMENT_UNSUPPORTED_CHARACTER: {
    status: 422,
    zh: '文书含有字体无法显示的字符（生僻字），请配置含该字的字体或改写',
    en: 'The document has characters no configured font can show (rare characters): add a font that has them or rewrite',
  },
  DOCUMENT_NOT_FOUND: { status: 404, zh: '文书不存在', en: 'No such document' },
  DOCUMENT_ALREADY_ISSUED: {
    status: 409,
    zh: '文书已签发，不能再次签发或修改；如需更正请重新出具新版本',
    en: 'The document is already issued: it cannot be issued again or edited; reissue a new version instead',
  },
  DOCUMENT_NOT_ISSUED: {
    status: 409,
    zh: '文书尚未签发，不能送达或重新出具',
    en: 'The document is not issued yet: it cannot be served or reissued',
  },
  DOCUMENT_ALREADY_SERVED: {
    status: 409,
    zh: '文书已送达，送达记录不能更改',
    en: 'The document is already served: its service record cannot change',
  },
  DOCUMENT_SUPERSEDED: {
    status: 409,
    zh: '文书已被重新出具的版本取代',
    en: 'The document has been superseded by a reissue',
  },
  DOCUMENT_SERVICE_INVALID: {
    status: 422,
    zh: '送达记录不符合要求（详见各字段）',
    en: 'The service record is invalid (see each field)',
  },
  JOB_NOT_FOUND: { status: 404, zh: '任务不存在', en: 'No such job' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** One detail of an error: which field (JSON path, or "row 3 / 手机号" for imports) broke which rule. */
export interface ErrorDetail {
  path: string;
  rule: string;
  row?: number;
  column?: string;
  /** A rule's own explanation, where the rule id alone does not say enough (legal rules, lifecycle guards). */
  message?: { zh: string; en: string };
}

/** A detail as the API sends it: with its words (the rule catalogue's when the detail brought none). */
export type ErrorDetailOut = ErrorDetail & { message: { zh: string; en: string } };

/** The one error shape of the API (its response contract: `apiError` in api.ts). */
export interface ApiErrorBody {
  code: ErrorCode;
  message: { zh: string; en: string };
  details: ErrorDetailOut[];
  requestId?: string;
}

/** A failure that business code may raise; the HTTP layer maps it with ERRORS[code].status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetail[] = [],
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** The body of an error: the code's words, and each detail with its rule's words (rules.ts) unless it has its own. */
export function errorBody(code: ErrorCode, details: readonly ErrorDetail[] = []): ApiErrorBody {
  const e = ERRORS[code];
  return { code, message: { zh: e.zh, en: e.en }, details: details.map(withWords) };
}

/** A detail with its words: its own, else the rule catalogue's (else the rule id itself, never nothing). */
export function withWords(d: ErrorDetail): ErrorDetailOut {
  return d.message ? (d as ErrorDetailOut) : { ...d, message: ruleWordsOrId(d.rule) };
}
