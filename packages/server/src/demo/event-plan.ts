import { createHash } from 'node:crypto';
import type { WorkingCalendar } from '@openenforce/domain/calendar';
import {
  deadlineFor,
  EVENT_CATEGORIES,
  OPEN_STATUSES,
  escalationLevel,
  yellowAt,
  type EscalationLevel,
  type EventCategory,
  type EventSource,
  type EventStatus,
  type HandlingOutcome,
  isPublished,
  publicIdFrom,
  type PublicationRule,
} from '@openenforce/domain/events';
import type { EventColumns, StepColumns } from '../events/index.ts';
import type { RegionDirectory } from '../organization/index.ts';
import { streamFor, type Rng } from './random.ts';
import { CHINA_OFFSET_MS, chinaAt, chinaDate, chinaMidnight } from '@openenforce/domain/common';

/*
 * The demo year as a plan (see events.ts for how it is written): distributions by channel, category, town, hour and
 * weekday, each event's whole lifecycle, cut at the clock's now, and the column arrays the bulk insert takes. No I/O:
 * the context (grids, teams, proposals, calendar, now) is loaded by the caller.
 */

const HOUR = 3_600_000;
const MIN = 60_000;
const DAY = 24 * HOUR;
export const DEMO_EVENTS_SEED = 20261122;

const RUNNING: readonly EventStatus[] = ['dispatched', 'accepted', 'returned', 'rectifying'];
/** Where an open event of the demo year waits: any open status. */
const STUCK_STAGES = OPEN_STATUSES;

/** Share of reports by channel (grid workers find most; citizens call 12345 or use the app; cameras help). */
const SOURCE_WEIGHTS: Record<EventSource, number> = {
  grid_worker: 45,
  hotline: 17,
  open311: 10,
  video_ai: 14,
  patrol: 9,
  department: 3,
  inspection: 2,
};

/** Share of reports by category: city appearance dominates, as in every county's figures. */
const CATEGORY_WEIGHTS: Record<string, number> = {
  street_vending: 18,
  outside_shop: 14,
  illegal_parking: 12,
  exposed_garbage: 12,
  illegal_posting: 8,
  piled_materials: 7,
  outdoor_advertising: 4,
  construction_waste: 5,
  cooking_fumes: 4,
  noise: 4,
  construction_noise: 2,
  illegal_building: 3,
  road_occupation: 3,
  greenery_damage: 2,
  other: 2,
};

/** Relative busyness per town: the five streets (the city) lead, then the big towns. */
export const TOWN_WEIGHTS: Record<string, number> = {
  太平街道: 3.0,
  城东街道: 2.5,
  城西街道: 2.2,
  城北街道: 2.0,
  横峰街道: 1.8,
  泽国镇: 1.6,
  大溪镇: 1.4,
  松门镇: 1.2,
  箬横镇: 1.1,
  新河镇: 1.1,
  温峤镇: 1.0,
  城南镇: 0.9,
  石塘镇: 0.8,
  滨海镇: 0.7,
  石桥头镇: 0.6,
  坞根镇: 0.5,
};

/** Reports per hour of the day, China time: quiet night, morning and afternoon peaks, a busy evening. */
const HOURLY = [
  0.15, 0.1, 0.08, 0.06, 0.08, 0.2, 0.5, 1.2, 2.2, 2.6, 2.5, 2.0, 1.4, 1.3, 2.0, 2.3, 2.2, 1.9, 1.5, 1.4, 1.3, 1.0, 0.6,
  0.3,
];
const HOURS = [...Array(24).keys()];
/** Monday … Sunday. */
const WEEKDAY = [1.12, 1.08, 1.05, 1.05, 1.0, 0.82, 0.75];

