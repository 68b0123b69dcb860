import { mkdirSync } from 'node:fs';
import { PGlite, types, type QueryOptions, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { createPgListener } from './listener.ts';
import { notify } from './notify.ts';
import { PGLITE_INSTANCE } from './prepared.ts';
import { embeddedDatabaseDir } from './preflight.ts';

/** One Drizzle database type for both drivers: code never knows which one it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Plain SQL with parameters, for the few places Drizzle's builder does not fit (migrations, bulk COPY-like inserts). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Subscribe to a NOTIFY channel (cross-process events). Returns an unsubscribe function. `onGap` is called when
   * notifications may have been missed: the listening connection was lost and is back (listener.ts).
   */
  listen(channel: string, onMessage: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  /**
   * NOTIFY `channel` with one payload or several (in order), in the transaction `on` (sent on commit) or on the
   * database (`db`: at once). The one way code sends a NOTIFY (notify.ts).
   */
  notify(on: Db, channel: string, payload: string | readonly string[]): Promise<void>;
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
  /** Where connection trouble is reported (PostgreSQL only); console by default. */
  log?: (msg: string, err?: unknown) => void;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url
    ? openPostgres(
        opts.url,
        opts.poolSize ?? 10,
        opts.log ?? ((msg, err) => console.warn(`${msg}${err instanceof Error ? `: ${err.message}` : ''}`)),
      )
    : openPglite(opts.dataDir ?? 'memory://', opts.loadDataDir);
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  let dir = dataDir;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    dir = embeddedDatabaseDir(dataDir);
  }
  const client = await PGlite.create(dir, { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  for (const t of DRIZZLE_TEXT_TYPES) client.parsers[t] = (v: string) => v;
  const db = drizzlePglite(withoutQueryParsers(client)) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    async query<T>(text: string, params: unknown[] = []) {
      const res = await client.query<Record<string, unknown>>(text, params);
      // Raw queries keep PGlite's own reading of dates and timestamps (Date objects).
      const dated = res.fields.filter((f) => PGLITE_DATE_TYPES.has(f.dataTypeID)).map((f) => f.name);
      if (dated.length > 0)
        for (const r of res.rows) for (const k of dated) if (typeof r[k] === 'string') r[k] = pgliteDate(r[k]);
      return res.rows as T[];
    },
    async listen(channel, onMessage) {
      const unsub = await client.listen(channel, onMessage);
      return async () => unsub();
    },
    notify,
    async close() {
      await client.close();
    },
  };
}

/**
 * The types Drizzle's PGlite session reads as text (and maps itself): timestamp, timestamptz, interval, date, and
 * arrays of numeric, timestamp, timestamptz, interval, date. Drizzle passes these parsers with every query, and
 * PGlite then copies its map of every type's parser (hundreds: each table adds its row type and array type) to
 * merge them in — ≈ 200 µs per query, measured, more than most of our queries cost in the engine. So the
 * instance reads these types as text once and for all, and Drizzle's copy is dropped on the way in.
 */
const DRIZZLE_TEXT_TYPES: number[] = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231,
  1115,
  1185,
  1187,
  1182,
];
const PGLITE_DATE_TYPES = new Set<number>([types.DATE, types.TIMESTAMP, types.TIMESTAMPTZ]);
const pgliteDate = (v: string) => (v === 'infinity' ? Infinity : v === '-infinity' ? -Infinity : new Date(v));

function withoutQueryParsers(client: PGlite): PGlite {
  const strip = (o?: QueryOptions): QueryOptions | undefined => (o?.parsers ? { ...o, parsers: undefined } : o);
  // Anything else passes through, methods bound to the real object (PGlite's use private fields).
  const through = (t: object, k: string | symbol) => {
    const v = Reflect.get(t, k, t) as unknown;
    return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
  };
  const wrapTx = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(t, k) {
        if (k === PGLITE_INSTANCE) return client; // for executePrepared (prepared.ts)
        if (k === 'query') return (q: string, p?: unknown[], o?: QueryOptions) => t.query(q, p, strip(o));
        return through(t, k);
      },
    });
  return new Proxy(client, {
    get(t, k) {
      if (k === PGLITE_INSTANCE) return t;
      if (k === 'query') return (q: string, p?: unknown[], o?: QueryOptions) => t.query(q, p, strip(o));
      if (k === 'transaction') return <R>(fn: (tx: Transaction) => Promise<R>) => t.transaction((tx) => fn(wrapTx(tx)));
      return through(t, k);
    },
  });
}

async function openPostgres(url: string, max: number, log: (msg: string, err?: unknown) => void): Promise<Database> {
  // Dates stay strings: a `date` column means a calendar day, never a midnight in some time zone.
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  const pool = new pg.Pool({ connectionString: url, max });
  const db = drizzlePg(pool) as unknown as Db;
  // An idle pooled connection that fails (a restart) is dropped by the pool; unhandled, the error would end the process.
  pool.on('error', (err) => log('PostgreSQL: an idle pooled connection failed; the pool replaces it', err));
  const listener = createPgListener(url, log);
  return {
    db,
    driver: 'postgres',
    pool,
    url,
    async query<T>(text: string, params: unknown[] = []) {
      const res = await pool.query(text, params);
      return res.rows as T[];
    },
    listen: (channel, onMessage, onGap) => listener.listen(channel, onMessage, onGap),
    notify,
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
