import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { EVENT_CATEGORIES, type EventSource, type EventStatus } from '@openenforce/domain/events';
import { events, eventSteps } from '../src/events/events.schema.ts';
import type { EventInsert } from '../src/events/events.repository.ts';
import { people } from '../src/organization/organization.schema.ts';
import { users } from '../src/platform/auth/auth.schema.ts';
import { pointIn } from './events-support.ts';
import {
  usccCheckChar,
  type CaseActor,
  type CaseOfficer,
  type CaseState,
  type PartyInput,
} from '@openenforce/domain/cases';
import { chinaDate } from '@openenforce/domain/common';
import { permissionsOf, type Role } from '@openenforce/domain/organization';
import { caseFacts, driveCase, type CaseCast } from '../src/cases/index.ts';
import { loadOfficers } from '../src/organization/index.ts';
import type { TestServer } from './harness.ts';

/*
 * Test data factories (Outline's buildUser/buildDocument style): put an aggregate in any state directly, in one
 * insert, so that a test of the tenth step does not walk the first nine over HTTP. Columns are filled as the
 * lifecycle would have left them in that state; `over` sets anything else.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The demo people a test usually needs: the grid worker's grid and town, the officer's team, a matter. */
export interface EventWorld {
  gridWorkerId: string;
  gridId: string;
  villageId: string;
  townId: string;
  teamId: string;
  matterId: string;
  /** The matter's domain, which events of the matter carry (a county agency's data scope). */
  domain: string;
  spot: { lng: number; lat: number };
}

async function userRow(s: TestServer, username: string) {
  const [u] = await s.database.db
    .select({ id: users.id, teamId: users.scopeTeamId, personId: users.personId })
    .from(users)
    .where(eq(users.username, username));
  return u!;
}

/** Where events of the demo county's grid worker happen, and who handles them there. */
export async function eventWorld(s: TestServer): Promise<EventWorld> {
  const grid = await userRow(s, 'gridworker');
  const [person] = await s.database.db
    .select({ gridId: people.gridId })
    .from(people)
    .where(eq(people.id, grid.personId!));
  const spot = await pointIn(s, person!.gridId!);
  const loc = s.services.directory.locate(spot.lng, spot.lat)!;
  const officer = await userRow(s, 'officer');
  const category = EVENT_CATEGORIES.find((c) => c.code === 'exposed_garbage')!;
  const matter = await s.services.catalog.matterByName(category.matterName!);
  return {
    gridWorkerId: grid.id,
    gridId: loc.grid.id,
    villageId: loc.village.id,
    townId: loc.town.id,
    teamId: officer.teamId!,
    matterId: matter!.id,
    domain: matter!.domain,
    spot,
  };
}

/** The columns an event has once it has reached `status` along the usual path. */
function stateColumns(status: EventStatus, w: EventWorld, at: Date): Partial<EventInsert> {
  const triaged = { matterId: w.matterId, domain: w.domain, teamId: w.teamId, triagedAt: at };
  const deadline = new Date(at.getTime() + 24 * HOUR);
  const dispatched = { ...triaged, dispatchedAt: at, deadline, warnAt: new Date(at.getTime() + 18 * HOUR) };
  switch (status) {
    case 'reported':
      // Intake already found the category's matter.
      return { matterId: w.matterId, domain: w.domain };
    case 'triaged':
      return triaged;
    case 'dispatched':
    case 'returned':
      return dispatched;
    case 'accepted':
      return { ...dispatched, acceptedAt: at };
    case 'rectifying':
      return { ...dispatched, acceptedAt: at, outcome: 'rectification', handledAt: at };
    case 'handled':
      return { ...dispatched, acceptedAt: at, outcome: 'fixed_on_site', handledAt: at };
    case 'closed':
      return { ...dispatched, acceptedAt: at, outcome: 'fixed_on_site', handledAt: at, closedAt: at, onTime: true };
    case 'merged':
      return { closedAt: at };
  }
}

/**
 * An event of the grid worker's grid in `status`, with its report step on the timeline. `over` overrides any
 * column (a source, a reporter, a team, a deadline in the past).
 */
export async function buildEvent(
  s: TestServer,
  w: EventWorld,
  status: EventStatus = 'reported',
  over: Partial<EventInsert> = {},
) {
  const at = s.clock.now();
  const source: EventSource = (over.source as EventSource | undefined) ?? 'grid_worker';
  const row: EventInsert = {
    id: randomUUID(),
    source,
    category: 'exposed_garbage',
    description: '测试事件：路边暴露垃圾',
    urgency: 'normal',
    lng: w.spot.lng,
    lat: w.spot.lat,
    townId: w.townId,
    villageId: w.villageId,
    gridId: w.gridId,
    status,
    reportedAt: at,
    reporterUserId: source === 'grid_worker' ? w.gridWorkerId : null,
    createdAt: at,
    updatedAt: at,
    ...stateColumns(status, w, at),
    ...over,
  };
  const [saved] = await s.database.db.insert(events).values(row).returning();
  await s.database.db.insert(eventSteps).values({
    subjectId: saved!.id,
    at,
    action: 'report',
    toStatus: 'reported',
    actorId: row.reporterUserId ?? null,
    actorRole: source === 'grid_worker' ? 'grid_worker' : 'system',
  });
  return saved!;
}