const DESCRIPTIONS: Record<string, readonly string[]> = {
  street_vending: ['流动摊贩占道经营', '早市摊贩占用人行道', '夜宵摊占道摆放桌椅', '三轮车沿街兜售水果'],
  outside_shop: ['商铺超出门窗摆放货物', '店外堆放商品影响通行', '维修店占道作业'],
  illegal_parking: ['机动车占用人行道停放', '非机动车乱停放堵塞通道', '车辆占用消防通道'],
  exposed_garbage: ['路边暴露垃圾未清运', '垃圾桶满溢', '绿化带内堆积生活垃圾'],
  illegal_posting: ['电杆上张贴小广告', '墙面乱涂写', '公交站台张贴广告'],
  outdoor_advertising: ['未经审批设置大型广告牌', '店招破损存在安全隐患', '楼顶广告牌未经许可'],
  piled_materials: ['人行道堆放建材', '公共场地乱搭棚子', '占道堆放杂物'],
  construction_waste: ['渣土车沿路抛撒', '空地倾倒建筑垃圾', '装修垃圾随意堆放'],
  cooking_fumes: ['餐饮店油烟直排扰民', '烧烤油烟影响居民', '油烟净化器未开启'],
  noise: ['广场舞音响音量过大', 'KTV夜间噪声扰民', '商铺高音喇叭揽客'],
  construction_noise: ['工地夜间施工噪声', '夜间混凝土浇筑扰民'],
  illegal_building: ['楼顶违法搭建', '院内私搭乱建', '未经批准临时建设'],
  road_occupation: ['道路开挖后未及时恢复', '施工围挡占用道路', '擅自占用道路堆放'],
  greenery_damage: ['绿化带被踩踏损毁', '行道树被擅自砍伐', '草坪被占用停车'],
  other: ['其他城市管理问题', '井盖缺失', '路灯损坏'],
};

const RETURN_REASONS = ['不属于本队辖区', '非本队职责范围', '位置有误，不在本镇', '需专业部门处理'];
const LOW_COMMENTS = ['处理太慢', '问题没有彻底解决', '态度一般'];
const NOTES: Record<HandlingOutcome, string> = {
  fixed_on_site: '现场处置完毕',
  rectification: '已下达责令整改通知书',
  simple_penalty: '当场作出简易程序处罚决定',
  commitment: '当事人签署轻微违法告知承诺书',
  case_filed: '违法事实较重，转立案调查',
  transferred: '不属于综合执法职责，已移交相关部门',
};

export interface GridInfo {
  id: string;
  townId: string;
  villageId: string;
  /** Four corners, counter-clockwise (the demo grids are lattice cells). */
  corners: [number, number][];
  weight: number;
}

export interface Context {
  now: number;
  count: number;
  warnFraction: number;
  calendar: WorkingCalendar;
  grids: GridInfo[];
  towns: { id: string; name: string; weight: number; grids: GridInfo[] }[];
  directory: RegionDirectory;
  villageName: (id: string) => string;
  townName: (id: string) => string;
  /** Proposal per category × town: matter, team, subject and the engine's JSON (1-based lookup index). */
  proposals: Map<
    string,
    { matterId: string | null; domain: string | null; teamId: string; subjectName: string | null; index: number | null }
  >;
  reassignTeamId: string;
  officersByTeam: Map<string, string[]>;
  operators: string[];
  gridWorkerByGrid: Map<string, string>;
  gridWorkerUser: { id: string; gridId: string | null } | null;
}

interface PlannedStep {
  at: number;
  action: string;
  /** Target status; null = unchanged (urge). */
  to: EventStatus | null;
  role: string;
  actorName: string | null;
  teamId: string | null;
  reason: string | null;
  detail: string | null;
  set?: Partial<Ev>;
}

type KeptStep = PlannedStep & { from: EventStatus | null };

export interface Ev {
  id: string;
  source: EventSource;
  externalId: string | null;
  category: EventCategory;
  description: string;
  urgency: 'normal' | 'urgent';
  lng: number;
  lat: number;
  address: string;
  townId: string;
  villageId: string;
  gridId: string;
  status: EventStatus;
  escalation: EscalationLevel;
  reportedAt: number;
  reporterUserId: string | null;
  reporterName: string | null;
  suggestedMasterId: string | null;
  masterId: string | null;
  matterId: string | null;
  /** The matter's domain (a county agency's data scope). */
  domain: string | null;
  proposal: number | null;
  teamId: string | null;
  subjectName: string | null;
  triagedAt: number | null;
  dispatchedAt: number | null;
  deadline: number | null;
  warnAt: number | null;
  acceptedAt: number | null;
  handledAt: number | null;
  closedAt: number | null;
  outcome: HandlingOutcome | null;
  outcomeDetail: number | null;
  rectifyDue: number | null;
  reopenCount: number;
  returnCount: number;
  urgeCount: number;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: number | null;
  onTime: boolean | null;
  version: number;
  updatedAt: number;
  steps: PlannedStep[];
}

