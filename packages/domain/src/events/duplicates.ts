/*
 * Duplicate detection (SPEC §3 "merged with a duplicate nearby"): a report of the same category within the
 * category's radius and time window of an open event is offered as a duplicate before submit.
 */

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine): accurate to well under a metre at county scale. */
export function distanceM(aLng: number, aLat: number, bLng: number, bLat: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A lng/lat box around a point that contains every point within `radiusM` (for an index range before the exact test). */
export function boxAround(lng: number, lat: number, radiusM: number) {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return { minLng: lng - dLng, maxLng: lng + dLng, minLat: lat - dLat, maxLat: lat + dLat };
}

export interface DuplicateCandidate {
  id: string;
  lng: number;
  lat: number;
  reportedAt: Date;
}

/** The candidates within radius and window, nearest first, with their distance. */
export function rankDuplicates<T extends DuplicateCandidate>(
  report: { lng: number; lat: number; at: Date },
  candidates: readonly T[],
  radiusM: number,
  windowHours: number,
): (T & { distanceM: number })[] {
  const since = report.at.getTime() - windowHours * 3_600_000;
  return candidates
    .filter((c) => c.reportedAt.getTime() >= since)
    .map((c) => ({ ...c, distanceM: Math.round(distanceM(report.lng, report.lat, c.lng, c.lat) * 10) / 10 }))
    .filter((c) => c.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM);
}
