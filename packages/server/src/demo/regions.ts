import { centroidOf } from '@openenforce/domain/geo';
import type { regions } from '../organization/organization.schema.ts';
import { CELLS_PER_TOWN, Lattice, TOWNS_PER_SIDE, type PolygonJson } from './geometry.ts';
import { COUNTY, PLACE_NAMES, TOWNS, townId } from './places.ts';
import type { Rng } from './random.ts';

export type RegionRow = typeof regions.$inferInsert;

const VILLAGES_PER_SIDE = 3;
const GRIDS_PER_SIDE = CELLS_PER_TOWN / VILLAGES_PER_SIDE;

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function withCentroid(boundary: PolygonJson): Pick<RegionRow, 'boundary' | 'centroidLng' | 'centroidLat'> {
  const [lng, lat] = centroidOf(boundary);
  return { boundary, centroidLng: round6(lng), centroidLat: round6(lat) };
}

/**
 * County → 16 towns → 3×3 villages each → 3×3 grids each (16 × 9 × 9 = 1,296 grids). Codes follow the region
 * code scheme of the schema: a village is its town's code plus 3 digits, a grid is its village's code plus 3 digits.
 * Villages and grids are numbered from the north-west corner, row by row, as on a printed map.
 */
export function buildRegions(geometryRng: Rng, namesRng: Rng): RegionRow[] {
  const lattice = new Lattice(geometryRng);
  const side = TOWNS_PER_SIDE * CELLS_PER_TOWN;
  const rows: RegionRow[] = [
    {
      id: COUNTY.id,
      parentId: null,
      level: 'county',
      name: COUNTY.name,
      ...withCentroid(lattice.block(0, 0, side, side)),
    },
  ];
  // Globally unique village names, so a name search never has to ask "which 前岙村?".
  const villageNames = namesRng.shuffle(PLACE_NAMES);
  let nextName = 0;

  TOWNS.forEach((def, t) => {
    const tid = townId(t);
    const a0 = def.col * CELLS_PER_TOWN;
    const b0 = def.row * CELLS_PER_TOWN;
    rows.push({
      id: tid,
      parentId: COUNTY.id,
      level: 'town',
      name: def.name,
      townMode: def.mode,
      townKind: def.kind,
      townId: tid, // a town row is in its own data scope
      ...withCentroid(lattice.block(a0, b0, a0 + CELLS_PER_TOWN, b0 + CELLS_PER_TOWN)),
    });
    for (let vr = 0; vr < VILLAGES_PER_SIDE; vr++) {
      for (let vc = 0; vc < VILLAGES_PER_SIDE; vc++) {
        const vid = tid + String(vr * VILLAGES_PER_SIDE + vc + 1).padStart(3, '0');
        const place = villageNames[nextName++] ?? `第${nextName}`;
        const villageName = place + (def.kind === 'street' ? '社区' : '村');
        const va = a0 + vc * GRIDS_PER_SIDE;
        const vb = b0 + (VILLAGES_PER_SIDE - 1 - vr) * GRIDS_PER_SIDE; // row 0 is the northern row
        rows.push({
          id: vid,
          parentId: tid,
          level: 'village',
          name: villageName,
          townId: tid,
          ...withCentroid(lattice.block(va, vb, va + GRIDS_PER_SIDE, vb + GRIDS_PER_SIDE)),
        });
        for (let gr = 0; gr < GRIDS_PER_SIDE; gr++) {
          for (let gc = 0; gc < GRIDS_PER_SIDE; gc++) {
            const k = gr * GRIDS_PER_SIDE + gc;
            const ga = va + gc;
            const gb = vb + (GRIDS_PER_SIDE - 1 - gr);
            rows.push({
              id: vid + String(k + 1).padStart(3, '0'),
              parentId: vid,
              level: 'grid',
              name: `${villageName}第${k + 1}网格`,
              townId: tid,
              ...withCentroid(lattice.block(ga, gb, ga + 1, gb + 1)),
            });
          }
        }
      }
    }
  });
  return rows;
}
