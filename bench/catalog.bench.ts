/**
 * Catalog search and import (issue "catalog", point 8 and 10). Targets: search p95 < 50 ms over ≈ 5,000 matters on
 * PGlite; a 5,000-row import in < 5 s. Through the HTTP routes in process (app.inject): auth, validation and audit
 * included. Run alone with `node --import tsx bench/catalog.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { seedDemo } from '../packages/server/src/demo/seed.ts';
import { createAuditWriter, loadAuditKeys } from '../packages/server/src/platform/audit/index.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import { migrate, openDatabase } from '../packages/server/src/platform/db/index.ts';

const QUERIES = [
  '占道',
  '占用',
  '城市道路',
  '噪声',
  '燃气',
  '《中华人民共和国大气污染防治法》',
  '广告',
  '擅自',
  '食品经营',
  '3310810',
  '排水',
  '渣土',
  '违法建设',
  '危险废物',
  '许可',
];
const ROUNDS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'oe-bench-catalog-'));
  // Keys, checkpoints and files in the throwaway directory too, never in the checkout.
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/none', DEMO_EVENTS: '0', DATA_DIR: dir });
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrate(database);
    const seedStart = performance.now();
    const { matters } = await seedDemo({
      database,
      config,
      clock: systemClock,
      audit: createAuditWriter({ hash: 'sha256', keys: loadAuditKeys(config, { create: true }) }),
    });
    const seedMs = performance.now() - seedStart;
    const { app } = await buildServer(config, database);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer', password: 'Demo@2026' },
    });
    const cookie = `oe_session=${login.cookies[0]!.value}`;
    const search = (q: string) =>
      app.inject({
        method: 'GET',
        url: `/api/catalog/matters?q=${encodeURIComponent(q)}&limit=20`,
        headers: { cookie },
      });
    for (const q of QUERIES) await search(q); // warm up
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const q of QUERIES) {
        const t0 = performance.now();
        const res = await search(q);
        times.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`search ${q}: ${res.statusCode}`);
      }
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);

    // 5,000 new rows in the county layout, as one CSV upload.
    const header =
      '序号,事项代码,事项名称,执法领域,划出部门,法律依据,处罚条款,罚款下限（元）,罚款上限（元）,罚款方式,清单类型';
    const lines = Array.from(
      { length: 5000 },
      (_, i) =>
        `${i + 1},BENCH${String(i).padStart(6, '0')},对测试行为${i}的行政处罚,城市管理,市容环境卫生主管部门,《浙江省城市市容和环境卫生管理条例》第十二条,第十二条第三款,200,3000,fixed,综合`,
    );
    const csv = Buffer.from([header, ...lines].join('\r\n'));
    const boundary = 'oe-bench';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      csv,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const admin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'Demo@2026' },
    });
    const t0 = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: `/api/catalog/import?effectiveFrom=2026-12-01&announcement=${encodeURIComponent('基准测试')}`,
      headers: {
        cookie: `oe_session=${admin.cookies[0]!.value}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    const importMs = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`import: ${res.statusCode} ${res.body.slice(0, 300)}`);

    console.log(
      `catalog: ${matters.toLocaleString('en-US')} matters seeded in ${Math.round(seedMs).toLocaleString('en-US')} ms (PGlite)`,
    );
    console.log(
      `catalog.search: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${times.length} searches (target p95 < 50 ms: ${p95 < 50 ? 'met' : 'missed'})`,
    );
    console.log(
      `catalog.import: 5,000 rows in ${Math.round(importMs).toLocaleString('en-US')} ms (target < 5,000 ms: ${importMs < 5000 ? 'met' : 'missed'})`,
    );
    await app.close();
    return {
      'search p50 ms': Number(p50.toFixed(1)),
      'search p95 ms': Number(p95.toFixed(1)),
      'import 5,000 rows ms': Math.round(importMs),
      'seed ms': Math.round(seedMs),
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
