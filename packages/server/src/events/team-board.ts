import { and, eq, inArray, sql } from 'drizzle-orm';
import { ROLE_LABELS, type Role } from '@openenforce/domain/organization';
import { teamAndBelow, teamMembers, teamNames } from '../organization/index.ts';
import { authRepository } from '../platform/auth/auth.repository.ts';
import type { Db } from '../platform/db/index.ts';
import { events, eventSteps } from './events.schema.ts';
import { levelNow } from './sla.ts';

/** A team's tasks in hand: dispatched to it (led or assisted) and not yet handled. */
const IN_HAND = ['dispatched', 'accepted', 'rectifying'] as const;
const TASK_LIMIT = 500;
/** The steps by which a member takes a task in hand. */
const HANDS_ON = ['accept', 'handle', 'recheck', 'assist'] as const;

/**
 * The team leader's board (SPEC persona 负责人): who is on the team and which of the team's open tasks each has in
 * hand (the tasks on whose timeline they took a step). Whether someone is on leave or on duty is not recorded
 * anywhere yet (no attendance or leave data), so the board says so instead of guessing.
 */
export async function teamBoard(db: Db, teamId: string, now: Date) {
  // A brigade's leader leads its squads too (the same tree the data scope uses).
  const teamIds = await teamAndBelow(db, teamId);
  const [members, names] = await Promise.all([teamMembers(db, teamIds), teamNames(db, teamIds)]);
  const logins = await authRepository.usersOfPeople(
    db,
    members.map((m) => m.id),
  );
  const userIds = [...logins.values()];
  const ofTeams = sql`(${events.teamId} IN (${sql.join(
    teamIds.map((t) => sql`${t}::uuid`),
    sql`, `,
  )}) OR ${events.assistingTeamIds} && ARRAY[${sql.join(
    teamIds.map((t) => sql`${t}`),
    sql`, `,
  )}]::uuid[])`;
  // The tasks in hand, the nearest deadline first (a team has tens, not thousands: the limit is a guard).
  const tasks = (
    await db
      .select()
      .from(events)
      .where(and(ofTeams, inArray(events.status, [...IN_HAND])))
      .orderBy(sql`${events.deadline} ASC NULLS LAST`, events.seq)
      .limit(TASK_LIMIT)
  ).map((e) => levelNow(e, now)!);
  const rows = userIds.length
    ? await db
        .selectDistinct({ actorId: eventSteps.actorId, eventId: events.id })
        .from(eventSteps)
        .innerJoin(events, eq(events.id, eventSteps.subjectId))
        .where(
          and(
            ofTeams,
            inArray(events.status, [...IN_HAND]),
            inArray(eventSteps.action, [...HANDS_ON]),
            inArray(eventSteps.actorId, userIds),
          ),
        )
    : [];
  const byUser = new Map<string, string[]>();
  for (const r of rows) byUser.set(r.actorId!, [...(byUser.get(r.actorId!) ?? []), r.eventId]);
  const taskNames = await teamNames(
    db,
    tasks.map((t) => t.teamId),
  );
  return {
    teamId,
    tasks: tasks.map((e) => ({ e, teamName: e.teamId ? (taskNames.get(e.teamId) ?? null) : null })),
    overdue: tasks.filter((e) => e.escalation === 'red').length,
    warning: tasks.filter((e) => e.escalation === 'yellow').length,
    teamName: names.get(teamId) ?? null,
    /** No leave or attendance records exist yet: who is out cannot be told. */
    attendanceRecorded: false,
    members: members.map((m) => {
      const userId = logins.get(m.id) ?? null;
      const tasks = userId ? (byUser.get(userId) ?? []) : [];
      return {
        personId: m.id,
        name: m.name,
        role: m.role,
        roleLabel: ROLE_LABELS[m.role as Role] ?? { zh: m.role, en: m.role },
        teamName: m.teamId ? (names.get(m.teamId) ?? null) : null,
        hasLogin: userId !== null,
        openTasks: tasks.length,
        eventIds: tasks,
      };
    }),
  };
}
