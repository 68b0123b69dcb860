import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** One Drizzle database type for both drivers: code never knows which one it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Plain SQL with parameters, for the few places Drizzle's builder does not fit (migrations, bulk COPY-like inserts). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Subscribe to a NOTIFY channel (cross-process events). Returns an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The connection URL (postgres driver only). */
  url?: string;
  /** The pg Pool (postgres driver only), for advisory locks that need one connection. */
  pool?: pg.Pool;
  pglite?: PGlite;
}

export interface DatabaseOptions {
  url?: string | undefined;
  /** Directory for PGlite; 'memory://' for an in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** PGlite only: start from a dumped data directory (tests copy a seeded template this way). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url
    ? openPostgres(opts.url, opts.poolSize ?? 10)
    : openPglite(opts.dataDir ?? 'memory://', opts.loadDataDir);
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  let dir = dataDir;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    dir = join(dataDir, 'pglite');
  }
  const client = await PGlite.create(dir, { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    async query<T>(text: string, params: unknown[] = []) {
      const res = await client.query<T>(text, params);
      return res.rows;
    },
    async listen(channel, onMessage) {
      const unsub = await client.listen(channel, onMessage);
      return async () => unsub();
    },
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // Dates stay strings: a `date` column means a calendar day, never a midnight in some time zone.
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  const pool = new pg.Pool({ connectionString: url, max });
  const db = drizzlePg(pool) as unknown as Db;
  // Every channel on one connection of its own, outside the pool: a LISTEN per channel would each hold a pooled
  // connection for the life of the process and leave fewer for queries.
  let listener: Promise<pg.Client> | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let started: Promise<pg.Client> | null = null;
  const listenerClient = () =>
    (listener ??= started =
      (async () => {
        const client = new pg.Client({ connectionString: url });
        // A lost connection must not take the process down; the next listen() opens a new one.
        client.on('error', () => {
          if (listener === started) listener = null;
        });
        await client.connect();
        client.on('notification', (n) => {
          for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
        });
        return client;
      })());
  return {
    db,
    driver: 'postgres',
    pool,
    url,
    async query<T>(text: string, params: unknown[] = []) {
      const res = await pool.query(text, params);
      return res.rows as T[];
    },
    async listen(channel, onMessage) {
      const client = await listenerClient();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      // A handler of its own, so that the same callback listening twice unsubscribes once per subscription.
      const handler = (payload: string) => onMessage(payload);
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      const client = listener;
      listener = null;
      handlers.clear();
      if (client) await (await client).end().catch(() => undefined);
      await pool.end();
    },
  };
}
