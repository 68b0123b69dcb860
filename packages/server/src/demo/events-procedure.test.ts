import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_PROCEDURE, type EventStatus, type StepInput } from '@openenforce/domain/events';
import { permissionsOf, ROLES, type Role } from '@openenforce/domain/organization';
import { rowFor } from '@openenforce/domain/workflow';
import { DRIVERS, testDatabase } from '../../test/harness.ts';
import type { Database } from '../platform/db/index.ts';

/*
 * The demo year is planned by its own generator (fast, set-based), so it is checked here against the one procedure:
 * every step of every seeded event is a row of EVENT_PROCEDURE from the status it started in, taken by a role that
 * holds the row's permission, and ends in the status the row names for its input. A demo that drifted from the
 * lifecycle fails here rather than showing impossible histories.
 */

interface Step {
  event_id: string;
  action: string;
  from_status: EventStatus | null;
  to_status: EventStatus;
  actor_role: string;
  detail: Record<string, unknown> | null;
}

/** The part of a step's input that the row's `to` reads, from what the timeline recorded. */
function inputOf(s: Step): StepInput {
  const d = s.detail ?? {};
  switch (s.action) {
    case 'handle':
      return { action: 'handle', outcome: d['outcome'] as never };
    case 'recheck':
    case 'verify':
      return { action: s.action, passed: d['passed'] === true };
    default:
      return { action: s.action } as StepInput;
  }
}

describe.each(DRIVERS)('the demo year on %s follows the event procedure', (driver) => {
  let database: Database;
  let steps: Step[];
  beforeAll(async () => {
    database = await testDatabase(driver);
    steps = await database.query<Step>(
      `SELECT event_id, action, from_status, to_status, actor_role, detail FROM event_steps
        WHERE action NOT IN ('report', 'escalate') ORDER BY event_id, id`,
    );
  });
  afterAll(() => database?.close());

  it('has thousands of steps of every action to check', () => {
    expect(steps.length).toBeGreaterThan(10_000);
    expect(new Set(steps.map((s) => s.action))).toEqual(
      new Set([
        'triage',
        'dispatch',
        'accept',
        'return',
        'arbitrate',
        'handle',
        'recheck',
        'verify',
        'rate',
        'merge',
        'dismiss',
        'urge',
      ]),
    );
  });

  it('every step is a row of the procedure, by a role that may take it, to the status the row names', () => {
    const wrong: string[] = [];
    for (const s of steps) {
      const row = rowFor(EVENT_PROCEDURE, s.from_status!, s.action as StepInput['action']);
      if (!row) {
        wrong.push(`${s.event_id}: ${s.action} from ${s.from_status}`);
        continue;
      }
      if (
        !(ROLES as readonly string[]).includes(s.actor_role) ||
        !permissionsOf(s.actor_role as Role).includes(row.permission)
      )
        wrong.push(`${s.event_id}: ${s.action} by ${s.actor_role}`);
      const to =
        typeof row.to === 'function'
          ? (row.to as (c: { input: StepInput; state: EventStatus }) => EventStatus)({
              input: inputOf(s),
              state: s.from_status!,
            })
          : row.to === 'same'
            ? s.from_status
            : row.to;
      if (to !== s.to_status)
        wrong.push(`${s.event_id}: ${s.action} ${s.from_status} → ${s.to_status}, procedure says ${to}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
