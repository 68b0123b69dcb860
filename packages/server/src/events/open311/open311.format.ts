import { ERRORS, type ErrorCode, type ErrorDetail } from '@openenforce/domain/errors';
import { STATUS_LABELS, type EventCategory, type EventStatus, type Sla } from '@openenforce/domain/events';
import { coarsenPosition, screenPersonalNumbers } from '@openenforce/domain/privacy';

/*
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) shapes: locale, service list entries, service requests,
 * errors as [{code, description}] with the description in Chinese and English, and the XML variants (a small
 * hand-written serializer: every text escaped, control characters dropped).
 */

export type Format = 'json' | 'xml';
export type Locale = 'zh' | 'en';

/** ?locale=en (or en-US …), else Accept-Language whose first language is English; Chinese otherwise. */
export function localeOf(query: { locale?: string | undefined }, acceptLanguage: string | undefined): Locale {
  const q = query.locale?.toLowerCase();
  if (q) return q.startsWith('en') ? 'en' : 'zh';
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/** The format a request asked for, from its path (errors need it before any params are parsed). */
export function formatOf(url: string): Format {
  return url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json';
}

const GROUPS: Record<EventCategory['group'], { zh: string; en: string }> = {
  city_appearance: { zh: '市容秩序', en: 'City appearance' },
  environment: { zh: '环境卫生', en: 'Environment' },
  construction: { zh: '建设施工', en: 'Construction' },
  facilities: { zh: '市政设施', en: 'Public facilities' },
  other: { zh: '其他', en: 'Other' },
};

const slaText = (s: Sla, l: Locale) =>
  s.unit === 'hours'
    ? l === 'zh'
      ? `${s.n} 小时`
      : `${s.n} hours`
    : l === 'zh'
      ? `${s.n} 个工作日`
      : `${s.n} working day${s.n === 1 ? '' : 's'}`;

/** One entry of services.json: every active event category is a service; its code is the service_code. */
export function presentService(c: EventCategory, l: Locale) {
  const other: Locale = l === 'zh' ? 'en' : 'zh';
  return {
    service_code: c.code,
    service_name: c[l],
    description:
      l === 'zh'
        ? `${GROUPS[c.group].zh}：${c.zh}。一般处置时限 ${slaText(c.sla.normal, 'zh')}。`
        : `${GROUPS[c.group].en}: ${c.en}. Usually handled within ${slaText(c.sla.normal, 'en')}.`,
    metadata: false,
    type: 'realtime',
    keywords: [c[other], c.code].join(','),
    group: GROUPS[c.group][l],
  };
}

/** What the Open311 list and detail read of an event (joined with its master and the responsible team). */
export interface RequestRow {
  /** The public id (service_request_id): random, never the event number. */
  publicId: string;
  status: EventStatus;
  source: string;
  category: string;
  description: string;
  address: string | null;
  /** The picture the reporter linked (Open311 media_url). */
  mediaUrl: string | null;
  lng: number;
  lat: number;
  reportedAt: Date;
  updatedAt: Date;
  deadline: Date | null;
  teamName: string | null;
  subjectName: string | null;
  /** The master of a merged report: named by its public id only when it is published itself. */
  master: { publicId: string | null; status: EventStatus; updatedAt: Date; deadline: Date | null } | null;
}

/**
 * A service request, as anyone may read it (only published events reach here). Status: "closed" when the event (or,
 * for a merged report, its master) is closed, otherwise "open"; our richer statuses stay in our own API and appear
 * here only as status_notes. The position is coarsened to about 100 m (`coarsenPosition`), and the words are
 * screened: phone and ID numbers in the description and address are masked (`screenPersonalNumbers`). Description
 * and address are published only for reports that came in through Open311 itself: a hotline caller or a grid worker
 * (when a county publishes those sources) did not publish their words, and an address may be someone's home.
 */
export function presentRequest(r: RequestRow, categories: (code: string) => EventCategory | undefined, l: Locale) {
  const effective = r.master ? r.master.status : r.status;
  const label = STATUS_LABELS[effective];
  const into = r.master?.publicId;
  const notes = !r.master
    ? `${label.zh} / ${label.en}`
    : into
      ? `已合并至 ${into}（${label.zh}） / Merged into ${into} (${label.en})`
      : `已合并至另一请求（${label.zh}） / Merged into another request (${label.en})`;
  const c = categories(r.category);
  const own = r.source === 'open311';
  const agency = [r.teamName, r.subjectName].filter((x): x is string => !!x);
  const at = coarsenPosition({ lng: r.lng, lat: r.lat });
  return {
    service_request_id: r.publicId,
    status: effective === 'closed' ? 'closed' : 'open',
    status_notes: notes,
    service_name: c ? c[l] : r.category,
    service_code: r.category,
    description: own ? screenPersonalNumbers(r.description) : null,
    agency_responsible: agency.length > 0 ? agency.join(' / ') : null,
    service_notice: null,
    requested_datetime: r.reportedAt.toISOString(),
    updated_datetime: (r.master?.updatedAt ?? r.updatedAt).toISOString(),
    expected_datetime: (r.master ? r.master.deadline : r.deadline)?.toISOString() ?? null,
    address: own ? screenPersonalNumbers(r.address) : null,
    address_id: null,
    zipcode: null,
    lat: at.lat,
    long: at.lng,
    // The client's own link, served back like its words: only on reports that came in through Open311.
    media_url: own ? r.mediaUrl : null,
  };
}

/** Our field names → the Open311 ones (error descriptions speak the client's language). */
const FIELD: Record<string, string> = {
  category: 'service_code',
  lng: 'long',
  lat: 'lat',
  description: 'description',
  address: 'address_string',
  reporterName: 'first_name',
  reporterPhone: 'phone',
};

/** Open311 name of a detail's field: "body.lng" → "long", "query.start_date" → "start_date". */
export function fieldOf(path: string): string {
  const last = path.split('.').slice(1).join('.') || path;
  return FIELD[last] ?? last;
}

/** Specific wording for the errors an Open311 client meets most. */
function describe(code: ErrorCode, d: ErrorDetail | undefined): { zh: string; en: string } {
  const field = d ? fieldOf(d.path) : '';
  switch (d?.rule) {
    case 'category_exists':
    case 'service_code_exists':
      return { zh: '未知的服务代码', en: 'Unknown service_code' };
    case 'inside_county':
      return { zh: '位置不在本县（市、区）范围内', en: 'The location lies outside the county' };
    case 'lat_range':
    case 'lng_range':
      return { zh: `坐标超出有效范围（${field}）`, en: `Coordinate out of range (${field})` };
    case 'lat_long_required':
      return { zh: 'lat 与 long 须同时提供', en: 'lat and long go together' };
    case 'location_required':
      return {
        zh: '须提供位置：lat 与 long，或 address_string，或 address_id',
        en: 'A location is required: lat and long, or address_string, or address_id',
      };
    case 'address_resolvable':
      return {
        zh: 'address_string 中未找到本县的镇（街道）或村（社区）名称，请提供 lat 与 long',
        en: 'address_string names no town or village of the county: send lat and long',
      };
    case 'address_id_known':
      return {
        zh: '未知的 address_id（须为本县的镇、村或网格编码）',
        en: 'Unknown address_id (a town, village or grid code of the county)',
      };
    case 'jurisdiction_id_exists':
      return { zh: '未知的 jurisdiction_id', en: 'jurisdiction_id not found' };
    case 'iso_datetime_or_date':
      return {
        zh: `日期格式须为 YYYY-MM-DD 或带时区的 ISO 8601 时间（${field}）`,
        en: `Dates are YYYY-MM-DD or ISO 8601 date-times with an offset (${field})`,
      };
    case 'key_known':
    case 'required':
      if (code === 'API_KEY_INVALID') return { zh: '缺少或无效的 api_key', en: 'Missing or invalid api_key' };
      return { zh: `缺少必填字段 ${field}`, en: `Missing required field ${field}` };
    case 'request_exists':
      return { zh: '服务请求不存在', en: 'No such service request' };
    case 'token_exists':
      return { zh: 'token 不存在', en: 'No such token' };
    case 'date_range_max_90_days':
      return { zh: 'start_date 与 end_date 相隔不得超过 90 天', en: 'start_date to end_date may span 90 days at most' };
  }
  const e = ERRORS[code];
  return field ? { zh: `${e.zh}（${field}）`, en: `${e.en} (${field})` } : { zh: e.zh, en: e.en };
}

/** Open311 errors: one entry per detail; `code` is the HTTP status, as the GeoReport v2 examples have it. */
export function open311Errors(code: ErrorCode, details: readonly ErrorDetail[], status: number) {
  const list = details.length > 0 ? details : [undefined];
  return list.map((d) => {
    const m = describe(code, d);
    return { code: status, description: `${m.zh} / ${m.en}` };
  });
}

// ——— XML ———

// Characters XML 1.0 cannot carry (C0 controls other than tab, newline and return; lone surrogates; U+FFFE/F).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(singular(name), v)).join('')}</${name}>`;
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const singular = (name: string) => (name.endsWith('s') ? name.slice(0, -1) : `${name}_item`);

/** `<root><item>…</item>…</root>` with the XML declaration; element names are ours (never client input). */
export function toXml(root: string, item: string, items: readonly object[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${items.map((i) => element(item, i)).join('')}</${root}>`;
}

/** One object as `<root>…</root>` (the service definition). */
export function objectToXml(root: string, value: object): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}
