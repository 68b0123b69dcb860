import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission, type Role } from '@openenforce/domain/organization';
import { CASE_PROCEDURE, CASE_STEP_ACTIONS } from '@openenforce/domain/cases';
import { permissionFor } from '@openenforce/domain/workflow';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import { caseStepBody } from '../../test/case-bodies.ts';
import { buildCase, caseWorld } from '../../test/factories.ts';

/** Demo logins: role, and the town they are scoped to (泽国镇 and 太平街道 are looked up at run time). */
const USERS: { username: string; role: Role; town: 'zeguo' | 'taiping' | null }[] = [
  { username: 'admin', role: 'admin', town: null },
  { username: 'operator', role: 'command_operator', town: null },
  { username: 'leader', role: 'team_leader', town: null },
  { username: 'officer', role: 'officer', town: 'zeguo' },
  { username: 'officer2', role: 'officer', town: 'taiping' },
  { username: 'auxiliary', role: 'auxiliary', town: 'zeguo' },
  { username: 'gridworker', role: 'grid_worker', town: 'zeguo' },
  { username: 'reviewer', role: 'legal_reviewer', town: null },
  { username: 'dept', role: 'department_staff', town: null },
  { username: 'supervisor', role: 'supervisor', town: null },
];

interface Fixture {
  zeguo: string;
  taiping: string;
  zeguoPerson: { id: string; version: number };
  taipingPerson: { id: string; version: number };
  zeguoCert: { id: string; version: number };
  taipingCert: { id: string; version: number };
  agency: { id: string; version: number };
  team: { id: string; version: number; agencyId: string };
  grid: string;
  village: string;
  matter: string;
  zeguoPoint: { lng: number; lat: number };
  zeguoEvent: string;
  /** A point in 太平街道, beside the 太平 event (its duplicates are 太平's). */
  taipingPoint: { lng: number; lat: number };
  /** A 泽国 report merged into the 太平 event: a 泽国 reader must not learn the foreign master. */
  mergedIntoTaiping: string;
  /** A 泽国 event whose matter lies outside the department's (生态环境) domains. */
  otherDomainEvent: string;
  taipingEvent: string;
  /** A citizen's Open311 report: its number and follow-up token. */
  citizenNo: string;
  citizenToken: string;
  /** A login account that the user-administration cases edit, disable, reset and unlock. */
  account: { id: string; version: number };
  /** Penalty cases of 泽国镇 and of 太平街道, and the matter they are about. */
  zeguoCase: string;
  taipingCase: string;
  caseMatter: string;
}

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** A permission, or any signed-in user, or anyone at all. */
  permission: Permission | 'signed_in' | 'public';
  /** A body that is not JSON (multipart uploads), with its content type. */
  raw?: () => { payload: string; headers: Record<string, string> };
  /** Which town's record the call touches: a town user gets 404 for the other town (as if it did not exist). */
  town?: 'zeguo' | 'taiping';
  /** What a town user of the other town gets instead of 404 (a new record in a town outside their scope: 403). */
  otherTown?: number;
  /** The record lies outside the department's domains: department staff get 404 (as if it did not exist). */
  outsideAgency?: true;
  /** Which part of a 2xx answer the content check reads (default: all of it); see `outOfScope`. */
  reads?: (body: unknown) => unknown;
  url: (f: Fixture) => string;
  payload?: (f: Fixture, n: number) => unknown;
  ok: number;
  /** Event steps: the roles the lifecycle lets take the step (others 403), besides the route's permission. */
  roles?: Role[];
  /** A response that stays open (server-sent events): read as a stream, judged by its head. */
  stream?: true;
}

const COMMAND: Role[] = ['command_operator', 'admin'];

