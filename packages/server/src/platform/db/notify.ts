import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { executePrepared } from './prepared.ts';

/**
 * NOTIFY `channel` with each payload, on `on`: a transaction (delivered to listeners when it commits, never when
 * it rolls back) or the database itself (at once). The payloads travel as one JSON parameter, so one statement
 * sends any number of them, in order. The statement is planned once per PGlite instance (`executePrepared`):
 * intake sends its feed through here with every batch. An empty list sends nothing.
 */
export async function notify(on: Db, channel: string, payload: string | readonly string[]): Promise<void> {
  const payloads = typeof payload === 'string' ? [payload] : payload;
  if (payloads.length === 0) return;
  await executePrepared(
    on,
    sql`SELECT pg_notify(${channel}, p) FROM json_array_elements_text(${JSON.stringify(payloads)}::json) AS p`,
  );
}
