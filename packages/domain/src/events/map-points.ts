import type { EventMap, MapPoint } from './api.ts';

/*
 * The command map's points (GET /api/events/map) in a compact, columnar encoding: one array per field instead of an
 * object per point, status / category / escalation as indexes into the lists the answer carries, coordinates to
 * 1e-5° (about a metre). Seven days of a busy county were 290 KB as objects; columns are under half of it and far
 * cheaper to build and parse. The web decodes them back into points (`decodeMapPoints`) before clustering.
 */

// The schema (`eventMap`) is in api.ts with the other response contracts: a module the web imports for the decoder
// must not build zod schemas at load (the phone pages would download zod for it).
export type MapPointsResponse = EventMap;

const COORDINATE_SCALE = 1e5;
const round = (x: number) => Math.round(x * COORDINATE_SCALE) / COORDINATE_SCALE;

/** A value's index in a list built as values are met (a dictionary of the few distinct values). */
function dictionary() {
  const values: string[] = [];
  const index = new Map<string, number>();
  return {
    values,
    of(v: string): number {
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        index.set(v, i);
      }
      return i;
    },
  };
}

export function encodeMapPoints(points: readonly MapPoint[], truncated: boolean): MapPointsResponse {
  const statuses = dictionary();
  const categories = dictionary();
  const escalations = dictionary();
  const n = points.length;
  const out: MapPointsResponse = {
    truncated,
    statuses: statuses.values,
    categories: categories.values,
    escalations: escalations.values,
    id: new Array<string>(n),
    lng: new Array<number>(n),
    lat: new Array<number>(n),
    status: new Array<number>(n),
    category: new Array<number>(n),
    escalation: new Array<number>(n),
  };
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    out.id[i] = p.id;
    out.lng[i] = round(p.lng);
    out.lat[i] = round(p.lat);
    out.status[i] = statuses.of(p.status);
    out.category[i] = categories.of(p.category);
    out.escalation[i] = escalations.of(p.escalation);
  }
  return out;
}

export function decodeMapPoints(r: MapPointsResponse): MapPoint[] {
  return r.id.map((id, i) => ({
    id,
    lng: r.lng[i]!,
    lat: r.lat[i]!,
    status: r.statuses[r.status[i]!]! as MapPoint['status'],
    category: r.categories[r.category[i]!]!,
    escalation: r.escalations[r.escalation[i]!]! as MapPoint['escalation'],
  }));
}
