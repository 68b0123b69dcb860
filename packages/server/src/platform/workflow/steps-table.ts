import { sql, type BuildExtraConfigColumns } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
  type IndexBuilder,
} from 'drizzle-orm/pg-core';

/*
 * One factory for every aggregate's timeline (`event_steps`, later `case_steps`, `inspection_steps`): one row per
 * step with who, when, where and why, append-only (a trigger per table in its migration:
 * `CREATE TRIGGER <name>_append_only BEFORE UPDATE OR DELETE ON <name> … catalog_history_refuse_change()`).
 * The aggregate's key is `subjectId` in TypeScript (its own column name in SQL, e.g. `event_id`), so that every steps
 * table has the same shape and the platform's stepper writes any of them.
 */

/** Longest client step id (an idempotency key the client makes up: a UUID fits). */
export const CLIENT_STEP_ID_MAX = 64;

const stepColumns = (subjectColumn: string, references: () => AnyPgColumn) => ({
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
  subjectId: uuid(subjectColumn).notNull().references(references),
  at: timestamp('at', { withTimezone: true }).notNull(),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  actorId: uuid('actor_id'),
  actorRole: text('actor_role').notNull(),
  actorName: text('actor_name'),
  /** The team the step concerns (dispatched to, returned by, arbitrated against). */
  teamId: uuid('team_id'),
  /** Where the actor stood (the device's location), when the client sent it. */
  lng: doublePrecision('lng'),
  lat: doublePrecision('lat'),
  clientIp: text('client_ip'),
  reason: text('reason'),
  detail: jsonb('detail'),
  /** The client's idempotency key: a repeated delivery of the same step finds this row and writes nothing. */
  clientStepId: text('client_step_id'),
});

type StepColumns = BuildExtraConfigColumns<string, ReturnType<typeof stepColumns>, 'pg'>;

/**
 * A steps table `name` for the aggregate whose id `subjectColumn` references. `extra` adds the context's own
 * indexes (the events' 推诿 count reads arbitration steps, say).
 */
export function stepsTable(
  name: string,
  subjectColumn: string,
  references: () => AnyPgColumn,
  extra: (t: StepColumns) => IndexBuilder[] = () => [],
) {
  return pgTable(name, stepColumns(subjectColumn, references), (t) => [
    index(`${name}_${subjectColumn.replace(/_id$/, '')}_idx`).on(t.subjectId, t.id),
    uniqueIndex(`${name}_client_step_key`)
      .on(t.subjectId, t.clientStepId)
      .where(sql`client_step_id IS NOT NULL`),
    ...extra(t),
  ]);
}

export type StepsTable = ReturnType<typeof stepsTable>;
export type StepRow = StepsTable['$inferSelect'];
export type StepInsert = StepsTable['$inferInsert'];
