import { randomBytes, randomUUID } from 'node:crypto';
import { eventReport, type EventCategory, type EventReport } from '@openenforce/domain/events';
import type { RegionDirectory } from '../../organization/index.ts';
import type { AuditEntry } from '../../platform/audit/index.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import {
  bindColumns,
  ImportErrors,
  reportIssues,
  type ColumnSpec,
  type ImportInput,
} from '../../platform/spreadsheet/index.ts';
import type { EventInsert, StepInsert } from '../events.repository.ts';
import { eventNo, hashToken, type EventsService } from '../events.service.ts';
import { reporterPersonalData } from '../events.shared.ts';
import { publicationRule, publicIdFor } from '../publication.ts';
import { hotlineRepository as repo } from './hotline.repository.ts';
import { CHINA_OFFSET_MS } from '@openenforce/domain/common';

export type HotlineColumn =
  | 'ticketNo'
  | 'calledAt'
  | 'category'
  | 'content'
  | 'address'
  | 'lng'
  | 'lat'
  | 'callerName'
  | 'callerPhone'
  | 'urgency';

/** One hotline import is one day's or one shift's tickets: a bound on the duplicate look-ups before writing. */
export const HOTLINE_MAX_ROWS = 2000;

/** The 12345 work-order export layout (工单), Chinese headers as the hotline system writes them. */
export const HOTLINE_COLUMNS: readonly ColumnSpec<HotlineColumn>[] = [
  {
    key: 'ticketNo',
    header: '工单号',
    aliases: ['工单编号', 'ticket', 'ticket no', 'ticketNo'],
    required: true,
    example: '12345-20261121-0001',
    help: '必填，最长 80 位；同一工单只导入一次（文件内重复或已导入均报错）。',
  },
  {
    key: 'calledAt',
    header: '来电时间',
    aliases: ['受理时间', 'called at', 'calledAt'],
    required: true,
    example: '2026-11-21 09:30',
    help: '必填。2026-11-21 09:30、2026/11/21 9:30:00 或带时区的 ISO 时间；按北京时间理解；不能晚于导入时。',
  },
  {
    key: 'category',
    header: '诉求类别',
    aliases: ['事件类别', '类别', 'category'],
    required: true,
    example: '占道经营（流动摊贩）',
    help: '必填。事件类别的中文名称或代码（如 street_vending）。',
  },
  {
    key: 'content',
    header: '诉求内容',
    aliases: ['内容', '事件描述', 'content', 'description'],
    required: true,
    example: '某路口流动摊贩占道经营',
    help: '必填，最长 2000 字。',
  },
  {
    key: 'address',
    header: '地址',
    aliases: ['事发地址', 'address'],
    required: false,
    example: '泽国镇某路与某街交叉口',
    help: '可空，最长 200 字。',
  },
  {
    key: 'lng',
    header: '经度',
    aliases: ['lng', 'longitude'],
    required: true,
    example: '121.42',
    help: '必填。WGS-84 经度（小数），须在本县范围内。',
  },
  {
    key: 'lat',
    header: '纬度',
    aliases: ['lat', 'latitude'],
    required: true,
    example: '28.40',
    help: '必填。WGS-84 纬度（小数）。',
  },
  {
    key: 'callerName',
    header: '来电人',
    aliases: ['来电人姓名', '诉求人', 'caller'],
    required: false,
    example: '王女士',
    help: '可空。个人信息：仅指挥中心可见。',
  },
  {
    key: 'callerPhone',
    header: '联系电话',
    aliases: ['来电号码', '电话', 'phone'],
    required: false,
    example: '13800000000',
    help: '可空。个人信息：仅指挥中心可见。请设为“文本”格式。',
  },
  {
    key: 'urgency',
    header: '紧急程度',
    aliases: ['urgency'],
    required: false,
    example: '普通',
    help: '普通 或 紧急；空白为普通。紧急事件的处置时限更短。',
  },
];

const COLUMN_OF_FIELD: Record<string, HotlineColumn> = {
  externalId: 'ticketNo',
  occurredAt: 'calledAt',
  category: 'category',
  description: 'content',
  address: 'address',
  lng: 'lng',
  lat: 'lat',
  reporterName: 'callerName',
  reporterPhone: 'callerPhone',
  urgency: 'urgency',
};

export interface HotlineImportResult {
  imported: number;
  dryRun: boolean;
  /** Per imported row: the event and the citizen's token (the hotline texts it to the caller for follow-up). */
  events: { row: number; ticketNo: string; id: string; no: string; token: string }[];
}

/**
 * Import a 12345 work-order file: every row checked (category by code or name, call time, coordinates inside the
 * county, ticket numbers unique in the file and not taken in before) before anything is written; then all events,
 * their first timeline rows, one audit record each and the live-feed notices in ONE transaction — or IMPORT_INVALID
 * naming every row and column, and nothing written. Each event is located and routed like a single report
 * (jurisdiction proposal, duplicate suggestion).
 */