/** Forced turns of a plan (the stuck events need a return or a rectification to stop at). */
interface Force {
  ret?: boolean;
  outcome?: HandlingOutcome;
}

function weighted<T>(rng: Rng, items: readonly T[], cumulative: readonly number[]): T {
  const x = rng.next() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return items[lo]!;
}

function cumulate(ws: readonly number[]): number[] {
  let s = 0;
  return ws.map((w) => (s += w));
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The demo year as planned and settled at the context's now, in report order (event number = index + 1). */
export function planDemoEvents(ctx: Context, seed: number): Ev[] {
  const rng = streamFor(seed, 'events');
  const ids = streamFor(seed, 'event-ids');
  const { now } = ctx;
  const todayStart = chinaMidnight(chinaDate(now)).getTime();

  // Day weights: weekday, a summer peak, and a platform that is used more as the year goes on.
  const days: { start: number; weight: number }[] = [];
  const hourCum = cumulate(HOURLY);
  const elapsedToday = (() => {
    const h = Math.floor((now - todayStart) / HOUR);
    const part = ((now - todayStart) % HOUR) / HOUR;
    return (hourCum[h - 1] ?? 0) + HOURLY[h]! * part;
  })();
  for (let d = 365; d >= 0; d--) {
    const start = todayStart - d * DAY;
    const date = new Date(start + CHINA_OFFSET_MS);
    const weekday = (date.getUTCDay() + 6) % 7;
    const doy = Math.floor((start - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY);
    const season = 1 + 0.12 * Math.sin((2 * Math.PI * (doy - 100)) / 365);
    const trend = 0.85 + 0.3 * ((365 - d) / 365);
    const share = d === 0 ? elapsedToday / hourCum[23]! : 1;
    days.push({ start, weight: WEEKDAY[weekday]! * season * trend * share });
  }
  const duplicates = Math.round(ctx.count * 0.02);
  const base = ctx.count - duplicates;
  const perDay = apportion(
    days.map((d) => d.weight),
    base,
  );

  const sources = Object.keys(SOURCE_WEIGHTS) as EventSource[];
  const sourceCum = cumulate(sources.map((s) => SOURCE_WEIGHTS[s]));
  const cats = EVENT_CATEGORIES.filter((c) => CATEGORY_WEIGHTS[c.code]);
  const catCum = cumulate(cats.map((c) => CATEGORY_WEIGHTS[c.code]!));
  const videoCats = cats.filter((c) => c.videoAi);
  const videoCum = cumulate(videoCats.map((c) => CATEGORY_WEIGHTS[c.code]!));
  const townCum = cumulate(ctx.towns.map((t) => t.weight));
  const gridCums = new Map(ctx.towns.map((t) => [t.id, cumulate(t.grids.map((g) => g.weight))]));
  const flatHour = HOURLY.map((h) => 0.5 * h + 0.5 * (hourCum[23]! / 24));
  const flatCum = cumulate(flatHour);

  const events: Ev[] = [];
  days.forEach((day, di) => {
    for (let k = 0; k < perDay[di]!; k++) {
      const source = weighted(rng, sources, sourceCum);
      // Cameras watch the street around the clock; people report by day.
      const cum = source === 'video_ai' ? flatCum : hourCum;
      let at = 0;
      for (let tries = 0; tries < 20; tries++) {
        const hour = weighted(rng, HOURS, cum);
        at = day.start + hour * HOUR + Math.floor(rng.next() * HOUR);
        if (at <= now) break;
      }
      if (at > now) at = now - Math.floor(rng.next() * HOUR);
      const category = source === 'video_ai' ? weighted(rng, videoCats, videoCum) : weighted(rng, cats, catCum);
      const town = weighted(rng, ctx.towns, townCum);
      const grid = weighted(rng, town.grids, gridCums.get(town.id)!);
      const point = pointIn(rng, grid, ctx.directory);
      if (!point) continue;
      events.push(newEvent(ctx, rng, ids, source, category, at, point));
    }
  });
  events.sort((a, b) => a.reportedAt - b.reportedAt);

  // Duplicates: a second report of the same problem a little later and a few metres away, merged into the first.
  const dupSources: EventSource[] = ['hotline', 'open311', 'grid_worker'];
  for (let k = 0; k < duplicates && events.length > 0; k++) {
    const master = events[Math.floor(rng.next() * events.length)]!;
    const at = master.reportedAt + (5 + Math.floor(rng.next() * 90)) * MIN;
    if (at > now) continue;
    const r = master.category.duplicateRadiusM / 2 / 111_000;
    const loc = ctx.directory.locate(
      master.lng + rng.float(-r, r) / Math.cos((master.lat * Math.PI) / 180),
      master.lat + rng.float(-r, r),
    );
    if (!loc) continue;
    const dup = newEvent(ctx, rng, ids, rng.pick(dupSources), master.category, at, {
      lng: master.lng,
      lat: master.lat,
      gridId: loc.grid.id,
      villageId: loc.village.id,
      townId: loc.town.id,
    });
    dup.suggestedMasterId = master.id;
    dup.steps.length = 1;
    const mergeAt = at + (5 + Math.floor(rng.next() * 60)) * MIN;
    dup.steps.push({
      at: mergeAt,
      action: 'merge',
      to: 'merged',
      role: 'command_operator',
      actorName: rng.pick(ctx.operators),
      teamId: null,
      reason: null,
      detail: JSON.stringify({ masterId: master.id }),
      set: { masterId: master.id, closedAt: mergeAt },
    });
    events.push(dup);
  }
  events.sort((a, b) => a.reportedAt - b.reportedAt);

  // Stuck events: a backlog among the last days' reports, at every open stage (at least a few of each).
  const recent = events.filter((e) => e.reportedAt > now - 7 * DAY && e.steps[1]?.action !== 'merge');
  const minEach = Math.max(3, Math.round(ctx.count / 4000));
  const stuck = new Map<Ev, EventStatus>();
  for (const stage of STUCK_STAGES) {
    for (let k = 0; k < minEach * (stage === 'accepted' || stage === 'dispatched' ? 2 : 1); k++) {
      const e = recent[Math.floor(rng.next() * recent.length)];
      if (e && !stuck.has(e)) stuck.set(e, stage);
    }
  }
  for (const [e, stage] of stuck) {
    replan(
      ctx,
      rng,
      e,
      stage === 'returned' ? { ret: true } : stage === 'rectifying' ? { outcome: 'rectification' } : {},
    );
    const i = e.steps.findIndex((s) => s.to === stage);
    if (i >= 0) e.steps.length = i + 1;
  }

  for (const e of events) settle(ctx, e);
  return events;
}

/** Split `total` over the weights (largest remainder), so the counts add up exactly. */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]! += 1;
  }
  return out;
}

