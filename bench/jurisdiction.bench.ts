/**
 * Jurisdiction (SPEC §1: matter + place + date → team, enforcement subject, rule): every dispatch, case filing and
 * document header asks it. 5,000 synthetic matters × the demo county's 16 towns (11 empowered, 5 dispatched), the
 * real demo organization; 2,000,000 random (matter, town) resolutions. Target: ≥ 1,000,000 resolutions/s in one
 * process. Run alone with `node --import tsx bench/jurisdiction.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  buildOrgSnapshot,
  matterVersion,
  resolveJurisdiction,
  type MatterVersion,
  type OrgSnapshot,
  type Place,
  type TownPower,
} from '@openenforce/domain/catalog';
import { buildOrganization, COMPREHENSIVE_DOMAINS } from '../packages/server/src/demo/organization.ts';
import { TOWNS, townId } from '../packages/server/src/demo/places.ts';
import { Rng } from '../packages/server/src/demo/random.ts';

const MATTERS = 5_000;
const RESOLUTIONS = 2_000_000;
const TARGET_PER_SECOND = 1_000_000;
const DATE = '2025-06-01';

function snapshot(org: ReturnType<typeof buildOrganization>): OrgSnapshot {
  return buildOrgSnapshot({
    agencies: org.agencies.map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      kind: a.kind,
      mayActInOwnName: a.mayActInOwnName ?? true,
      townId: a.townId ?? null,
      domains: a.domains ?? [],
    })),
    teams: org.teams.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      agencyId: t.agencyId,
      kind: t.kind,
      townId: t.townId ?? null,
      domains: t.domains ?? [],
    })),
    towns: TOWNS.map((t, i) => ({ id: townId(i), name: t.name, townMode: t.mode })),
  });
}

/** A deterministic mix: 55 % comprehensive (empowered, delegated, extended, per-town exceptions), 35 % professional, 10 % in-department; a few unpublished or not yet in force. */
function syntheticMatters(org: ReturnType<typeof buildOrganization>, rng: Rng): MatterVersion[] {
  const towns = TOWNS.map((_, i) => townId(i));
  const departments = [...org.departments.values()].filter((d) => d.domains && d.domains.length > 0);
  const brigades = org.brigades;
  const out: MatterVersion[] = [];
  for (let i = 0; i < MATTERS; i++) {
    const roll = rng.next();
    const listType = roll < 0.55 ? 'comprehensive' : roll < 0.9 ? 'professional' : 'in_department';
    const brigade = rng.pick(brigades);
    const department = rng.pick(departments);
    let defaultTownPower: TownPower = 'none';
    const townPowers: Record<string, TownPower> = {};
    if (listType === 'comprehensive') {
      const p = rng.next();
      defaultTownPower = p < 0.6 ? 'empowered' : p < 0.7 ? 'delegated' : p < 0.8 ? 'extended' : 'none';
      // Per-town exceptions: a town whose power was withdrawn, or the only towns empowered.
      for (let k = rng.int(0, 3); k > 0; k--)
        townPowers[rng.pick(towns)] = defaultTownPower === 'none' ? 'empowered' : 'none';
    } else if (listType === 'professional' && rng.chance(0.1)) {
      defaultTownPower = 'extended';
    }
    const domain =
      listType === 'professional'
        ? (brigade.domains?.[0] ?? '市场监管')
        : listType === 'in_department'
          ? (department.domains?.[0] ?? '市场监管')
          : rng.pick(COMPREHENSIVE_DOMAINS);
    out.push(
      matterVersion.parse({
        matterId: `m-${i}`,
        version: 1,
        code: `BENCH${String(i).padStart(6, '0')}`,
        name: `对第${i}号违法行为的行政处罚`,
        kind: 'penalty',
        domain,
        legalBasis: { law: '《某条例》', article: `第${(i % 90) + 1}条`, text: '' },
        penaltyBasis: { law: '《某条例》', article: `第${(i % 90) + 2}条`, text: '' },
        sourceDepartment: department.name,
        transferScope: listType === 'comprehensive' ? 'all' : null,
        responsibilityBoundary: null,
        listType,
        townPowers,
        defaultTownPower,
        delegatingAgency: defaultTownPower === 'delegated' ? department.code : null,
        professionalTeam: listType === 'professional' && rng.chance(0.7) ? brigade.code : null,
        department: listType === 'in_department' ? department.code : null,
        flags: { firstViolationWaiver: false, lightViolationCommitment: false, highFrequency: false },
        published: !rng.chance(0.01),
        withdrawn: false,
        discretion: null,
        effectiveFrom: rng.chance(0.01) ? '2026-01-01' : '2024-01-01',
        announcement: '温政发〔2024〕1号',
      }),
    );
  }
  return out;
}

