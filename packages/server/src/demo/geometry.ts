import type { Rng } from './random.ts';

/**
 * Synthetic boundaries that tile the county exactly: no overlaps, no gaps.
 *
 * The county rectangle is cut into a 4×4 lattice of town quadrilaterals. Interior lattice vertices are jittered
 * so towns are not squares; vertices on the county edge move only along that edge, so the outline stays a
 * rectangle. Each town quad is then subdivided by bilinear interpolation into 9×9 cells (3×3 villages of 3×3
 * grids). Every lattice point is computed once and shared by all polygons that use it. Neighbours therefore
 * share edges exactly, including after rounding, and no floating-point coincidence is needed.
 */

export const COUNTY_BBOX = { west: 121.25, south: 28.25, east: 121.6, north: 28.55 } as const;
export const TOWNS_PER_SIDE = 4;
export const CELLS_PER_TOWN = 9; // 3 villages × 3 grids along each side

type Point = [number, number];

/** Polygon rings in GeoJSON are closed and counter-clockwise (RFC 7946 §3.1.6). */
export interface PolygonJson {
  type: 'Polygon';
  coordinates: number[][][];
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

export class Lattice {
  /** points[a][b]: column a (west → east), row b (south → north), 0 … TOWNS_PER_SIDE × CELLS_PER_TOWN. */
  private readonly points: Point[][];

  constructor(rng: Rng, jitter = 0.22) {
    const n = TOWNS_PER_SIDE;
    const dx = (COUNTY_BBOX.east - COUNTY_BBOX.west) / n;
    const dy = (COUNTY_BBOX.north - COUNTY_BBOX.south) / n;
    const corners: Point[][] = [];
    for (let i = 0; i <= n; i++) {
      const column: Point[] = [];
      for (let j = 0; j <= n; j++) {
        // Jitter stays under a quarter cell, so every town quad stays convex and every cell non-degenerate.
        const jx = i > 0 && i < n ? rng.float(-jitter, jitter) * dx : 0;
        const jy = j > 0 && j < n ? rng.float(-jitter, jitter) * dy : 0;
        column.push([COUNTY_BBOX.west + i * dx + jx, COUNTY_BBOX.south + j * dy + jy]);
      }
      corners.push(column);
    }
    const size = n * CELLS_PER_TOWN;
    this.points = [];
    for (let a = 0; a <= size; a++) {
      const column: Point[] = [];
      for (let b = 0; b <= size; b++) column.push(this.interpolate(corners, a, b));
      this.points.push(column);
    }
  }

  private interpolate(corners: Point[][], a: number, b: number): Point {
    const i = Math.min(Math.floor(a / CELLS_PER_TOWN), TOWNS_PER_SIDE - 1);
    const j = Math.min(Math.floor(b / CELLS_PER_TOWN), TOWNS_PER_SIDE - 1);
    const u = (a - i * CELLS_PER_TOWN) / CELLS_PER_TOWN;
    const v = (b - j * CELLS_PER_TOWN) / CELLS_PER_TOWN;
    const p00 = corners[i]?.[j] as Point;
    const p10 = corners[i + 1]?.[j] as Point;
    const p11 = corners[i + 1]?.[j + 1] as Point;
    const p01 = corners[i]?.[j + 1] as Point;
    const w00 = (1 - u) * (1 - v);
    const w10 = u * (1 - v);
    const w11 = u * v;
    const w01 = (1 - u) * v;
    return [
      round6(w00 * p00[0] + w10 * p10[0] + w11 * p11[0] + w01 * p01[0]),
      round6(w00 * p00[1] + w10 * p10[1] + w11 * p11[1] + w01 * p01[1]),
    ];
  }

  private at(a: number, b: number): Point {
    const p = this.points[a]?.[b];
    if (!p) throw new RangeError(`Lattice point ${a},${b} out of range`);
    return [p[0], p[1]];
  }

  /**
   * The outline of the block of cells [a0, a1) × [b0, b1), walked counter-clockwise through every lattice point
   * on it, so a village or town outline matches the union of its grids vertex for vertex.
   */
  block(a0: number, b0: number, a1: number, b1: number): PolygonJson {
    const ring: Point[] = [];
    for (let a = a0; a < a1; a++) ring.push(this.at(a, b0));
    for (let b = b0; b < b1; b++) ring.push(this.at(a1, b));
    for (let a = a1; a > a0; a--) ring.push(this.at(a, b1));
    for (let b = b1; b > b0; b--) ring.push(this.at(a0, b));
    ring.push(this.at(a0, b0));
    return { type: 'Polygon', coordinates: [ring] };
  }
}
