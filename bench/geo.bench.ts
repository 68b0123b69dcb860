/**
 * Point → grid lookups against the demo county (SPEC §2: every report is resolved to its grid and town).
 * Target: ≥ 500,000 lookups/s in one process. Run alone with `node --import tsx bench/geo.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { GridIndex, type GridFeature } from '@openenforce/domain/geo';
import { generateDemoCounty } from '../packages/server/src/demo/generate.ts';
import { COUNTY_BBOX } from '../packages/server/src/demo/geometry.ts';
import { Rng } from '../packages/server/src/demo/random.ts';

const POINTS = 2_000_000;
const TARGET_PER_SECOND = 500_000;

export async function run(): Promise<Record<string, number | string>> {
  const county = generateDemoCounty();
  const features: GridFeature[] = county.regions
    .filter((r) => r.level === 'grid')
    .map((r) => ({ id: r.id, townId: r.townId ?? '', villageId: r.parentId ?? '', boundary: r.boundary! }));
  const buildStart = performance.now();
  const index = new GridIndex(features);
  const buildMs = performance.now() - buildStart;

  // Points drawn before timing, so the figure is the lookup alone.
  const rng = new Rng(1);
  const xs = new Float64Array(POINTS);
  const ys = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    xs[i] = rng.float(COUNTY_BBOX.west, COUNTY_BBOX.east);
    ys[i] = rng.float(COUNTY_BBOX.south, COUNTY_BBOX.north);
  }
  for (let i = 0; i < 100_000; i++) index.locate(xs[i] as number, ys[i] as number); // warm up the JIT

  let found = 0;
  const start = performance.now();
  for (let i = 0; i < POINTS; i++) if (index.locate(xs[i] as number, ys[i] as number) !== null) found++;
  const seconds = (performance.now() - start) / 1000;

  const perSecond = Math.round(POINTS / seconds);
  const share = found / POINTS;
  const fmt = (n: number): string => n.toLocaleString('en-US');
  console.log(`geo.locate: ${fmt(perSecond)} lookups/s (${fmt(features.length)} grids)`);
  console.log(
    `geo.locate: ${(share * 100).toFixed(2)} % of ${fmt(POINTS)} points found; index built in ${buildMs.toFixed(1)} ms`,
  );
  const verdict = perSecond >= TARGET_PER_SECOND ? 'met' : 'missed';
  console.log(`geo.locate: target ≥ ${fmt(TARGET_PER_SECOND)} lookups/s ${verdict}`);
  return {
    'geo.locate lookups/s': perSecond,
    'geo.locate target 500k/s': verdict,
    'geo.locate grids': features.length,
    'geo.locate found share': Number(share.toFixed(6)),
    'geo.index build ms': Number(buildMs.toFixed(1)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
