import { inScope, type DataScope } from '@openenforce/domain/organization';
import { inArray } from 'drizzle-orm';
import { centroidOf, flattenRings, GridIndex, pointInRings, type GridFeature } from '@openenforce/domain/geo';
import type { Db } from '../platform/db/index.ts';
import { regions, teams, type GeoJsonPolygon } from './organization.schema.ts';

interface RegionEntry {
  id: string;
  name: string;
  level: 'county' | 'town' | 'village' | 'grid';
  parentId: string | null;
  townId: string | null;
  townMode: 'empowered' | 'dispatched' | null;
  townKind: 'town' | 'street' | null;
}

interface GridEntry extends GridFeature {
  id: string;
  townId: string;
  villageId: string;
  boundary: GeoJsonPolygon;
}

/**
 * The region tree and its spatial index, held in memory: a point resolves to grid → village → town without a query
 * (≈ 1,300 polygons, well under a megabyte). Rebuilt from the database at start and after any region change.
 */
export class RegionDirectory {
  private byId = new Map<string, RegionEntry>();
  private index = new GridIndex<GridEntry>([]);
  private grids: GridEntry[] = [];
  /** Town id → the team responsible in the town: the town's own team (empowered) or the dispatched squad. */
  private squadByTown = new Map<string, { id: string; name: string }>();
  /** Flattened rings of every region with a boundary, for containment checks of towns and villages. */
  private rings = new Map<string, Float64Array[]>();
  /**
   * Loads overlap (a change in this process and a NOTIFY from another arrive together): the one started last read
   * the newest rows, so an earlier one that finishes after it must not put older rows back.
   */
  private loadsStarted = 0;
  private loadApplied = 0;

  async load(db: Db): Promise<void> {
    const ticket = ++this.loadsStarted;
    const rows = await db
      .select({
        id: regions.id,
        name: regions.name,
        level: regions.level,
        parentId: regions.parentId,
        townId: regions.townId,
        townMode: regions.townMode,
        townKind: regions.townKind,
        boundary: regions.boundary,
      })
      .from(regions);
    const squads = await db
      .select({ id: teams.id, name: teams.name, townId: teams.townId })
      .from(teams)
      .where(inArray(teams.kind, ['town', 'dispatched']));
    const byId = new Map<string, RegionEntry>();
    const grids: GridEntry[] = [];
    const rings = new Map<string, Float64Array[]>();
    for (const r of rows) {
      const { boundary, ...entry } = r;
      byId.set(r.id, entry);
      if (boundary) rings.set(r.id, flattenRings(boundary));
      if (r.level === 'grid' && boundary && r.townId && r.parentId) {
        grids.push({ id: r.id, townId: r.townId, villageId: r.parentId, boundary });
      }
    }
    if (ticket < this.loadApplied) return; // a later load has already put newer rows in place
    this.loadApplied = ticket;
    this.byId = byId;
    this.rings = rings;
    this.index = new GridIndex(grids);
    this.grids = grids;
    this.squadByTown = new Map(squads.filter((s) => s.townId).map((s) => [s.townId!, { id: s.id, name: s.name }]));
  }

  get(id: string): RegionEntry | undefined {
    return this.byId.get(id);
  }

  /** The towns (乡镇/街道) of the county, by id, or the one town of a scope. */
  towns(scope: DataScope = { kind: 'county' }): { id: string; name: string }[] {
    return [...this.byId.values()]
      .filter((r) => r.level === 'town' && inScope(scope, r.id))
      .map((r) => ({ id: r.id, name: r.name }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  townName(id: string): string | null {
    return this.byId.get(id)?.name ?? null;
  }

  /** Point → grid, village, town and the responsible squad; null outside every grid of the county. */
  locate(lng: number, lat: number) {
    const g = this.index.locate(lng, lat);
    if (!g) return null;
    const grid = this.byId.get(g.id)!;
    const village = this.byId.get(g.villageId)!;
    const town = this.byId.get(g.townId)!;
    return {
      grid: { id: grid.id, name: grid.name },
      village: { id: village.id, name: village.name },
      town: { id: town.id, name: town.name, townMode: town.townMode },
      squad: this.squadByTown.get(town.id) ?? null,
    };
  }

  /** Whether a region's boundary contains the point; null when the region has no boundary. */
  contains(id: string, lng: number, lat: number): boolean | null {
    const r = this.rings.get(id);
    return r ? pointInRings(r, lng, lat) : null;
  }

  /** Another region of the same level (and a different id) whose boundary contains the point. */
  sameLevelAt(level: RegionEntry['level'], lng: number, lat: number, exceptId: string): string | null {
    if (level === 'grid') {
      const g = this.index.locate(lng, lat);
      return g && g.id !== exceptId ? g.id : null;
    }
    for (const [id, r] of this.rings) {
      if (id !== exceptId && this.byId.get(id)?.level === level && pointInRings(r, lng, lat)) return id;
    }
    return null;
  }

  /**
   * A point inside a region (grid, village or town) that `locate` resolves back into it: the centroid of the first of
   * its grids (by id) whose centroid lies inside that grid (the county: any of its grids). Null for an unknown region
   * or one without grids.
   */
  pointInside(id: string): { lng: number; lat: number } | null {
    const r = this.byId.get(id);
    if (!r) return null;
    const grids = this.grids
      .filter((g) => r.level === 'county' || g.id === id || g.villageId === id || g.townId === id)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const g of grids) {
      const [lng, lat] = centroidOf(g.boundary);
      if (this.index.locate(lng, lat)?.id === g.id) return { lng, lat };
    }
    return null;
  }

  /**
   * The most specific region whose name an address names: a village (村/社区) whose name appears in the text —
   * unambiguous, or made so by its town's name also appearing — else a town. The longest name wins (泽国镇 over 泽国).
   * Null when the address names no village or town of the county.
   */
  regionNamedIn(address: string): { id: string; name: string; level: 'town' | 'village' } | null {
    const named = (level: 'town' | 'village') =>
      [...this.byId.values()]
        .filter((r) => r.level === level && r.name.length >= 2 && address.includes(r.name))
        .sort((a, b) => b.name.length - a.name.length);
    const towns = named('town');
    const villages = named('village');
    const longest = villages.filter((v) => v.name.length === villages[0]?.name.length);
    const inTown = longest.filter((v) => towns.some((t) => t.id === v.townId));
    const village = longest.length === 1 ? longest[0] : inTown.length === 1 ? inTown[0] : undefined;
    if (village) return { id: village.id, name: village.name, level: 'village' };
    const town = towns[0];
    return town ? { id: town.id, name: town.name, level: 'town' } : null;
  }

  /** The county (the root region): its id (the region code, e.g. 331081) and name. */
  county(): { id: string; name: string } | null {
    for (const r of this.byId.values()) if (r.level === 'county') return { id: r.id, name: r.name };
    return null;
  }

  /** Root-first path of a region (county → … → itself). */
  path(id: string) {
    const out: { id: string; name: string; level: RegionEntry['level'] }[] = [];
    for (let r = this.byId.get(id); r; r = r.parentId ? this.byId.get(r.parentId) : undefined) {
      out.unshift({ id: r.id, name: r.name, level: r.level });
    }
    return out;
  }

  get gridCount(): number {
    return this.index.size;
  }
}
