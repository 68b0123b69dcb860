import { sql } from 'drizzle-orm';
import { RUNNING_STATUSES } from '@openenforce/domain/events';

/**
 * The running statuses (the deadline clock runs) as SQL literals, `status IN ('dispatched', …)`, generated from the
 * domain's list. The partial indexes of `events` are built from the same text (events.schema.ts), so the planner
 * matches the queries to them.
 */
export const RUNNING_SQL = sql.raw(`status IN (${RUNNING_STATUSES.map((s) => `'${s}'`).join(',')})`);
