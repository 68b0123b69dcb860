import { z } from 'zod';
import { chinaAt, isoDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import type { RegionDirectory } from '../../organization/index.ts';

/*
 * What an Open311 (GeoReport v2) client may send that our own report API does not take as is: where the problem is
 * given by address_string or address_id instead of lat/long, a jurisdiction_id, and W3C dates without a time.
 */

/** Where an Open311 request is, and how it was found. */
export interface Placement {
  lng: number;
  lat: number;
  /** Said in the description when the place was inferred from an address (the operator confirms it at triage). */
  placedBy: { zh: string; en: string } | null;
  /** The address named no place the directory knows: the request waits at triage to be placed. */
  unresolved: boolean;
}

/**
 * GeoReport v2: the location is lat & long, or address_string, or address_id. Coordinates win. An address_id is a
 * region id of the county's directory (grid, village or town); an address_string is matched against the directory's
 * village and town names. Either gives a point inside that region — the request then says so in its description, so
 * that the operator who triages it confirms the place. An address the directory cannot place is accepted and queued
 * for triage (`unresolved`: the county's own point, no town, village or grid — the operator places it), never put in
 * a town at a guessed point. No location at all is refused (400, naming the fields).
 */
export function locationOf(
  b: { lat?: number | undefined; long?: number | undefined; address_string?: string; address_id?: string },
  directory: RegionDirectory,
): Placement {
  if (b.lat !== undefined && b.long !== undefined)
    return { lng: b.long, lat: b.lat, placedBy: null, unresolved: false };
  if (b.lat !== undefined || b.long !== undefined)
    throw new DomainError('VALIDATION_FAILED', [
      { path: `body.${b.lat === undefined ? 'lat' : 'long'}`, rule: 'lat_long_required' },
    ]);
  if (!b.address_id && !b.address_string)
    throw new DomainError('VALIDATION_FAILED', [{ path: 'body.lat', rule: 'location_required' }]);
  const byId = b.address_id ? directory.get(b.address_id) : undefined;
  const region =
    byId && byId.level !== 'county'
      ? { id: byId.id, name: byId.name }
      : b.address_string
        ? directory.regionNamedIn(b.address_string)
        : null;
  const point = region ? directory.pointInside(region.id) : null;
  if (region && point) {
    const from = byId ? { zh: '按 address_id', en: 'from address_id' } : { zh: '按地址', en: 'from the address' };
    return {
      ...point,
      placedBy: {
        zh: `位置${from.zh}推定于“${region.name}”，请分流时核实`,
        en: `Placed in ${region.name} ${from.en}: confirm the place at triage`,
      },
      unresolved: false,
    };
  }
  const county = directory.county();
  const anywhere = county ? directory.pointInside(county.id) : null;
  if (!anywhere) throw new DomainError('VALIDATION_FAILED', [{ path: 'body.lat', rule: 'location_required' }]);
  return {
    ...anywhere,
    placedBy: {
      zh: '地址未能在区划目录中找到，请分流时确定位置',
      en: 'The address names no place in the region directory: place it at triage',
    },
    unresolved: true,
  };
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