// ── Penalty cases ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Who works the demo county's cases in 泽国镇 (the officer's town team), as the domain and the API know them. */
export interface CaseWorld extends EventWorld {
  cast: CaseCast;
  /** Logins: the town team's officer, a leader of the same team (made here), the county's legal reviewer. */
  users: { officer: string; leader: string; reviewer: string; officer2: string };
  /** The user ids and names of the cast, for timeline rows. */
  names: Record<'officer' | 'leader' | 'reviewer', string>;
}

/** A valid resident identity number (GB 11643 check digit) born on `birth` (YYYYMMDD), serial `serial` (3 digits). */
export function idNumber(birth = '19800101', serial = '123'): string {
  const first17 = `331081${birth}${serial}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A valid unified social credit code (GB 32100 check character) for the 17 leading characters given. */
export const uscc = (first17 = '91331081MA2AXXXX0') => first17 + usccCheckChar(first17)!;

export async function caseWorld(s: TestServer): Promise<CaseWorld> {
  const w = await eventWorld(s);
  const db = s.database.db;
  const officer = await userRow(s, 'officer');
  const reviewer = await userRow(s, 'reviewer');
  const team = await db.select({ id: people.id, role: people.role }).from(people).where(eq(people.teamId, w.teamId));
  const officers = await loadOfficers(
    db,
    team.filter((p) => p.role === 'officer').map((p) => p.id),
    '2026-01-01',
  );
  const certified = (o: CaseOfficer) =>
    !o.isAuxiliary && o.certificates.some((c) => c.domains.includes(w.domain) && c.validTo >= '2027-12-31');
  const mine = officers.find((o) => o.personId === officer.personId)!;
  const others = officers.filter((o) => o.personId !== officer.personId && certified(o));
  // A leader of the town team: a login for the team's leader (the demo's `leader` leads the county team).
  const leaderPerson = team.find((p) => p.role === 'team_leader')!;
  const [template] = await db.select().from(users).where(eq(users.username, 'officer'));
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.username, 'townleader'));
  const leaderId =
    existing[0]?.id ??
    (
      await db
        .insert(users)
        .values({
          username: 'townleader',
          passwordHash: template!.passwordHash,
          displayName: '泽国镇负责人',
          role: 'team_leader',
          personId: leaderPerson.id,
          scopeTownId: w.townId,
          scopeTeamId: w.teamId,
          mustChangePassword: template!.mustChangePassword,
        })
        .returning({ id: users.id })
    )[0]!.id;
  const actor = (role: Role, userId: string, personId: string | null, teamIds: string[]): CaseActor => ({
    role,
    permissions: permissionsOf(role),
    userId,
    personId,
    teamIds,
    isAuxiliary: false,
  });
  return {
    ...w,
    cast: {
      officer: actor('officer', officer.id, officer.personId, [w.teamId]),
      leader: actor('team_leader', leaderId, leaderPerson.id, [w.teamId]),
      reviewer: actor('legal_reviewer', reviewer.id, reviewer.personId, []),
      investigators: [mine, others[0]!],
    },
    users: { officer: 'officer', leader: 'townleader', reviewer: 'reviewer', officer2: 'officer2' },
    names: { officer: '王永勇', leader: '泽国镇负责人', reviewer: '法制审核员' },
  };
}

/**
 * A case of 泽国镇 in `state`, opened at `start` (default: 40 days before the tests' now) and driven along the usual
 * legal path through the domain (each step decided, its clocks applied), so that its timeline is one the API would
 * have accepted. `party` overrides the citizen party (a valid ID number by default).
 */
export async function buildCase(
  s: TestServer,
  w: CaseWorld,
  state: CaseState = 'lead',
  o: { start?: Date; party?: Partial<PartyInput> } = {},
) {
  const start = o.start ?? new Date(s.clock.now().getTime() - 40 * DAY);
  const day = (n: number) => chinaDate(new Date(start.getTime() + n * DAY));
  return s.database.db.transaction(async (tx) => {
    const row = await s.services.cases.openFromEvent(
      tx,
      {
        source: 'direct',
        matterId: w.matterId,
        townId: w.townId,
        act: {
          date: day(-2),
          endDate: null,
          discoveredOn: day(-1),
          place: '泽国镇',
          harmToLifeHealthSafetyFinance: false,
        },
        party: {
          kind: 'citizen',
          name: '陈某某',
          idNumber: idNumber(),
          address: '温岭市泽国镇',
          priorViolations: 0,
          electronicServiceConsent: false,
          ...o.party,
        },
        summary: '测试案件：随意倾倒生活垃圾',
        flags: [],
        discretion: { tier: 'first', circumstance: 'ordinary', factors: [] },
      },
      { audit: { id: w.cast.officer.userId, role: 'officer', clientIp: null, requestId: null }, name: w.names.officer },
      start,
    );
    if (state === 'lead') return row;
    const facts = caseFacts({ status: row.status, facts: row.facts }, null, s.services.calendar.calendar);
    const { steps } = driveCase(facts, state, w.cast, new Date(start.getTime() + HOUR));
    return s.services.cases.writeDriven(
      tx,
      row.id,
      steps.map((st) => ({ input: st.input, actor: w.cast[st.who], name: w.names[st.who], at: st.at })),
    );
  });
}