/** A point inside the grid: bilinear in its four corners, checked against the directory (point in polygon). */
function pointIn(rng: Rng, grid: GridInfo, directory: RegionDirectory) {
  const [a, b, c, d] = grid.corners as [[number, number], [number, number], [number, number], [number, number]];
  for (let tries = 0; tries < 5; tries++) {
    const u = rng.float(0.03, 0.97);
    const v = rng.float(0.03, 0.97);
    const lng = (1 - v) * ((1 - u) * a[0] + u * b[0]) + v * ((1 - u) * d[0] + u * c[0]);
    const lat = (1 - v) * ((1 - u) * a[1] + u * b[1]) + v * ((1 - u) * d[1] + u * c[1]);
    const loc = directory.locate(lng, lat);
    if (loc)
      return {
        lng: Math.round(lng * 1e6) / 1e6,
        lat: Math.round(lat * 1e6) / 1e6,
        gridId: loc.grid.id,
        villageId: loc.village.id,
        townId: loc.town.id,
      };
  }
  return null;
}

const REPORT_ROLE: Record<EventSource, string> = {
  grid_worker: 'grid_worker',
  hotline: 'command_operator',
  open311: 'citizen',
  video_ai: 'system',
  patrol: 'officer',
  department: 'department_staff',
  inspection: 'officer',
};

