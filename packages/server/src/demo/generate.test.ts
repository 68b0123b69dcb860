import { createHash } from 'node:crypto';
import { GridIndex, bboxOf, type GridFeature } from '@openenforce/domain/geo';
import { certificateStatus } from '@openenforce/domain/organization';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from './generate.ts';
import { COUNTY_BBOX } from './geometry.ts';
import { isValidIdNumber } from './identity.ts';
import { certificateValidTo } from './people.ts';
import { Rng } from './random.ts';

const county = generateDemoCounty();
const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const grids = county.regions.filter((r) => r.level === 'grid');
const towns = county.regions.filter((r) => r.level === 'town');
const byId = new Map(county.regions.map((r) => [r.id, r]));

function feature(r: (typeof grids)[number]): GridFeature {
  if (!r.boundary || !r.townId || !r.parentId) throw new Error(`grid ${r.id} is incomplete`);
  return { id: r.id, townId: r.townId, villageId: r.parentId, boundary: r.boundary };
}

describe('generateDemoCounty', () => {
  it('is deterministic: same seed, same rows', () => {
    expect(hash(generateDemoCounty())).toBe(hash(county));
    expect(generateDemoCounty(20261122)).toEqual(county);
    expect(hash(generateDemoCounty(7))).not.toBe(hash(county));
  });

  it('has Wenling’s 16 towns: 11 empowered towns, 5 dispatched streets', () => {
    expect(county.summary).toMatchObject({ towns: 16, empoweredTowns: 11, dispatchedTowns: 5 });
    expect(towns.map((t) => t.id)).toEqual(
      Array.from({ length: 16 }, (_, i) => `331081${String(i + 1).padStart(3, '0')}`),
    );
    for (const t of towns) expect(t.townMode === 'dispatched').toBe(t.name.endsWith('街道'));
    expect(towns.find((t) => t.name === '泽国镇')).toMatchObject({ townMode: 'empowered', townKind: 'town' });
  });

  it('builds ≥ 1,000 grids with codes nested in their parents', () => {
    expect(county.summary.grids).toBeGreaterThanOrEqual(1_000);
    for (const r of county.regions) {
      if (r.level === 'county') continue;
      const parent = byId.get(r.parentId ?? '');
      expect(parent, r.id).toBeDefined();
      expect(r.id.startsWith(parent?.id ?? '?')).toBe(true);
      expect(r.id.length).toBe((parent?.id.length ?? 0) + 3);
      if (r.level !== 'town') expect(r.townId).toBe(r.id.slice(0, 9));
    }
  });

  it('staffs the teams: ≥ 300 certified officers, ≥ 60 auxiliaries, ≥ 50 grid workers', () => {
    const s = county.summary;
    expect(s.officers).toBeGreaterThanOrEqual(300);
    expect(s.auxiliaries).toBeGreaterThanOrEqual(60);
    expect(s.gridWorkers).toBeGreaterThanOrEqual(50);
    const certified = new Set(county.certificates.map((c) => c.personId));
    for (const p of county.people) {
      if (p.role === 'officer') expect(certified.has(p.id)).toBe(true);
      if (p.isAuxiliary) expect(certified.has(p.id)).toBe(false);
      if (p.role === 'grid_worker') expect(byId.get(p.gridId ?? '')?.townId).toBe(p.townId);
    }
    for (const t of towns) {
      expect(county.people.filter((p) => p.role === 'grid_worker' && p.townId === t.id).length).toBeGreaterThanOrEqual(
        3,
      );
    }
  });

  it('gives every person a valid ID number and unique numbers', () => {
    for (const p of county.people) {
      expect(isValidIdNumber(p.idNumber ?? ''), p.idNumber ?? '').toBe(true);
      expect(p.idNumber?.slice(0, 6)).toBe('331081');
      const birthYear = Number(p.idNumber?.slice(6, 10));
      expect(birthYear).toBeGreaterThanOrEqual(1970);
      expect(birthYear).toBeLessThanOrEqual(2000);
      expect(Number(p.idNumber?.[16]) % 2 === 1).toBe(p.gender === 'male');
      expect(p.phone).toMatch(/^1[358]\d{9}$/);
    }
    const unique = (values: unknown[]): number => new Set(values).size;
    expect(unique(county.people.map((p) => p.employeeNo))).toBe(county.people.length);
    expect(unique(county.people.map((p) => p.idNumber))).toBe(county.people.length);
    expect(unique(county.certificates.map((c) => c.number))).toBe(county.certificates.length);
  });

  it('rejects a wrong ID check digit', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true); // the standard's own example
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('issues certificates valid 5 years (ZJ art. 28), some expired and some expiring', () => {
    const teams = new Map(county.teams.map((t) => [t.id, t]));
    const people = new Map(county.people.map((p) => [p.id, p]));
    for (const c of county.certificates) {
      expect(c.number).toMatch(/^浙331081\d{5}$/);
      expect(c.validFrom >= '2021-06-01' && c.validFrom <= '2026-06-01').toBe(true);
      expect(c.validTo).toBe(certificateValidTo(c.validFrom));
      const person = people.get(c.personId);
      const teamDomains = teams.get(person?.teamId ?? '')?.domains ?? [];
      expect(c.domains.length).toBeGreaterThanOrEqual(1);
      expect(c.domains.length).toBeLessThanOrEqual(3);
      for (const d of c.domains) expect(teamDomains).toContain(d);
      expect(c.townId ?? null).toBe(person?.townId ?? null);
    }
    expect(certificateValidTo('2024-02-29')).toBe('2029-02-28');
    const n = county.summary.certificates;
    expect(county.summary.certificatesExpired).toBe(Math.round(n * 0.03));
    expect(county.summary.certificatesExpiringWithin60Days).toBe(Math.round(n * 0.05));
    // The same figures by the domain rule the alerts use.
    const status = county.certificates.map((c) => certificateStatus(c, county.referenceDate));
    expect(status.filter((s) => s === 'expired').length).toBe(county.summary.certificatesExpired);
    expect(status.filter((s) => s === 'expiring').length).toBe(county.summary.certificatesExpiringWithin60Days);
  });

  it('creates one login per persona, town personas scoped to their town', () => {
    const users = new Map(county.users.map((u) => [u.username, u]));
    const zeguo = towns.find((t) => t.name === '泽国镇')?.id;
    const taiping = towns.find((t) => t.name === '太平街道')?.id;
    expect([...users.keys()]).toEqual([
      'admin',
      'operator',
      'leader',
      'officer',
      'officer2',
      'auxiliary',
      'gridworker',
      'reviewer',
      'dept',
      'supervisor',
    ]);
    for (const u of county.users) expect(u.password).toBe('Demo@2026');
    expect(users.get('officer')).toMatchObject({ role: 'officer', scopeTownId: zeguo });
    expect(users.get('officer2')).toMatchObject({ role: 'officer', scopeTownId: taiping });
    expect(users.get('auxiliary')).toMatchObject({ role: 'auxiliary', scopeTownId: zeguo });
    expect(users.get('gridworker')).toMatchObject({ role: 'grid_worker', scopeTownId: zeguo });
    for (const name of ['operator', 'leader', 'reviewer', 'dept', 'supervisor', 'admin']) {
      expect(users.get(name)?.scopeTownId).toBeUndefined();
    }
    // The officer personas must be able to act: a valid certificate covering 城市管理.
    for (const name of ['officer', 'officer2']) {
      const cert = county.certificates.find((c) => c.personId === users.get(name)?.personId);
      expect(cert?.validTo && cert.validTo >= county.referenceDate).toBe(true);
      expect(cert?.domains).toContain('城市管理');
    }
  });
});