export async function importHotline(
  deps: PlatformDeps,
  events: EventsService,
  directory: RegionDirectory,
  input: ImportInput,
): Promise<HotlineImportResult> {
  const { table } = input;
  const db = deps.database.db;
  const now = deps.clock.now();
  const errors = new ImportErrors(table.problems);
  const cols = bindColumns(table, HOTLINE_COLUMNS, errors);
  if (table.rows.length === 0) errors.file('no_data_rows');
  if (table.rows.length > HOTLINE_MAX_ROWS) errors.file(`max_rows:${HOTLINE_MAX_ROWS}`);
  if (errors.size > table.problems.length) errors.throwIfAny(table.headers);

  const categoryOf = categoryResolver(events.categories());
  const existing = await repo.existingTickets(db, [
    ...new Set(table.rows.map((r) => cols.cell(r, 'ticketNo')).filter(Boolean)),
  ]);
  const firstRowOf = new Map<string, number>();
  const valid: { row: number; report: EventReport; category: EventCategory; loc: Located }[] = [];

  for (const r of table.rows) {
    const before = errors.size;
    const cell = (k: HotlineColumn) => cols.cell(r, k);
    const fail = (k: HotlineColumn, rule: string) => errors.add(r.row, cols.header(k), rule);

    const ticket = cell('ticketNo');
    if (ticket) {
      if (firstRowOf.has(ticket)) fail('ticketNo', 'duplicate_in_file');
      else firstRowOf.set(ticket, r.row);
      if (existing.has(ticket)) fail('ticketNo', 'already_imported');
    }
    const calledAt = cell('calledAt') ? parseCallTime(cell('calledAt')) : undefined;
    if (calledAt === null) fail('calledAt', 'datetime');
    else if (calledAt && calledAt.getTime() > now.getTime() + 5 * 60_000) fail('calledAt', 'not_in_future');
    const category = cell('category') ? categoryOf(cell('category')) : undefined;
    if (cell('category') && !category) fail('category', 'category_exists');
    const urgency = urgencyOf(cell('urgency'));
    if (urgency === null) fail('urgency', 'normal_or_urgent');
    const lng = numberOf(cell('lng'));
    const lat = numberOf(cell('lat'));
    if (lng === null) fail('lng', 'number');
    if (lat === null) fail('lat', 'number');

    const parsed = eventReport.safeParse({
      category: category?.code ?? (cell('category') ? 'other' : undefined),
      description: cell('content') || undefined,
      lng: lng ?? undefined,
      lat: lat ?? undefined,
      address: cell('address') || undefined,
      urgency: urgency ?? undefined,
      reporterName: cell('callerName') || undefined,
      reporterPhone: cell('callerPhone') || undefined,
      externalId: ticket || undefined,
      occurredAt: calledAt ? calledAt.toISOString() : undefined,
    });
    if (!parsed.success) {
      const column = (field: string) => cols.header(COLUMN_OF_FIELD[field] ?? 'ticketNo');
      const empty = (field: string) => cell(COLUMN_OF_FIELD[field] ?? 'ticketNo') === '';
      reportIssues(parsed.error.issues, r.row, errors, column, empty);
      continue;
    }
    // Inside the county: the point must fall in one of its grids (the same rule as a single report).
    const loc = directory.locate(parsed.data.lng, parsed.data.lat);
    if (!loc) fail('lng', 'inside_county');
    if (errors.size === before && loc && category) valid.push({ row: r.row, report: parsed.data, category, loc });
  }
  errors.throwIfAny(table.headers);
  if (input.dryRun) return { imported: valid.length, dryRun: true, events: [] };

  // Routing reads the catalog and the open events: before the transaction (PGlite has one connection).
  const prepared = [];
  for (const v of valid) {
    const { matterId, domain, proposal } = await events.propose(v.category, v.loc.town);
    const duplicates = await events.duplicatesAt(v.category, v.report.lng, v.report.lat, now);
    prepared.push({ ...v, matterId, domain, proposal, duplicates, token: randomBytes(18).toString('base64url') });
  }

  const publication = publicationRule(deps.config);
  const rows: EventInsert[] = prepared.map((p) => ({
    id: randomUUID(),
    source: 'hotline',
    externalId: p.report.externalId!,
    category: p.category.code,
    description: p.report.description,
    urgency: p.report.urgency,
    lng: p.report.lng,
    lat: p.report.lat,
    address: p.report.address ?? null,
    townId: p.loc.town.id,
    villageId: p.loc.village.id,
    gridId: p.loc.grid.id,
    status: 'reported',
    reportedAt: new Date(Math.min(Date.parse(p.report.occurredAt!), now.getTime())),
    reporterUserId: null,
    reporterName: p.report.reporterName ?? null,
    reporterPhone: p.report.reporterPhone ?? null,
    citizenTokenHash: hashToken(p.token),
    publicId: publicIdFor(publication, { source: 'hotline', category: p.category.code }),
    suggestedMasterId: p.duplicates[0]?.id ?? null,
    matterId: p.matterId,
    domain: p.domain,
    proposal: p.proposal,
    createdAt: now,
    updatedAt: now,
  }));
  const steps: StepInsert[] = prepared.map((p, i) => ({
    subjectId: rows[i]!.id!,
    at: now,
    action: 'report',
    fromStatus: null,
    toStatus: 'reported',
    actorId: input.actor.id,
    actorRole: input.actor.role,
    teamId: null,
    lng: p.report.lng,
    lat: p.report.lat,
    clientIp: input.actor.clientIp,
    detail: {
      source: 'hotline',
      import: true,
      duplicates: p.duplicates.slice(0, 3).map((d) => ({ id: d.id, distanceM: d.distanceM })),
    },
  }));

  const inserted = await db.transaction(async (tx) => {
    const created = await repo.insertAll(tx, rows, steps);
    const entries: AuditEntry[] = rows.map((row) => ({
      action: 'event.report',
      entityType: 'event',
      entityId: row.id!,
      after: { ...row, citizenTokenHash: undefined, import: true },
      personal: reporterPersonalData({ ...row, id: row.id! }),
    }));
    await deps.audit.append(tx, input.actor, entries, now);
    for (const e of created)
      await events.publish(tx, {
        kind: 'event',
        id: e.id,
        action: 'report',
        status: 'reported',
        townId: e.townId,
        domain: e.domain,
        teamId: null,
      });
    return created;
  });
  const byId = new Map(inserted.map((e) => [e.id, e]));
  return {
    imported: inserted.length,
    dryRun: false,
    events: prepared.map((p, i) => ({
      row: p.row,
      ticketNo: p.report.externalId!,
      id: rows[i]!.id!,
      no: eventNo(byId.get(rows[i]!.id!)!),
      token: p.token,
    })),
  };
}