function newEvent(
  ctx: Context,
  rng: Rng,
  ids: Rng,
  source: EventSource,
  category: EventCategory,
  at: number,
  p: { lng: number; lat: number; gridId: string; villageId: string; townId: string },
): Ev {
  const id = ids.uuid();
  const prop = ctx.proposals.get(`${category.code}|${p.townId}`)!;
  const gridWorker = ctx.gridWorkerByGrid.get(p.gridId) ?? null;
  const day = chinaDate(at).replaceAll('-', '');
  const externalId =
    source === 'hotline'
      ? `12345-${day}-${id.slice(0, 6)}`
      : source === 'video_ai'
        ? `AI-${day}-${id.slice(0, 8)}`
        : source === 'department'
          ? `YJ-${day}-${id.slice(0, 6)}`
          : null;
  const e: Ev = {
    id,
    source,
    externalId,
    category,
    description: rng.pick(DESCRIPTIONS[category.code] ?? DESCRIPTIONS['other']!),
    urgency: rng.chance(0.08) ? 'urgent' : 'normal',
    lng: p.lng,
    lat: p.lat,
    address: `${ctx.townName(p.townId)}${ctx.villageName(p.villageId)}`,
    townId: p.townId,
    villageId: p.villageId,
    gridId: p.gridId,
    status: 'reported',
    escalation: 'none',
    reportedAt: at,
    reporterUserId: source === 'grid_worker' && ctx.gridWorkerUser?.gridId === p.gridId ? ctx.gridWorkerUser.id : null,
    reporterName: source === 'grid_worker' ? gridWorker : null,
    suggestedMasterId: null,
    masterId: null,
    matterId: prop.matterId,
    domain: prop.domain,
    proposal: prop.index,
    teamId: null,
    subjectName: null,
    triagedAt: null,
    dispatchedAt: null,
    deadline: null,
    warnAt: null,
    acceptedAt: null,
    handledAt: null,
    closedAt: null,
    outcome: null,
    outcomeDetail: null,
    rectifyDue: null,
    reopenCount: 0,
    returnCount: 0,
    urgeCount: 0,
    rating: null,
    ratingComment: null,
    ratedAt: null,
    onTime: null,
    version: 1,
    updatedAt: at,
    steps: [],
  };
  replan(ctx, rng, e, {});
  return e;
}