describe('demo geometry tiles the county', () => {
  const index = new GridIndex(grids.map(feature));
  const boxes = grids.map((g) => bboxOf(feature(g).boundary));

  it('every point of the county rectangle lies in exactly one grid', () => {
    const rng = new Rng(99);
    let onEdge = 0;
    const wrong: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const x = rng.float(COUNTY_BBOX.west, COUNTY_BBOX.east);
      const y = rng.float(COUNTY_BBOX.south, COUNTY_BBOX.north);
      // Brute force over every grid (bbox, then turf), independent of the index under test.
      const inside: string[] = [];
      let touching = 0;
      for (let i = 0; i < grids.length; i++) {
        const [x0, y0, x1, y1] = boxes[i] as [number, number, number, number];
        if (x < x0 || x > x1 || y < y0 || y > y1) continue;
        const polygon = grids[i]?.boundary as never;
        if (booleanPointInPolygon([x, y], polygon, { ignoreBoundary: true })) inside.push(grids[i]?.id ?? '');
        if (booleanPointInPolygon([x, y], polygon)) touching++;
      }
      if (touching > inside.length) {
        onEdge++; // exactly on a shared edge: excluded, as agreed
        continue;
      }
      if (inside.length !== 1 || index.locate(x, y)?.id !== inside[0]) wrong.push(`${x},${y}: ${inside.join('/')}`);
    }
    expect(wrong).toEqual([]);
    expect(onEdge).toBeLessThan(20);
  });

  it('grid areas add up to the county area', () => {
    const area = (r: (typeof grids)[number]): number => {
      const ring = (r.boundary?.coordinates[0] ?? []) as number[][];
      let sum = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        sum += (ring[i]?.[0] ?? 0) * (ring[i + 1]?.[1] ?? 0) - (ring[i + 1]?.[0] ?? 0) * (ring[i]?.[1] ?? 0);
      }
      return sum / 2;
    };
    for (const g of grids) expect(area(g)).toBeGreaterThan(0); // counter-clockwise
    const total = grids.reduce((s, g) => s + area(g), 0);
    const rect = (COUNTY_BBOX.east - COUNTY_BBOX.west) * (COUNTY_BBOX.north - COUNTY_BBOX.south);
    expect(total).toBeCloseTo(rect, 9);
    expect(area(byId.get('331081') as (typeof grids)[number])).toBeCloseTo(rect, 9);
  });

  it('grids and villages lie inside their town', () => {
    for (const r of county.regions) {
      if (r.level !== 'grid' && r.level !== 'village') continue;
      const town = byId.get(r.townId ?? '');
      const point = [r.centroidLng ?? NaN, r.centroidLat ?? NaN];
      expect(booleanPointInPolygon(point, town?.boundary as never), r.id).toBe(true);
      expect(index.locate(point[0] as number, point[1] as number)?.townId).toBe(r.townId);
    }
  });

  it('rings are closed and rounded to 6 decimals', () => {
    const bad: string[] = [];
    for (const r of county.regions) {
      const ring = (r.boundary?.coordinates[0] ?? []) as number[][];
      const [fx, fy] = ring[0] ?? [];
      const [lx, ly] = ring.at(-1) ?? [];
      if (ring.length < 4 || fx !== lx || fy !== ly) bad.push(`${r.id} not closed`);
      for (const p of ring) for (const v of p) if (Math.round(v * 1e6) / 1e6 !== v) bad.push(`${r.id} ${v}`);
    }
    expect(bad).toEqual([]);
  });
});