const CASES: Case[] = [
  { name: 'list regions', method: 'GET', permission: 'org.read', url: () => '/api/org/regions?level=town', ok: 200 },
  {
    name: 'read own-town region',
    method: 'GET',
    permission: 'org.read',
    town: 'zeguo',
    url: (f) => `/api/org/regions/${f.zeguo}`,
    ok: 200,
  },
  {
    name: 'read other-town region',
    method: 'GET',
    permission: 'org.read',
    town: 'taiping',
    url: (f) => `/api/org/regions/${f.taiping}`,
    ok: 200,
  },
  {
    name: 'create region',
    method: 'POST',
    permission: 'org.write',
    url: () => '/api/org/regions',
    payload: (f, n) => ({ id: `${f.village}${500 + n}`, parentId: f.village, level: 'grid', name: `测试网格${n}` }),
    ok: 201,
  },
  { name: 'town boundaries', method: 'GET', permission: 'map.read', url: () => '/api/org/map/towns', ok: 200 },
  {
    name: 'grid boundaries',
    method: 'GET',
    permission: 'map.read',
    url: (f) => `/api/org/map/grids?townId=${f.zeguo}`,
    ok: 200,
  },
  // Another town's grids: answered (an empty collection for a town user), never with that town's grids.
  {
    name: 'grid boundaries of another town',
    method: 'GET',
    permission: 'map.read',
    url: (f) => `/api/org/map/grids?townId=${f.taiping}`,
    ok: 200,
  },
  { name: 'every grid boundary', method: 'GET', permission: 'map.read', url: () => '/api/org/map/grids', ok: 200 },
  {
    name: 'locate a point',
    method: 'GET',
    permission: 'map.read',
    url: () => '/api/org/locate?lng=121.42&lat=28.40',
    ok: 200,
  },
  { name: 'list agencies', method: 'GET', permission: 'org.read', url: () => '/api/org/agencies', ok: 200 },
  {
    name: 'read agency',
    method: 'GET',
    permission: 'org.read',
    url: (f) => `/api/org/agencies/${f.agency.id}`,
    ok: 200,
  },
  {
    name: 'create agency',
    method: 'POST',
    permission: 'org.write',
    url: () => '/api/org/agencies',
    payload: (_f, n) => ({ code: `AG-T${n}`, name: `测试机关${n}`, kind: 'department', mayActInOwnName: true }),
    ok: 201,
  },
  { name: 'list teams', method: 'GET', permission: 'org.read', url: () => '/api/org/teams', ok: 200 },
  { name: 'read team', method: 'GET', permission: 'org.read', url: (f) => `/api/org/teams/${f.team.id}`, ok: 200 },
  {
    name: 'create team',
    method: 'POST',
    permission: 'org.write',
    url: () => '/api/org/teams',
    payload: (f, n) => ({
      code: `TM-T${n}`,
      name: `测试中队${n}`,
      agencyId: f.team.agencyId,
      level: 'squad',
      kind: 'professional',
    }),
    ok: 201,
  },
  { name: 'list people', method: 'GET', permission: 'org.read', url: () => '/api/org/people', ok: 200 },
  {
    name: 'read own-town person',
    method: 'GET',
    permission: 'org.read',
    town: 'zeguo',
    url: (f) => `/api/org/people/${f.zeguoPerson.id}`,
    ok: 200,
  },
  {
    name: 'read other-town person by id',
    method: 'GET',
    permission: 'org.read',
    town: 'taiping',
    url: (f) => `/api/org/people/${f.taipingPerson.id}`,
    ok: 200,
  },
  {
    name: 'create person',
    method: 'POST',
    permission: 'org.write',
    url: () => '/api/org/people',
    payload: (f, n) => ({ employeeNo: `T${n}`, name: `测试${n}`, role: 'officer', townId: f.zeguo }),
    ok: 201,
  },
  {
    name: 'edit other-town person',
    method: 'PATCH',
    permission: 'org.write',
    town: 'taiping',
    url: (f) => `/api/org/people/${f.taipingPerson.id}`,
    payload: (f) => ({ version: f.taipingPerson.version, active: true }),
    ok: 200,
  },
  { name: 'list certificates', method: 'GET', permission: 'org.read', url: () => '/api/org/certificates', ok: 200 },
  {
    name: 'read own-town certificate',
    method: 'GET',
    permission: 'org.read',
    town: 'zeguo',
    url: (f) => `/api/org/certificates/${f.zeguoCert.id}`,
    ok: 200,
  },
  {
    name: 'read other-town certificate',
    method: 'GET',
    permission: 'org.read',
    town: 'taiping',
    url: (f) => `/api/org/certificates/${f.taipingCert.id}`,
    ok: 200,
  },
  {
    name: 'create certificate',
    method: 'POST',
    permission: 'org.write',
    url: () => '/api/org/certificates',
    payload: (f, n) => ({
      personId: f.zeguoPerson.id,
      number: `浙TEST${n}`,
      domains: ['城市管理'],
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
    }),
    ok: 201,
  },
  {
    name: 'import people (dry run)',
    method: 'POST',
    permission: 'org.import',
    url: () => '/api/org/import/people?dryRun=true',
    raw: () => upload('工号,姓名,角色\r\nX9001,测试,执法人员\r\n'),
    ok: 200,
  },
  {
    name: 'import certificates (dry run)',
    method: 'POST',
    permission: 'org.import',
    url: () => '/api/org/import/certificates?dryRun=true',
    raw: () => upload('执法证号,工号,执法领域,有效期起,有效期止\r\n浙X9001,WL00002,城市管理,2026-01-01,2030-12-31\r\n'),
    ok: 200,
  },
  {
    name: 'people template',
    method: 'GET',
    permission: 'org.read',
    url: () => '/api/org/import/people/template.xlsx',
    ok: 200,
  },
  {
    name: 'certificates template',
    method: 'GET',
    permission: 'org.read',
    url: () => '/api/org/import/certificates/template.xlsx',
    ok: 200,
  },
  {
    name: 'calendar days',
    method: 'GET',
    permission: 'signed_in',
    url: () => '/api/calendar/days?from=2026-10-01&to=2026-10-31',
    ok: 200,
  },
  {
    name: 'working-day deadline',
    method: 'GET',
    permission: 'signed_in',
    url: () => '/api/calendar/add-working-days?start=2026-09-30&n=5',
    ok: 200,
  },
  {
    name: 'enter a calendar year',
    method: 'POST',
    permission: 'org.write',
    url: () => '/api/calendar/years',
    payload: () => ({
      year: 2027,
      source: '测试通知 2027',
      days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }],
    }),
    ok: 204,
  },
  { name: 'current user', method: 'GET', permission: 'signed_in', url: () => '/api/auth/me', ok: 200 },
  {
    name: 'change password (wrong current one)',
    method: 'POST',
    permission: 'signed_in',
    url: () => '/api/auth/password',
    payload: () => ({ currentPassword: 'not-it', newPassword: 'Another2026pw' }),
    ok: 400,
  },
  {
    name: 'search the catalog',
    method: 'GET',
    permission: 'catalog.read',
    url: () => '/api/catalog/matters?q=%E5%8D%A0%E7%94%A8',
    ok: 200,
  },
  {
    name: 'read a matter',
    method: 'GET',
    permission: 'catalog.read',
    url: (f) => `/api/catalog/matters/${f.matter}`,
    ok: 200,
  },
  {
    name: 'matter history',
    method: 'GET',
    permission: 'catalog.read',
    url: (f) => `/api/catalog/matters/${f.matter}/history`,
    ok: 200,
  },
  {
    name: 'jurisdiction',
    method: 'POST',
    permission: 'catalog.read',
    url: (f) => `/api/catalog/matters/${f.matter}/jurisdiction`,
    payload: (f) => ({ townId: f.zeguo }),
    ok: 200,
  },
  {
    name: 'discretion',
    method: 'POST',
    permission: 'catalog.read',
    url: (f) => `/api/catalog/matters/${f.matter}/discretion`,
    payload: () => ({ party: { type: 'individual' }, facts: { tier: 'first', circumstance: 'minor', factors: [] } }),
    ok: 200,
  },
  { name: 'catalog lists', method: 'GET', permission: 'catalog.read', url: () => '/api/catalog/lists', ok: 200 },
  // As of a day before the demo catalog exists: authorization decides the status, not building 5,000 rows 20 times
  // (the export and the coverage of the whole catalog are tested in catalog/).
  {
    name: 'catalog coverage',
    method: 'GET',
    permission: 'catalog.read',
    url: () => '/api/catalog/coverage?asOf=2000-01-01',
    ok: 200,
  },
  {
    name: 'export the catalog',
    method: 'GET',
    permission: 'catalog.read',
    url: () => '/api/catalog/export?format=csv&asOf=2000-01-01',
    ok: 200,
  },
  {
    name: 'create a matter',
    method: 'POST',
    permission: 'catalog.write',
    url: () => '/api/catalog/matters',
    payload: (_f, n) => ({
      code: `SCOPE${n}`,
      name: `测试事项${n}`,
      kind: 'inspection',
      domain: '城市管理',
      legalBasis: { law: '《测试条例》', article: '第一条', text: '' },
      sourceDepartment: '测试部门',
      listType: 'comprehensive',
      effectiveFrom: '2026-12-01',
      announcement: '测试公告',
    }),
    ok: 201,
  },
  {
    name: 'new matter version',
    method: 'POST',
    permission: 'catalog.write',
    url: (f) => `/api/catalog/matters/${f.matter}/versions`,
    payload: () => ({ version: 999, effectiveFrom: '2027-01-01', announcement: '测试公告', name: '不会生效' }),
    ok: 409,
  },
  {
    name: 'withdraw a town power',
    method: 'POST',
    permission: 'catalog.write',
    url: () => '/api/catalog/town-powers/withdrawals',
    payload: (f) => ({
      townId: f.zeguo,
      matterIds: ['00000000-0000-4000-8000-000000000000'],
      effectiveFrom: '2027-01-01',
      announcement: '测试公告',
    }),
    ok: 422,
  },
  {
    name: 'publish a list version',
    method: 'POST',
    permission: 'catalog.write',
    url: () => '/api/catalog/lists/minor_no_penalty/versions',
    payload: () => ({ matterIds: [], effectiveFrom: '2027-01-01', announcement: '测试公告', baseVersion: 999 }),
    ok: 409,
  },
  {
    name: 'import matters (dry run)',
    method: 'POST',
    permission: 'catalog.write',
    url: () => `/api/catalog/import?dryRun=true&effectiveFrom=2026-12-01&announcement=${encodeURIComponent('测试')}`,
    raw: () =>
      upload('事项名称,执法领域,划出部门,法律依据\r\n对测试的行政处罚,城市管理,测试部门,《测试条例》第一条\r\n'),
    ok: 200,
  },
  {
    name: 'public catalog',
    method: 'GET',
    permission: 'public',
    url: () => '/api/public/catalog/matters?q=%E5%8D%A0%E7%94%A8',
    ok: 200,
  },
  {
    name: 'public matter page',
    method: 'GET',
    permission: 'public',
    url: (f) => `/api/public/catalog/matters/${f.matter}`,
    ok: 200,
  },
  { name: 'public lists', method: 'GET', permission: 'public', url: () => '/api/public/catalog/lists', ok: 200 },
  { name: 'event categories', method: 'GET', permission: 'event.read', url: () => '/api/events/categories', ok: 200 },
  {
    name: 'change an event category (stale version)',
    method: 'PATCH',
    permission: 'catalog.write',
    url: () => '/api/events/categories/noise',
    payload: () => ({ version: 9999, duplicateRadiusM: 120 }),
    ok: 409,
  },
  { name: 'list events', method: 'GET', permission: 'event.read', url: () => '/api/events?queue=untriaged', ok: 200 },
  {
    name: 'live stream (SSE)',
    method: 'GET',
    permission: 'event.read',
    url: () => '/api/events/stream',
    ok: 200,
    stream: true,
  },
  {
    name: 'my notifications',
    method: 'GET',
    permission: 'event.read',
    url: () => '/api/notifications?unread=true&limit=20',
    ok: 200,
  },
  // Only one's own: a notification addressed to no one here is 404 for everyone allowed to read notifications.
  {
    name: 'mark a notification read',
    method: 'POST',
    permission: 'event.read',
    url: () => '/api/notifications/999999999/read',
    ok: 404,
  },
  { name: 'big screen', method: 'GET', permission: 'event.read', url: () => '/api/command/dashboard', ok: 200 },
  { name: '推诿 per team', method: 'GET', permission: 'event.read', url: () => '/api/command/shirking', ok: 200 },
  { name: 'event map', method: 'GET', permission: 'event.read', url: () => '/api/events/map?days=7', ok: 200 },
  {
    name: 'read own-town event',
    method: 'GET',
    permission: 'event.read',
    town: 'zeguo',
    url: (f) => `/api/events/${f.zeguoEvent}`,
    ok: 200,
  },
  {
    name: 'read other-town event',
    method: 'GET',
    permission: 'event.read',
    town: 'taiping',
    url: (f) => `/api/events/${f.taipingEvent}`,
    ok: 200,
  },
  {
    name: 'what may I do on an other-town event',
    method: 'GET',
    permission: 'event.read',
    town: 'taiping',
    url: (f) => `/api/events/${f.taipingEvent}/actions`,
    ok: 200,
  },
  { name: 'audit records', method: 'GET', permission: 'audit.read', url: () => '/api/audit?limit=5', ok: 200 },
  {
    name: 'audit verification status',
    method: 'GET',
    permission: 'audit.read',
    url: () => '/api/audit/verification',
    ok: 200,
  },
  {
    name: 'duplicates beside another town’s event',
    method: 'GET',
    permission: 'event.report',
    url: (f) => `/api/events/duplicates?category=noise&lng=${f.taipingPoint.lng}&lat=${f.taipingPoint.lat}`,
    ok: 200,
  },
  {
    // The answer names the new report (the reporter's own) and the duplicates offered: only the latter are read.
    name: 'report beside another town’s event (duplicates offered)',
    method: 'POST',
    permission: 'event.report',
    url: () => '/api/events',
    payload: (f, n) => ({ category: 'noise', description: `权限测试${n}`, ...f.taipingPoint }),
    reads: (body) => (body as { duplicates: unknown }).duplicates,
    ok: 201,
  },
  {
    name: 'read a report merged into another town’s event',
    method: 'GET',
    permission: 'event.read',
    town: 'zeguo',
    url: (f) => `/api/events/${f.mergedIntoTaiping}`,
    ok: 200,
  },
  {
    name: 'read an event outside the department’s domains',
    method: 'GET',
    permission: 'event.read',
    town: 'zeguo',
    outsideAgency: true,
    url: (f) => `/api/events/${f.otherDomainEvent}`,
    ok: 200,
  },
  { name: 'list every event', method: 'GET', permission: 'event.read', url: () => '/api/events?limit=200', ok: 200 },
  {
    name: 'list events of another town',
    method: 'GET',
    permission: 'event.read',
    url: (f) => `/api/events?townId=${f.taiping}&limit=200`,
    ok: 200,
  },
  {
    name: 'event map (30 days)',
    method: 'GET',
    permission: 'event.read',
    url: () => '/api/events/map?days=30',
    ok: 200,
  },
  {
    name: 'duplicates before submit',
    method: 'GET',
    permission: 'event.report',
    url: (f) => `/api/events/duplicates?category=noise&lng=${f.zeguoPoint.lng}&lat=${f.zeguoPoint.lat}`,
    ok: 200,
  },
  {
    name: 'report an event',
    method: 'POST',
    permission: 'event.report',
    url: () => '/api/events',
    payload: (f, n) => ({ category: 'other', description: `权限测试${n}`, ...f.zeguoPoint }),
    ok: 201,
  },
  {
    name: 'upload a photo',
    method: 'POST',
    permission: 'event.report',
    url: () => '/api/events/photos?kind=report',
    raw: () => jpegUpload(),
    ok: 201,
  },
  ...(
    [
      ['triage', COMMAND],
      ['dispatch', [...COMMAND, 'team_leader']],
      ['arbitrate', COMMAND],
      ['merge', COMMAND],
      ['dismiss', COMMAND],
    ] as const
  ).map(([step, roles]): Case => ({
    name: `event ${step} (stale version)`,
    method: 'POST',
    permission: 'signed_in',
    roles: [...roles],
    town: 'zeguo',
    url: (f) => `/api/events/${f.zeguoEvent}/${step}`,
    payload: (f) => ({
      version: 9999,
      ...(step === 'arbitrate' ? { justified: false, reason: '测试仲裁' } : {}),
      ...(step === 'merge' ? { masterId: f.taipingEvent } : {}),
      ...(step === 'dismiss' ? { reason: '测试理由' } : {}),
    }),
    ok: 409,
  })),
  ...(
    [
      ['accept', ['officer', 'team_leader']],
      ['return', ['officer', 'team_leader']],
      ['handle', ['officer', 'team_leader']],
      ['recheck', ['officer', 'team_leader']],
      ['verify', ['grid_worker', ...COMMAND]],
    ] as const
  ).map(([step, roles]): Case => ({
    name: `event ${step} (stale version)`,
    method: 'POST',
    permission: 'signed_in',
    roles: [...roles],
    town: 'zeguo',
    url: (f) => `/api/events/${f.zeguoEvent}/${step}`,
    payload: () => ({
      version: 9999,
      ...(step === 'return' ? { reason: '测试理由' } : {}),
      ...(step === 'handle' ? { outcome: 'case_filed', note: '测试' } : {}),
      ...(step === 'recheck' ? { passed: true, note: '测试' } : {}),
      ...(step === 'verify' ? { passed: true } : {}),
    }),
    ok: 409,
  })),
  {
    name: 'urge an event',
    method: 'POST',
    permission: 'signed_in',
    roles: [...COMMAND, 'team_leader', 'supervisor'],
    town: 'zeguo',
    url: (f) => `/api/events/${f.zeguoEvent}/urge`,
    payload: () => ({ note: '请尽快处置' }),
    // A reported event is not yet running: the lifecycle refuses the urge (422), after role and scope.
    ok: 422,
  },
  {
    name: 'rate an event',
    method: 'POST',
    permission: 'signed_in',
    roles: ['grid_worker', ...COMMAND],
    town: 'zeguo',
    url: (f) => `/api/events/${f.zeguoEvent}/rate`,
    payload: () => ({ rating: 5 }),
    ok: 422,
  },
  {
    name: 'assist an event',
    method: 'POST',
    permission: 'signed_in',
    roles: ['officer', 'team_leader'],
    town: 'zeguo',
    url: (f) => `/api/events/${f.zeguoEvent}/assist`,
    payload: () => ({ note: '协助' }),
    ok: 422,
  },
  // Intake channels: machine clients authenticate with their own key or signature, never a session, so every role
  // (and no session) gets the same answer; Open311 reads and the citizen's token pages are public.
  { name: 'Open311 services', method: 'GET', permission: 'public', url: () => '/open311/v2/services.json', ok: 200 },
  {
    name: 'Open311 services (XML)',
    method: 'GET',
    permission: 'public',
    url: () => '/open311/v2/services.xml',
    ok: 200,
  },
  {
    name: 'Open311 service definition',
    method: 'GET',
    permission: 'public',
    url: () => '/open311/v2/services/noise.json',
    ok: 200,
  },
  { name: 'Open311 requests', method: 'GET', permission: 'public', url: () => '/open311/v2/requests.json', ok: 200 },
  {
    name: 'Open311 one request',
    method: 'GET',
    permission: 'public',
    url: (f) => `/open311/v2/requests/${f.citizenNo}.xml`,
    ok: 200,
  },
  {
    name: 'Open311 token',
    method: 'GET',
    permission: 'public',
    url: (f) => `/open311/v2/tokens/${f.citizenToken}.json`,
    ok: 200,
  },
  {
    name: 'Open311 submit without api_key (a session is not a key)',
    method: 'POST',
    permission: 'public',
    url: () => '/open311/v2/requests.json',
    payload: (f) => ({ service_code: 'noise', lat: f.zeguoPoint.lat, long: f.zeguoPoint.lng }),
    ok: 403, // GeoReport v2's status for a missing api_key
  },
  {
    name: 'hotline ticket without X-Api-Key (a session is not a key)',
    method: 'POST',
    permission: 'public',
    url: () => '/api/hotline/tickets',
    payload: (f, n) => ({ category: 'noise', description: '测试', ...f.zeguoPoint, externalId: `SCOPE-${n}` }),
    ok: 401,
  },
  {
    name: 'video-AI webhook unsigned (a session is not a signature)',
    method: 'POST',
    permission: 'public',
    url: () => '/api/webhooks/video-ai',
    payload: (f) => ({ alarmId: 'SCOPE', type: 'illegal_parking', cameraId: 'C', ...f.zeguoPoint }),
    ok: 401,
  },
  {
    name: 'import hotline tickets (dry run)',
    method: 'POST',
    permission: 'event.command',
    url: () => '/api/events/hotline/import?dryRun=true',
    raw: () =>
      upload('工单号,来电时间,诉求类别,诉求内容,经度,纬度\r\nSCOPE-1,2026-11-21 09:30,noise,测试,121.42,28.40\r\n'),
    ok: 200,
  },
  {
    name: 'hotline template',
    method: 'GET',
    permission: 'event.command',
    url: () => '/api/events/hotline/template.xlsx',
    ok: 200,
  },
  {
    name: 'follow an event by token',
    method: 'GET',
    permission: 'public',
    url: (f) => `/api/public/events/${f.citizenToken}`,
    ok: 200,
  },
  {
    name: 'verify by token (not yet handled)',
    method: 'POST',
    permission: 'public',
    url: (f) => `/api/public/events/${f.citizenToken}/verify`,
    payload: () => ({ passed: true }),
    ok: 422,
  },
  {
    name: 'rate by token (not yet closed)',
    method: 'POST',
    permission: 'public',
    url: (f) => `/api/public/events/${f.citizenToken}/rate`,
    payload: () => ({ rating: 5 }),
    ok: 422,
  },
  // Penalty cases: a town team sees its town's cases only, by id too (404); every step route checks role, then scope.
  { name: 'list cases', method: 'GET', permission: 'case.read', url: () => '/api/cases?limit=200', ok: 200 },
  { name: 'case queue', method: 'GET', permission: 'case.read', url: () => '/api/cases?queue=approve', ok: 200 },
  {
    name: 'read own-town case',
    method: 'GET',
    permission: 'case.read',
    town: 'zeguo',
    url: (f) => `/api/cases/${f.zeguoCase}`,
    ok: 200,
  },
  {
    name: 'read other-town case',
    method: 'GET',
    permission: 'case.read',
    town: 'taiping',
    url: (f) => `/api/cases/${f.taipingCase}`,
    ok: 200,
  },
  {
    name: 'what may I do on an other-town case',
    method: 'GET',
    permission: 'case.read',
    town: 'taiping',
    url: (f) => `/api/cases/${f.taipingCase}/actions`,
    ok: 200,
  },
  {
    name: 'open a case',
    method: 'POST',
    permission: 'case.handle',
    town: 'zeguo',
    otherTown: 403,
    url: () => '/api/cases',
    payload: (f) => ({
      matterId: f.caseMatter,
      townId: f.zeguo,
      act: { date: '2026-11-20', discoveredOn: '2026-11-21' },
      party: null,
      summary: '权限测试用案件',
    }),
    ok: 201,
  },
  ...CASE_STEP_ACTIONS.map((action): Case => ({
    name: `case ${action} (stale version)`,
    method: 'POST',
    permission: permissionFor(CASE_PROCEDURE, action)!,
    town: 'zeguo',
    url: (f) => `/api/cases/${f.zeguoCase}/steps/${action}`,
    payload: () => caseStepBody(action, 9999),
    ok: 409,
  })),
  // User accounts (administrators): the target is a fixture account, so no demo login under test is touched.
  { name: 'list user accounts', method: 'GET', permission: 'user.admin', url: () => '/api/admin/users', ok: 200 },
  {
    name: 'read a user account',
    method: 'GET',
    permission: 'user.admin',
    url: (f) => `/api/admin/users/${f.account.id}`,
    ok: 200,
  },
  {
    name: 'create a user account',
    method: 'POST',
    permission: 'user.admin',
    url: () => '/api/admin/users',
    payload: (_f, n) => ({ username: `scope.t${n}`, displayName: `权限测试${n}`, role: 'officer' }),
    ok: 201,
  },
  {
    name: 'edit a user account',
    method: 'PATCH',
    permission: 'user.admin',
    url: (f) => `/api/admin/users/${f.account.id}`,
    payload: (f, n) => ({ version: f.account.version, displayName: `权限测试账号${n}` }),
    ok: 200,
  },
  {
    name: 'disable a user account',
    method: 'POST',
    permission: 'user.admin',
    url: (f) => `/api/admin/users/${f.account.id}/disable`,
    payload: (f) => ({ version: f.account.version }),
    ok: 200,
  },
  {
    name: 're-enable a user account',
    method: 'POST',
    permission: 'user.admin',
    url: (f) => `/api/admin/users/${f.account.id}/enable`,
    payload: (f) => ({ version: f.account.version }),
    ok: 200,
  },
  {
    name: 'reset a password',
    method: 'POST',
    permission: 'user.admin',
    url: (f) => `/api/admin/users/${f.account.id}/reset-password`,
    payload: (f) => ({ version: f.account.version }),
    ok: 200,
  },
  {
    name: 'unlock a user account',
    method: 'POST',
    permission: 'user.admin',
    url: (f) => `/api/admin/users/${f.account.id}/unlock`,
    ok: 200,
  },
  { name: 'health', method: 'GET', permission: 'public', url: () => '/api/health', ok: 200 },
  { name: 'readiness', method: 'GET', permission: 'public', url: () => '/api/ready', ok: 200 },
  { name: 'public settings', method: 'GET', permission: 'public', url: () => '/api/config/public', ok: 200 },
  { name: 'OpenAPI document', method: 'GET', permission: 'public', url: () => '/api/docs/json', ok: 200 },
  // Last, because it ends the session the following cases would use.
  { name: 'log out', method: 'POST', permission: 'signed_in', url: () => '/api/auth/logout', ok: 204 },
];