/** The event's whole planned timeline from its report on (replaces any earlier plan). */
function replan(ctx: Context, rng: Rng, e: Ev, force: Force): void {
  const prop = ctx.proposals.get(`${e.category.code}|${e.townId}`)!;
  const operator = () => rng.pick(ctx.operators);
  const officer = (team: string) => {
    const names = ctx.officersByTeam.get(team);
    return names && names.length > 0 ? rng.pick(names) : null;
  };
  const gridWorker = ctx.gridWorkerByGrid.get(e.gridId) ?? null;
  const steps: PlannedStep[] = [
    {
      at: e.reportedAt,
      action: 'report',
      to: 'reported',
      role: REPORT_ROLE[e.source],
      actorName: e.source === 'grid_worker' ? gridWorker : e.source === 'hotline' ? operator() : null,
      teamId: null,
      reason: null,
      detail: `{"source":"${e.source}"}`,
    },
  ];
  e.steps = steps;
  let t = e.reportedAt;
  // Triage: minutes by day; a night report waits for the morning shift unless urgent.
  const localHour = new Date(t + CHINA_OFFSET_MS).getUTCHours();
  if (e.urgency === 'normal' && (localHour >= 22 || localHour < 7)) {
    const localDay = chinaDate(t);
    const morning = chinaAt(localDay, '07:30').getTime() + (localHour >= 22 ? DAY : 0);
    t = morning + Math.floor(rng.next() * 60) * MIN;
  } else {
    t += (3 + Math.floor(rng.next() * 40)) * MIN;
  }
  if (!force.ret && !force.outcome && rng.chance(0.015)) {
    steps.push({
      at: t,
      action: 'dismiss',
      to: 'closed',
      role: 'command_operator',
      actorName: operator(),
      teamId: null,
      reason: '经核实不属于受理范围',
      detail: null,
      set: { closedAt: t },
    });
    return;
  }
  const fallback = ctx.proposals.get(`street_vending|${e.townId}`)!;
  const matterId = e.matterId ?? fallback.matterId;
  const domain = e.matterId ? e.domain : fallback.domain;
  let team = prop.teamId;
  steps.push({
    at: t,
    action: 'triage',
    to: 'triaged',
    role: 'command_operator',
    actorName: operator(),
    teamId: team,
    reason: null,
    detail: `{"proposedTeamId":"${team}","override":false}`,
    set: { triagedAt: t, teamId: team, matterId, domain, subjectName: prop.subjectName },
  });
  t += (2 + Math.floor(rng.next() * 28)) * MIN;
  const sla = e.category.sla[e.urgency];
  let dispatchedAt = t;
  let deadline = deadlineFor(new Date(t), sla, ctx.calendar).getTime();
  steps.push({
    at: t,
    action: 'dispatch',
    to: 'dispatched',
    role: 'command_operator',
    actorName: operator(),
    teamId: team,
    reason: null,
    detail: `{"deadline":"${iso(deadline)}","assistingTeamIds":[]}`,
    set: {
      teamId: team,
      dispatchedAt: t,
      deadline,
      warnAt: yellowAt(new Date(t), new Date(deadline), ctx.warnFraction).getTime(),
    },
  });
  if (force.ret || rng.chance(0.04)) {
    t += (10 + Math.floor(rng.next() * 110)) * MIN;
    steps.push({
      at: t,
      action: 'return',
      to: 'returned',
      role: 'officer',
      actorName: officer(team),
      teamId: team,
      reason: rng.pick(RETURN_REASONS),
      detail: null,
      set: { returnCount: 1 },
    });
    t += (20 + Math.floor(rng.next() * 160)) * MIN;
    const justified = rng.chance(0.55);
    const to = justified ? ctx.reassignTeamId : team;
    if (justified) deadline = deadlineFor(new Date(t), sla, ctx.calendar).getTime();
    dispatchedAt = t;
    steps.push({
      at: t,
      action: 'arbitrate',
      to: 'dispatched',
      role: 'command_operator',
      actorName: operator(),
      teamId: team,
      reason: justified ? '退回理由成立，改派机动队' : '事发地在本队辖区内，退回理由不成立',
      detail: JSON.stringify({ justified, returnedBy: team, dispatchedTo: to }),
      set: {
        teamId: to,
        dispatchedAt: t,
        deadline,
        warnAt: yellowAt(new Date(t), new Date(deadline), ctx.warnFraction).getTime(),
      },
    });
    team = to;
  }
  t += (5 + Math.floor(rng.next() * 55)) * MIN;
  steps.push({
    at: t,
    action: 'accept',
    to: 'accepted',
    role: 'officer',
    actorName: officer(team),
    teamId: team,
    reason: null,
    detail: null,
    set: { acceptedAt: t },
  });
  // When it will be closed: most well within the deadline, some late (overdue).
  const span = Math.max(deadline - dispatchedAt, HOUR);
  const onTime = deadline > t + 10 * MIN && rng.chance(0.93);
  const close = onTime
    ? t + (deadline - t) * rng.float(0.15, 0.95)
    : Math.max(deadline, t) + span * rng.float(0.05, 1.5) + 10 * MIN;
  const work = close - t;
  const workingDays = sla.unit === 'working_days' && sla.n >= 2;
  const outcome: HandlingOutcome =
    force.outcome ??
    weighted(
      rng,
      ['fixed_on_site', 'rectification', 'simple_penalty', 'commitment', 'case_filed', 'transferred'] as const,
      cumulate([62, workingDays ? 12 : 0, 9, 5, 5, 4]),
    );
  const officerName = officer(team);
  const handle = (at: number, o: HandlingOutcome, set: Partial<Ev>): PlannedStep => ({
    at,
    action: 'handle',
    to: o === 'rectification' ? 'rectifying' : o === 'transferred' ? 'closed' : 'handled',
    role: 'officer',
    actorName: officerName,
    teamId: team,
    reason: NOTES[o],
    detail: `{"outcome":"${o}"}`,
    set: { outcome: o, outcomeDetail: OUTCOME_INDEX[o], ...set },
  });
  const verifier = e.source === 'hotline' || e.source === 'open311' ? 'command_operator' : 'grid_worker';
  const verifierName = verifier === 'grid_worker' ? gridWorker : operator();
  if (outcome !== 'transferred' && outcome !== 'rectification' && rng.chance(0.02)) {
    // Reopened: the verifier found the problem still there.
    const h1 = t + work * 0.3;
    steps.push(handle(h1, outcome, { handledAt: h1 }));
    const v1 = t + work * 0.45;
    steps.push({
      at: v1,
      action: 'verify',
      to: 'accepted',
      role: verifier,
      actorName: verifierName,
      teamId: team,
      reason: '现场复核问题仍存在',
      detail: '{"passed":false,"citizen":false}',
      set: { reopenCount: 1, outcome: null, outcomeDetail: null, acceptedAt: v1 },
    });
  }
  if (outcome === 'rectification') {
    const h = t + work * 0.25;
    steps.push(handle(h, outcome, { handledAt: h, rectifyDue: close - 0.1 * work }));
    const r = t + work * 0.85;
    steps.push({
      at: r,
      action: 'recheck',
      to: 'handled',
      role: 'officer',
      actorName: officerName,
      teamId: team,
      reason: '复查已整改到位',
      detail: '{"passed":true}',
      set: { handledAt: r },
    });
  } else if (outcome === 'transferred') {
    steps.push(handle(close, outcome, { handledAt: close, closedAt: close, onTime: close <= deadline }));
  } else {
    const h = t + work * 0.85;
    steps.push(handle(h, outcome, { handledAt: h }));
  }
  if (outcome !== 'transferred') {
    steps.push({
      at: close,
      action: 'verify',
      to: 'closed',
      role: verifier,
      actorName: verifierName,
      teamId: team,
      reason: null,
      detail: '{"passed":true,"citizen":false}',
      set: { closedAt: close, onTime: close <= deadline },
    });
  }
  // Urged once when the deadline passed with the work still open.
  if (!onTime && close > deadline + 2 * HOUR) {
    steps.push({
      at: deadline + rng.float(0.5, 2) * HOUR,
      action: 'urge',
      to: null,
      role: 'command_operator',
      actorName: operator(),
      teamId: team,
      reason: '已超期，请尽快处置',
      detail: null,
    });
  }
  const rateShare = e.source === 'hotline' || e.source === 'open311' ? 0.65 : e.source === 'grid_worker' ? 0.5 : 0.2;
  if (outcome !== 'transferred' && rng.chance(rateShare)) {
    const x = rng.next();
    const rating = x < 0.55 ? 5 : x < 0.85 ? 4 : x < 0.95 ? 3 : x < 0.98 ? 2 : 1;
    const at = close + rng.float(0.5, 36) * HOUR;
    const comment = rating <= 2 ? rng.pick(LOW_COMMENTS) : null;
    steps.push({
      at,
      action: 'rate',
      to: null,
      role: verifier,
      actorName: verifierName,
      teamId: team,
      reason: comment,
      detail: `{"rating":${rating},"citizen":false}`,
      set: { rating, ratingComment: comment, ratedAt: at },
    });
  }
  steps.sort((a, b) => a.at - b.at);
}

