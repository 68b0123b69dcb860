import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL 15 cluster from the installed binaries: data in a temp dir, loopback port, fsync off
 * (unless `durable`: a default install's fsync, synchronous_commit and full_page_writes, for the benchmarks' figures
 * that a county's own PostgreSQL would give). initdb refuses to run as root, so as root it runs as the `postgres`
 * user (runuser).
 */
export interface PgCluster {
  url: string;
  /** The same server over its Unix-domain socket (no TCP stack on either side: for the benchmarks). */
  socketUrl: string;
  /** The postmaster's process id (its children are the server's backends: for CPU accounting). */
  pid(): number;
  /** A URL for a new, empty database on the cluster. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];

export function findPgBin(): string | null {
  return BIN_DIRS.find((d) => existsSync(join(d, 'initdb'))) ?? null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Durability settings that trade crash safety for speed: fine for a throwaway test cluster, never for a county. */
const NOT_DURABLE = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/**
 * `settings`: further `-c name=value` server settings (a benchmark's pg_stat_statements, say). `durable`: keep
 * PostgreSQL's default durability (fsync on, synchronous commit, full page writes).
 */
export async function startPgCluster(
  settings: readonly string[] = [],
  { durable = false }: { durable?: boolean } = {},
): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql-15), or set TEST_DATABASE_URL');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'oe-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    ...(durable ? [] : NOT_DURABLE).flatMap((x) => ['-c', x]),
    '-c',
    'max_connections=200',
    '-c',
    'shared_buffers=256MB',
    ...settings.flatMap((x) => ['-c', x]),
  ];
  const child: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', join(bin, 'postgres'), ...args], { stdio: 'ignore' })
    : spawn(join(bin, 'postgres'), args, { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitReady(url);
  return {
    url,
    socketUrl: `postgres://postgres@${encodeURIComponent(dir)}:${port}/postgres`,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    createDatabase: (name) => createDatabaseOn(url, name),
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // runuser does not pass signals on: ask pg_ctl, which signals the postmaster itself.
      run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch (e) {
      await c.end().catch(() => undefined);
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Create a database on an existing server and return its URL. */
export async function createDatabaseOn(serverUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
    await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await c.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