/** A multipart/form-data body with one CSV `file` field. */
function upload(csv: string) {
  const b = 'oe-test-boundary';
  const payload = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${b}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** A multipart body with a tiny JPEG `file` field. */
function jpegUpload() {
  const b = 'oe-test-boundary';
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
  const payload = Buffer.concat([
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    jpeg,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { payload: payload as unknown as string, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Expected status for one role on one case: 403 without the permission, 404 outside the data scope, else ok. */
function expected(user: (typeof USERS)[number], c: Case): number {
  if (c.permission !== 'public' && c.permission !== 'signed_in' && !can(user.role, c.permission)) return 403;
  if (c.roles && !c.roles.includes(user.role)) return 403;
  if (c.town && user.town && c.town !== user.town) return c.otherTown ?? 404;
  if (c.outsideAgency && user.role === 'department_staff') return 404;
  return c.ok;
}

/** The centre of a polygon's bounding box (demo grids are convex). */
function centre(geometry: { coordinates: number[][][] }) {
  const ring = geometry.coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return { lng: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 };
}

describe.each(DRIVERS)('every endpoint × every role on %s', (driver) => {
  let s: TestServer;
  let f: Fixture;
  const cookies = new Map<string, string>();
  /** A session of its own for fixture reads: the admin under test logs out at the end of its row. */
  let fixtureAdmin: string;

  beforeAll(async () => {
    s = await testServer(driver);
    const admin = (fixtureAdmin = await s.login('admin'));
    const get = async (url: string) => (await s.call({ method: 'GET', url, cookie: admin })).json();
    const towns = (await get('/api/org/regions?level=town&limit=50')).items as { id: string; name: string }[];
    const zeguo = towns.find((t) => t.name === '泽国镇')!.id;
    const taiping = towns.find((t) => t.name === '太平街道')!.id;
    const person = async (town: string) => (await get(`/api/org/people?townId=${town}&role=officer&limit=1`)).items[0];
    const zp = await person(zeguo);
    const tp = await person(taiping);
    const cert = async (p: { id: string }) => (await get(`/api/org/certificates?personId=${p.id}`)).items[0];
    const team = (await get('/api/org/teams?limit=1')).items[0];
    const grids = await get(`/api/org/map/grids?townId=${zeguo}`);
    f = {
      zeguo,
      taiping,
      zeguoPerson: zp,
      taipingPerson: tp,
      zeguoCert: await cert(zp),
      taipingCert: await cert(tp),
      agency: (await get('/api/org/agencies?limit=1')).items[0],
      team,
      grid: grids.features[0].id,
      village: grids.features[0].properties.villageId,
      matter: (await get('/api/catalog/matters?q=%E5%8D%A0%E7%94%A8&limit=1')).items[0].id,
      zeguoPoint: centre(grids.features[0].geometry),
      zeguoEvent: '',
      taipingPoint: { lng: 0, lat: 0 },
      mergedIntoTaiping: '',
      otherDomainEvent: '',
      taipingEvent: '',
      citizenNo: '',
      citizenToken: '',
      account: { id: '', version: 0 },
      zeguoCase: '',
      taipingCase: '',
      caseMatter: '',
    };
    const taipingGrids = await get(`/api/org/map/grids?townId=${taiping}`);
    const report = async (point: { lng: number; lat: number }, category = 'noise') =>
      (
        await s.call({
          method: 'POST',
          url: '/api/events',
          cookie: admin,
          payload: { category, description: '权限测试用事件', ...point },
        })
      ).json().event.id as string;
    f.zeguoEvent = await report(f.zeguoPoint);
    f.taipingPoint = centre(taipingGrids.features[0].geometry);
    f.taipingEvent = await report(f.taipingPoint);
    f.mergedIntoTaiping = await report(f.zeguoPoint);
    const merged = await s.call({
      method: 'POST',
      url: `/api/events/${f.mergedIntoTaiping}/merge`,
      cookie: admin,
      payload: { version: 1, masterId: f.taipingEvent },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    f.otherDomainEvent = await report(f.zeguoPoint, 'street_vending');
    // What each login may see, from the organisation (SPEC §2), to judge the answers by their content.
    const rows = await s.database.query<{
      id: string;
      username: string;
      role: string;
      scope_town_id: string | null;
      domains: string[] | null;
    }>(`SELECT u.id, u.username, u.role, u.scope_town_id, COALESCE(pa.domains, ta.domains) AS domains
          FROM users u LEFT JOIN people p ON p.id = u.person_id LEFT JOIN agencies pa ON pa.id = p.agency_id
          LEFT JOIN teams t ON t.id = u.scope_team_id LEFT JOIN agencies ta ON ta.id = t.agency_id`);
    for (const r of rows)
      readers.set(r.username, {
        userId: r.id,
        town: r.scope_town_id,
        domains: r.role === 'department_staff' ? (r.domains ?? []) : null,
      });
    const [other] = await s.database.query<{ domain: string | null }>(
      'SELECT m.domain FROM events e JOIN matters m ON m.id = e.matter_id WHERE e.id = $1',
      [f.otherDomainEvent],
    );
    expect(readers.get('dept')!.domains!.length).toBeGreaterThan(0);
    expect(readers.get('dept')!.domains).not.toContain(other!.domain);
    const citizen = await s.call({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: 'demo-open311-key', service_code: 'noise', lat: f.zeguoPoint.lat, long: f.zeguoPoint.lng },
    });
    f.citizenNo = citizen.json()[0].service_request_id;
    f.citizenToken = citizen.json()[0].token;
    const account = await s.call({
      method: 'POST',
      url: '/api/admin/users',
      cookie: admin,
      payload: { username: 'scope.target', displayName: '权限测试账号', role: 'officer', scopeTownId: zeguo },
    });
    f.account = account.json().user;
    const cw = await caseWorld(s);
    f.caseMatter = cw.matterId;
    f.zeguoCase = (await buildCase(s, cw, 'investigating')).id;
    f.taipingCase = (await buildCase(s, { ...cw, townId: taiping }, 'lead')).id;
    for (const u of USERS) cookies.set(u.username, await s.login(u.username));
  });
  afterAll(async () => {
    // The figure the issue measures (242 of 3,410 reads before): out-of-scope reads, judged by content.
    console.log(`[scope] ${driver}: ${tally.reads} answers read by content, ${tally.outOfScope} out of scope`);
    await s?.close();
  });

  /** What each login may see: its town (null: every town) and, for department staff, the agency's domains. */
  const readers = new Map<string, { userId: string; town: string | null; domains: string[] | null }>();
  const tally = { reads: 0, outOfScope: 0 };

  /**
   * The records an answer names that lie outside the reader's scope: every event it names by id (looked up in the
   * database: its town, domain and reporter) and every grid boundary it carries. Checked by content, not status.
   */
  async function outOfScope(username: string, body: unknown): Promise<string[]> {
    const reader = readers.get(username)!;
    const ids = new Set<string>();
    const grids: { id: string; townId: string }[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string' && UUID.test(v)) ids.add(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as { type?: unknown; id?: unknown; properties?: { townId?: unknown } };
        if (o.type === 'Feature' && typeof o.properties?.townId === 'string')
          grids.push({ id: String(o.id), townId: o.properties.townId });
        Object.values(v).forEach(walk);
      }
    };
    walk(body);
    const events =
      ids.size === 0
        ? []
        : await s.database.query<{
            id: string;
            town_id: string | null;
            domain: string | null;
            reporter: string | null;
          }>(
            // The domain of the event's matter, from the catalog (not the events' own copy of it).
            `SELECT e.id, e.town_id, m.domain, e.reporter_user_id AS reporter
               FROM events e LEFT JOIN matters m ON m.id = e.matter_id WHERE e.id = ANY($1::uuid[])`,
            [[...ids]],
          );
    const visible = (e: (typeof events)[number]) =>
      (reader.town === null || e.town_id === reader.town) &&
      (reader.domains === null ||
        (e.domain !== null && reader.domains.includes(e.domain)) ||
        e.reporter === reader.userId);
    const cases =
      ids.size === 0
        ? []
        : await s.database.query<{ id: string; town_id: string | null }>(
            'SELECT id, town_id FROM cases WHERE id = ANY($1::uuid[])',
            [[...ids]],
          );
    return [
      ...cases
        .filter((k) => reader.town !== null && k.town_id !== reader.town)
        .map((k) => `case ${k.id} (town ${k.town_id})`),
      ...events.filter((e) => !visible(e)).map((e) => `event ${e.id} (town ${e.town_id}, domain ${e.domain})`),
      ...grids.filter((g) => reader.town !== null && g.townId !== reader.town).map((g) => `grid ${g.id}`),
    ];
  }

  it.each(CASES)('$method $name: 401 without a session (public: as signed in)', async (c) => {
    const res = await s.call({
      method: c.method,
      url: c.url(f),
      ...(c.raw?.() ?? { payload: c.payload?.(f, 0) as never }),
    });
    if (c.permission === 'public') return expect(res.statusCode).toBe(c.ok);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_REQUIRED');
  });

  let n = 1;
  for (const u of USERS) {
    it.each(CASES)(`${u.username} ($method $name)`, async (c) => {
      const want = expected(u, c);
      if (c.method === 'PATCH' && c.url(f).includes('/api/org/people/')) {
        // Always send the current version, so only authorization and scope decide.
        const cur = (await s.call({ method: 'GET', url: c.url(f), cookie: fixtureAdmin })).json();
        f.taipingPerson.version = cur.version;
      }
      if (c.method !== 'GET' && c.url(f).startsWith(`/api/admin/users/${f.account.id}`)) {
        const cur = (
          await s.call({ method: 'GET', url: `/api/admin/users/${f.account.id}`, cookie: fixtureAdmin })
        ).json();
        f.account.version = cur.version;
      }
      if (c.stream && want === 200) {
        // The stream never ends by itself: the head decides; the body is dropped (app close ends the stream).
        const res = await s.app.inject({
          method: c.method,
          url: c.url(f),
          headers: { cookie: cookies.get(u.username)! },
          payloadAsStream: true,
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('text/event-stream');
        res.stream().destroy();
        return;
      }
      const res = await s.call({
        method: c.method,
        url: c.url(f),
        cookie: cookies.get(u.username)!,
        // Only payloads that number their records take a number (a region code has room for 500 of them).
        ...(c.raw?.() ?? { payload: c.payload?.(f, c.payload.length > 1 ? n++ : n) as never }),
      });
      // Every answer a reader gets is judged by its content too: nothing outside their scope, by id or in a list.
      const read =
        (c.method === 'GET' || c.reads) && res.statusCode < 300 && String(res.headers['content-type']).includes('json');
      const leaks = read ? await outOfScope(u.username, (c.reads ?? ((b) => b))(res.json())) : [];
      if (read) tally.reads += 1;
      tally.outOfScope += leaks.length > 0 ? 1 : 0;
      expect({ status: res.statusCode, body: res.statusCode === want ? null : res.body }).toEqual({
        status: want,
        body: null,
      });
      expect(leaks).toEqual([]);
      // Open311 speaks its own error shape: [{code, description: "中文 / English"}].
      if (want >= 400 && c.url(f).startsWith('/open311/'))
        expect(res.json()).toEqual([{ code: want, description: expect.stringMatching(/ \/ /) }]);
      else if (want >= 400)
        expect(res.json()).toMatchObject({
          code: expect.any(String),
          message: { zh: expect.any(String), en: expect.any(String) },
        });
    });
  }

  it('a town user lists only their own town, whatever filter they pass', async () => {
    const officer = await s.login('officer');
    const own = (await s.call({ method: 'GET', url: '/api/org/people?limit=200', cookie: officer })).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(new Set(own.items.map((p: { townId: string }) => p.townId))).toEqual(new Set([f.zeguo]));
    const other = (await s.call({ method: 'GET', url: `/api/org/people?townId=${f.taiping}`, cookie: officer })).json();
    expect(other.items).toEqual([]);
    const certs = (await s.call({ method: 'GET', url: '/api/org/certificates?limit=200', cookie: officer })).json();
    expect(certs.items.every((c: { townId: string }) => c.townId === f.zeguo)).toBe(true);
  });

  it('masks phone and ID numbers for readers who do not administer people', async () => {
    const officer = (
      await s.call({ method: 'GET', url: `/api/org/people/${f.zeguoPerson.id}`, cookie: await s.login('officer') })
    ).json();
    expect(officer.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(officer.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const admin = (
      await s.call({ method: 'GET', url: `/api/org/people/${f.zeguoPerson.id}`, cookie: fixtureAdmin })
    ).json();
    expect(admin.phone).toMatch(/^1\d{10}$/);
  });
});