type Located = NonNullable<ReturnType<RegionDirectory['locate']>>;

/** A category by code, Chinese name or English name (case-insensitive). */
function categoryResolver(list: readonly EventCategory[]) {
  const by = new Map<string, EventCategory>();
  for (const c of list) for (const k of [c.code, c.zh, c.en.toLowerCase()]) by.set(k, c);
  return (s: string) => by.get(s) ?? by.get(s.toLowerCase());
}

function urgencyOf(s: string): 'normal' | 'urgent' | undefined | null {
  const v = s.toLowerCase();
  if (v === '') return undefined;
  if (['普通', '一般', 'normal'].includes(v)) return 'normal';
  if (['紧急', '加急', '特急', 'urgent'].includes(v)) return 'urgent';
  return null;
}

/** A decimal number; '' → undefined (reported as required by the schema); anything else → null. */
function numberOf(s: string): number | undefined | null {
  if (s === '') return undefined;
  return /^[-+]?\d{1,3}(\.\d+)?$/.test(s) ? Number(s) : null;
}

/**
 * A call time as people and hotline exports write it: 2026-11-21 09:30[:00], 2026/11/21 9:30, 2026年11月21日 9时30分,
 * an ISO time with offset, a bare day (00:00; an XLSX date cell arrives as its day), or an Excel serial with a day
 * fraction. Times without an offset are Beijing time. An impossible date or time → null.
 */
export function parseCallTime(s: string): Date | null {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) || !sameWallClock(t) ? null : new Date(ms);
  }
  const serial = /^(\d{5})(\.\d+)?$/.exec(t);
  if (serial) {
    // Excel: day 25569 = 1970-01-01; the fraction is the time of day (wall clock, Beijing).
    const wall = Math.round(((Number(t) - 25569) * 86_400_000) / 1000) * 1000;
    return new Date(wall - CHINA_OFFSET_MS);
  }
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})\s*秒?)?\s*分?)?$/.exec(
      t,
    );
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(se)] as const;
  const wall = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  const back = new Date(wall);
  // Date.UTC rolls 2026-02-30 over to March: an impossible date or time is an error, not a guess.
  if (
    back.getUTCFullYear() !== parts[0] ||
    back.getUTCMonth() !== parts[1] - 1 ||
    back.getUTCDate() !== parts[2] ||
    back.getUTCHours() !== parts[3] ||
    back.getUTCMinutes() !== parts[4] ||
    back.getUTCSeconds() !== parts[5]
  )
    return null;
  return new Date(wall - CHINA_OFFSET_MS);
}

/** Whether an ISO time's day and hour are real (Date.parse accepts 2026-02-30 in some engines). */
function sameWallClock(iso: string): boolean {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso)!.map(Number) as number[];
  const probe = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!));
  return probe.getUTCMonth() === mo! - 1 && probe.getUTCDate() === d! && probe.getUTCHours() === h!;
}
