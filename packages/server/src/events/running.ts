import { sql } from 'drizzle-orm';
import { OPEN_STATUSES, RUNNING_STATUSES } from '@openenforce/domain/events';

/*
 * The domain's status sets as SQL literals, `status IN ('dispatched', …)`, generated from the domain's lists: the
 * partial indexes of `events` (events.schema.ts) and the queries are built from the same text, so the planner
 * matches the queries to the indexes and no list is written twice.
 */

const statusIn = (statuses: readonly string[]) => sql.raw(`status IN (${statuses.map((s) => `'${s}'`).join(',')})`);

/** Open: not closed and not merged (the duplicate search, the open counts). */
export const OPEN_SQL = statusIn(OPEN_STATUSES);

/** Running: the deadline clock runs (the escalation's and the overdue counts' concern). */
export const RUNNING_SQL = statusIn(RUNNING_STATUSES);