const OUTCOMES: readonly HandlingOutcome[] = [
  'fixed_on_site',
  'rectification',
  'simple_penalty',
  'commitment',
  'case_filed',
  'transferred',
];
const OUTCOME_INDEX = Object.fromEntries(OUTCOMES.map((o, i) => [o, i + 1])) as Record<HandlingOutcome, number>;
export const OUTCOME_DETAILS = OUTCOMES.map((o) => JSON.stringify({ outcome: o, note: NOTES[o] }));

/** Apply the planned steps up to now: the event's columns, status, version and escalation as of the clock. */
function settle(ctx: Context, e: Ev): void {
  const kept: KeptStep[] = [];
  let status: EventStatus = 'reported';
  for (const s of e.steps) {
    if (s.at > ctx.now) break;
    // An urge needs a running event; a rating a closed one (the plan may have moved them past a cut).
    if (s.action === 'urge' && !RUNNING.includes(status)) continue;
    if (s.action === 'rate' && status !== 'closed') continue;
    if (s.action === 'urge') e.urgeCount += 1;
    if (s.set) Object.assign(e, s.set);
    const from = status;
    if (s.to) status = s.to;
    const k = s as KeptStep;
    k.to = status;
    k.from = s.action === 'report' ? null : from;
    kept.push(k);
  }
  e.steps = kept;
  e.status = status;
  e.version = kept.length;
  e.updatedAt = kept[kept.length - 1]!.at;
  if (e.deadline !== null && e.dispatchedAt !== null) {
    const until = RUNNING.includes(status) ? ctx.now : (e.handledAt ?? e.closedAt ?? ctx.now);
    e.escalation = escalationLevel(new Date(e.dispatchedAt), new Date(e.deadline), new Date(until), ctx.warnFraction);
  }
}

