import { z } from 'zod';
import { chinaAt, isoDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import type { RegionDirectory } from '../../organization/index.ts';

/*
 * What an Open311 (GeoReport v2) client may send that our own report API does not take as is: where the problem is
 * given by address_string or address_id instead of lat/long, a jurisdiction_id, and W3C dates without a time.
 */

/**
 * GeoReport v2: the location is lat & long, or address_string, or address_id. Coordinates win. An address_id is a
 * region id of the county's directory (grid, village or town); an address_string is matched against the directory's
 * village and town names. Either gives a point inside that region — the request then says so in its description, so
 * that the operator who triages it confirms the place. An address the directory cannot place is refused (400,
 * naming the fields), never placed at a guessed point.
 */
export function locationOf(
  b: { lat?: number | undefined; long?: number | undefined; address_string?: string; address_id?: string },
  directory: RegionDirectory,
): { lng: number; lat: number; placedBy: { zh: string; en: string } | null } {
  if (b.lat !== undefined && b.long !== undefined) return { lng: b.long, lat: b.lat, placedBy: null };
  if (b.lat !== undefined || b.long !== undefined)
    throw new DomainError('VALIDATION_FAILED', [
      { path: `body.${b.lat === undefined ? 'lat' : 'long'}`, rule: 'lat_long_required' },
    ]);
  if (b.address_id) {
    const region = directory.get(b.address_id);
    const point = region && region.level !== 'county' ? directory.pointInside(region.id) : null;
    if (!region || !point)
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body.address_id', rule: 'address_id_known' }]);
    return {
      ...point,
      placedBy: {
        zh: `位置按 address_id 推定于“${region.name}”，请分流时核实`,
        en: `Placed in ${region.name} from address_id: confirm the place at triage`,
      },
    };
  }
  if (b.address_string) {
    const region = directory.regionNamedIn(b.address_string);
    const point = region ? directory.pointInside(region.id) : null;
    if (!region || !point)
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body.address_string', rule: 'address_resolvable' }]);
    return {
      ...point,
      placedBy: {
        zh: `位置按地址推定于“${region.name}”，请分流时核实`,
        en: `Placed in ${region.name} from the address: confirm the place at triage`,
      },
    };
  }
  throw new DomainError('VALIDATION_FAILED', [{ path: 'body.lat', rule: 'location_required' }]);
}

/**
 * jurisdiction_id: a single-jurisdiction server may ignore it, but one that names another jurisdiction is answered
 * 404 (GeoReport v2: "jurisdiction_id provided was not found"). Ours are the configured ids, else the county's
 * region code and name.
 */
export function checkJurisdiction(id: string | undefined, accepted: readonly string[], path: string): void {
  if (id === undefined || id === '') return;
  if (!accepted.includes(id.trim())) throw new DomainError('NOT_FOUND', [{ path, rule: 'jurisdiction_id_exists' }]);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A GeoReport v2 date (W3C-DTF): a full date-time with its offset, or a date alone (YYYY-MM-DD), read as that day in
 * China time — its start for start_date, its end for end_date.
 */
export function open311Instant(value: string, edge: 'start' | 'end'): Date {
  if (DATE_ONLY.test(value)) {
    const start = chinaAt(value, '00:00');
    return edge === 'start' ? start : new Date(start.getTime() + 86_400_000 - 1);
  }
  return new Date(value);
}

const DATE_TIME = z.iso.datetime({ offset: true });

/** The check of a date parameter: a date-time with its offset, or a date alone. */
export function isOpen311Date(value: string): boolean {
  return DATE_ONLY.test(value) ? isoDate.safeParse(value).success : DATE_TIME.safeParse(value).success;
}
