import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** The file stores every storage test runs on: the local directory and a real S3-compatible server. */
export const STORES = ['local', 's3'] as const;
export type StoreKind = (typeof STORES)[number];

export interface TestStore {
  kind: StoreKind;
  /** Settings for testServer (S3: FILE_STORE=s3 and the server's address). */
  env: Record<string, string>;
  /** How many objects the store holds (under dataDir for the local store). */
  objects(dataDir: string): Promise<number>;
  /** S3 only: take the server down (an outage) and bring it back on the same port with the same objects. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const BUCKET = 'oe-files';

/**
 * A store for one test file. For S3 this starts s3rver (an S3 API over a directory, from npm) in this process on a
 * free port: nothing needs to be installed beside `npm ci`.
 */
export async function testStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'local') {
    return {
      kind,
      env: {},
      objects: async (dataDir) => countFiles(join(dataDir, 'evidence')),
      stop: () => Promise.reject(new Error('the local store has no server')),
      start: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'oe-s3-'));
  const make = (port: number) =>
    new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
  let server: S3rver | null = make(0);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    kind,
    env: {
      FILE_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    async objects() {
      const out = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return out.KeyCount ?? 0;
    },
    async stop() {
      await server?.close();
      server = null;
    },
    async start() {
      server = make(port);
      await server.run();
    },
    async close() {
      client.destroy();
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function countFiles(dir: string): number {
  let n = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}