export async function run(): Promise<Record<string, number | string>> {
  const organization = buildOrganization(new Rng(1));
  const matters = syntheticMatters(organization, new Rng(7));
  const places: Place[] = TOWNS.map((t, i) => ({ townId: townId(i), townMode: t.mode }));
  const empoweredTowns = TOWNS.filter((t) => t.mode === 'empowered').length;

  // Cold: every (matter, town) resolved once against a fresh snapshot — the computing path, which fills the memo.
  const buildStart = performance.now();
  const org = snapshot(organization);
  const buildMs = performance.now() - buildStart;
  const coldStart = performance.now();
  for (const m of matters) for (const p of places) resolveJurisdiction(m, p, DATE, org);
  const coldSeconds = (performance.now() - coldStart) / 1000;
  const coldPerSecond = Math.round((matters.length * places.length) / coldSeconds);

  // Pairs drawn before timing, so the figure is the resolution alone.
  const rng = new Rng(11);
  const mi = new Uint16Array(RESOLUTIONS);
  const ti = new Uint8Array(RESOLUTIONS);
  for (let i = 0; i < RESOLUTIONS; i++) {
    mi[i] = rng.int(0, MATTERS - 1);
    ti[i] = rng.int(0, places.length - 1);
  }
  for (let i = 0; i < 200_000; i++) resolveJurisdiction(matters[mi[i]!]!, places[ti[i]!]!, DATE, org); // JIT warm-up

  const counts: Record<string, number> = {};
  let ok = 0;
  const start = performance.now();
  for (let i = 0; i < RESOLUTIONS; i++) {
    if (resolveJurisdiction(matters[mi[i]!]!, places[ti[i]!]!, DATE, org).ok) ok++;
  }
  const seconds = (performance.now() - start) / 1000;
  const perSecond = Math.round(RESOLUTIONS / seconds);
  // Outside the timed loop: which paths the pairs took.
  for (let i = 0; i < RESOLUTIONS; i += 20) {
    const id = resolveJurisdiction(matters[mi[i]!]!, places[ti[i]!]!, DATE, org).ruleId;
    counts[id] = (counts[id] ?? 0) + 1;
  }

  const fmt = (n: number): string => n.toLocaleString('en-US');
  console.log(
    `jurisdiction: ${fmt(perSecond)} resolutions/s (${fmt(MATTERS)} matters × ${places.length} towns: ` +
      `${empoweredTowns} empowered, ${places.length - empoweredTowns} dispatched; ${fmt(RESOLUTIONS)} pairs)`,
  );
  console.log(
    `jurisdiction: first resolution of each pair (computing path) ${fmt(coldPerSecond)}/s; snapshot built in ` +
      `${buildMs.toFixed(2)} ms; ${((ok / RESOLUTIONS) * 100).toFixed(1)} % resolved, the rest refused; ` +
      `${org.distinctResults} distinct (shared) results`,
  );
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  console.log(
    `jurisdiction: paths ${Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([id, n]) => `${id} ${((n / total) * 100).toFixed(1)} %`)
      .join(', ')}`,
  );
  const verdict = perSecond >= TARGET_PER_SECOND ? 'met' : 'missed';
  console.log(`jurisdiction: target ≥ ${fmt(TARGET_PER_SECOND)} resolutions/s ${verdict}`);
  return {
    'jurisdiction resolutions/s': perSecond,
    'jurisdiction target 1M/s': verdict,
    'jurisdiction first-resolution/s': coldPerSecond,
    'jurisdiction matters': MATTERS,
    'jurisdiction towns': places.length,
    'jurisdiction resolved share': Number((ok / RESOLUTIONS).toFixed(6)),
    'jurisdiction snapshot build ms': Number(buildMs.toFixed(2)),
    'jurisdiction distinct results': org.distinctResults,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
