/**
 * Small planar helpers for GeoJSON polygons in WGS-84 lng/lat. A grid or a town covers a few kilometres, so
 * planar formulas on degrees are accurate enough for bounding boxes, label points and point-in-polygon tests.
 */

export type Position = readonly number[];

/** GeoJSON Polygon or MultiPolygon geometry (rings closed: first position = last). */
export type PolygonGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];

/** All rings of a geometry (outer rings and holes), whichever its type. */
export function ringsOf(geometry: PolygonGeometry): (readonly Position[])[] {
  return geometry.type === 'Polygon' ? [...geometry.coordinates] : geometry.coordinates.flat();
}

/** Bounding box of a Polygon or MultiPolygon. */
export function bboxOf(geometry: PolygonGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of ringsOf(geometry)) {
    for (const p of ring) {
      const x = p[0] ?? NaN;
      const y = p[1] ?? NaN;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (!(minX <= maxX && minY <= maxY)) throw new RangeError('Geometry has no valid coordinates');
  return [minX, minY, maxX, maxY];
}

/**
 * Area-weighted centroid (shoelace formula); holes subtract because their signed area is opposite to their outer
 * ring. Degenerate (zero-area) geometries fall back to the mean of their vertices, so a label can still be placed.
 */
export function centroidOf(geometry: PolygonGeometry): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      const first = ring[0];
      if (!first) return;
      // Shift to the ring's first vertex: keeps the cross products small and precise at lng ≈ 121.
      const ox = first[0] ?? 0;
      const oy = first[1] ?? 0;
      let ringArea = 0;
      let rx = 0;
      let ry = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const x0 = (ring[i]?.[0] ?? 0) - ox;
        const y0 = (ring[i]?.[1] ?? 0) - oy;
        const x1 = (ring[i + 1]?.[0] ?? 0) - ox;
        const y1 = (ring[i + 1]?.[1] ?? 0) - oy;
        const cross = x0 * y1 - x1 * y0;
        ringArea += cross;
        rx += (x0 + x1) * cross;
        ry += (y0 + y1) * cross;
        sx += ox + x0;
        sy += oy + y0;
        count++;
      }
      // GeoJSON: outer rings counter-clockwise, holes clockwise; normalise in case a source ignores that.
      const sign = (r === 0) === ringArea >= 0 ? 1 : -1;
      area += (sign * ringArea) / 2;
      cx += sign * (rx / 6 + (ox * ringArea) / 2);
      cy += sign * (ry / 6 + (oy * ringArea) / 2);
    });
  }
  if (Math.abs(area) < 1e-18) {
    if (count === 0) throw new RangeError('Geometry has no valid coordinates');
    return [sx / count, sy / count];
  }
  return [cx / area, cy / area];
}

/**
 * Rings as flat [x0, y0, x1, y1, …] arrays: the shape the point-in-polygon loop reads without allocating.
 */
export function flattenRings(geometry: PolygonGeometry): Float64Array[] {
  return ringsOf(geometry).map((ring) => {
    const flat = new Float64Array(ring.length * 2);
    ring.forEach((p, i) => {
      flat[2 * i] = p[0] ?? NaN;
      flat[2 * i + 1] = p[1] ?? NaN;
    });
    return flat;
  });
}

/**
 * Even-odd ray casting over all rings (so holes and the parts of a MultiPolygon need no special case).
 * A point on an edge or vertex counts as inside: whoever stands on a grid line belongs to some grid.
 */
export function pointInRings(rings: readonly Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r] as Float64Array;
    const n = ring.length;
    let xj = ring[n - 2] as number;
    let yj = ring[n - 1] as number;
    for (let k = 0; k < n; k += 2) {
      const xi = ring[k] as number;
      const yi = ring[k + 1] as number;
      if (yi > y !== yj > y) {
        // Edge straddles the horizontal line through the point (half-open, so a shared vertex counts once).
        const t = (xj - xi) * (y - yi) - (x - xi) * (yj - yi);
        if (t === 0) return true; // on the edge
        if (yj > yi ? t > 0 : t < 0) inside = !inside;
      } else if (yi === y && (xi === x || (yj === y && (xi - x) * (xj - x) <= 0))) {
        return true; // on a vertex or a horizontal edge, which the half-open test above skips
      }
      xj = xi;
      yj = yi;
    }
  }
  return inside;
}