/**
 * Column arrays of the given events; `seqs[i]` is the event number of `events[i]`. An event the publication rule
 * publishes on Open311 gets a public id drawn from its (random) id, so that a part written again gets the same one.
 */
export function columns(events: readonly Ev[], seqs: readonly number[], publication: PublicationRule) {
  const ev: EventColumns = {
    seq: [...seqs],
    id: [],
    source: [],
    externalId: [],
    category: [],
    description: [],
    urgency: [],
    lng: [],
    lat: [],
    address: [],
    townId: [],
    villageId: [],
    gridId: [],
    status: [],
    escalation: [],
    reportedAt: [],
    reporterUserId: [],
    reporterName: [],
    suggestedMasterId: [],
    masterId: [],
    matterId: [],
    domain: [],
    publicId: [],
    proposal: [],
    teamId: [],
    subjectName: [],
    triagedAt: [],
    dispatchedAt: [],
    deadline: [],
    warnAt: [],
    acceptedAt: [],
    handledAt: [],
    closedAt: [],
    outcome: [],
    outcomeDetail: [],
    rectifyDue: [],
    reopenCount: [],
    returnCount: [],
    urgeCount: [],
    rating: [],
    ratingComment: [],
    ratedAt: [],
    onTime: [],
    version: [],
    updatedAt: [],
  };
  const st: StepColumns = {
    eventId: [],
    at: [],
    action: [],
    fromStatus: [],
    toStatus: [],
    actorRole: [],
    actorName: [],
    teamId: [],
    reason: [],
    detail: [],
  };
  for (const e of events) {
    ev.id.push(e.id);
    ev.source.push(e.source);
    ev.externalId.push(e.externalId);
    ev.category.push(e.category.code);
    ev.description.push(e.description);
    ev.urgency.push(e.urgency);
    ev.lng.push(e.lng);
    ev.lat.push(e.lat);
    ev.address.push(e.address);
    ev.townId.push(e.townId);
    ev.villageId.push(e.villageId);
    ev.gridId.push(e.gridId);
    ev.status.push(e.status);
    ev.escalation.push(e.escalation);
    ev.reportedAt.push(iso(e.reportedAt)!);
    ev.reporterUserId.push(e.reporterUserId);
    ev.reporterName.push(e.reporterName);
    ev.suggestedMasterId.push(e.suggestedMasterId);
    ev.masterId.push(e.masterId);
    ev.matterId.push(e.matterId);
    ev.domain.push(e.domain);
    ev.publicId.push(
      isPublished(publication, { source: e.source, category: e.category.code })
        ? publicIdFrom(createHash('sha256').update(e.id).digest())
        : null,
    );
    ev.proposal.push(e.proposal);
    ev.teamId.push(e.teamId);
    ev.subjectName.push(e.subjectName);
    ev.triagedAt.push(iso(e.triagedAt));
    ev.dispatchedAt.push(iso(e.dispatchedAt));
    ev.deadline.push(iso(e.deadline));
    ev.warnAt.push(iso(e.warnAt));
    ev.acceptedAt.push(iso(e.acceptedAt));
    ev.handledAt.push(iso(e.handledAt));
    ev.closedAt.push(iso(e.closedAt));
    ev.outcome.push(e.outcome);
    ev.outcomeDetail.push(e.outcomeDetail);
    ev.rectifyDue.push(iso(e.rectifyDue));
    ev.reopenCount.push(e.reopenCount);
    ev.returnCount.push(e.returnCount);
    ev.urgeCount.push(e.urgeCount);
    ev.rating.push(e.rating);
    ev.ratingComment.push(e.ratingComment);
    ev.ratedAt.push(iso(e.ratedAt));
    ev.onTime.push(e.onTime);
    ev.version.push(e.version);
    ev.updatedAt.push(iso(e.updatedAt)!);
    for (const s of e.steps as KeptStep[]) {
      st.eventId.push(e.id);
      st.at.push(iso(s.at)!);
      st.action.push(s.action);
      st.fromStatus.push(s.from);
      st.toStatus.push(s.to!);
      st.actorRole.push(s.role);
      st.actorName.push(s.actorName);
      st.teamId.push(s.teamId);
      st.reason.push(s.reason);
      st.detail.push(s.detail);
    }
  }
  return { events: ev, steps: st };
}
