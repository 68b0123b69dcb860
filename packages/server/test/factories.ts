import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { EVENT_CATEGORIES, type EventSource, type EventStatus } from '@openenforce/domain/events';
import { events, eventSteps } from '../src/events/events.schema.ts';
import type { EventInsert } from '../src/events/events.repository.ts';
import { people } from '../src/organization/organization.schema.ts';
import { users } from '../src/platform/auth/auth.schema.ts';
import { pointIn } from './events-support.ts';
import type { TestServer } from './harness.ts';

/*
 * Test data factories (Outline's buildUser/buildDocument style): put an aggregate in any state directly, in one
 * insert, so that a test of the tenth step does not walk the first nine over HTTP. Columns are filled as the
 * lifecycle would have left them in that state; `over` sets anything else.
 */

const HOUR = 3_600_000;

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
