import { polygonGeometry } from '@openenforce/domain/organization';

export type PolygonGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** A boundary read from pasted or uploaded GeoJSON text: the geometry to send, or the rule it breaks and where. */
export type BoundaryParse =
  | { ok: true; geometry: PolygonGeometry; polygons: number; positions: number }
  | { ok: false; rule: string; at?: string };

/** Files larger than this are refused before reading (the API takes request bodies of about 1 MB). */
export const BOUNDARY_FILE_MAX_BYTES = 1_000_000;

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * Takes a geometry, a Feature, or a FeatureCollection with exactly one feature (what GIS tools export), and
 * returns its geometry. Two RFC 7946 members the contract does not take are dropped rather than refused: a
 * `bbox`, and a third (altitude) value in positions.
 */
function geometryOf(doc: unknown): { geometry: unknown } | { rule: string } {
  if (!isObject(doc)) return { rule: 'geojson_object' };
  let g: unknown = doc;
  if (doc.type === 'FeatureCollection') {
    const features = Array.isArray(doc.features) ? doc.features : [];
    if (features.length !== 1) return { rule: `geojson_one_feature:${features.length}` };
    g = features[0];
  }
  if (isObject(g) && g.type === 'Feature') g = g.geometry;
  if (g === null || g === undefined) return { rule: 'geojson_no_geometry' };
  if (!isObject(g)) return { rule: 'geojson_object' };
  const { bbox: _bbox, ...rest } = g;
  const flat = (c: unknown, depth: number): unknown =>
    Array.isArray(c) ? (depth === 0 && c.length > 2 ? c.slice(0, 2) : c.map((x) => flat(x, depth - 1))) : c;
  const depth = rest.type === 'Polygon' ? 2 : rest.type === 'MultiPolygon' ? 3 : -1;
  return { geometry: depth < 0 ? rest : { ...rest, coordinates: flat(rest.coordinates, depth) } };
}

/** A zod issue of `polygonGeometry` as a rule id the console translates (rule.*). */
function ruleOf(issue: { code?: string; message: string; path: PropertyKey[]; origin?: unknown; minimum?: unknown }) {
  if (issue.message === 'ring_closed') return 'ring_closed';
  if (issue.path.length === 1 && issue.path[0] === 'type') return 'polygon_or_multipolygon';
  if (issue.origin === 'number') return 'lng_lat_range';
  // A ring is the only list with at least 4 members.
  if (issue.code === 'too_small' && issue.origin === 'array' && issue.minimum === 4) return 'ring_min_4_positions';
  return issue.code ?? issue.message;
}

/** Reads GeoJSON text and checks it with the shared contract (`polygonGeometry`), as the server will. */
export function parseBoundary(text: string): BoundaryParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, rule: 'geojson_syntax' };
  }
  const found = geometryOf(doc);
  if ('rule' in found) return { ok: false, rule: found.rule };
  const parsed = polygonGeometry.safeParse(found.geometry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, rule: ruleOf(issue), at: issue.path.length ? issue.path.join('.') : undefined };
  }
  const geometry = parsed.data as PolygonGeometry;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const positions = polygons.reduce((n, p) => n + p.reduce((m, ring) => m + ring.length, 0), 0);
  return { ok: true, geometry, polygons: polygons.length, positions };
}
