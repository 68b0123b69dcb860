import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../app/api.ts';
import { COLORS } from '../../app/theme.ts';
import { locateQuery } from '../map/queries.ts';
import { useEventsI18n } from './messages.ts';
import type { LngLat } from './position.ts';

/**
 * A picked point in words: town / village / grid under it (coordinates only as a hint, never alone). Plain spans,
 * not antd's Typography: the report page is a phone's first load, and Typography brings its editing and tooltips.
 */
export function PlaceName({ at }: { at: LngLat }) {
  const { te } = useEventsI18n();
  const place = useQuery(locateQuery(at.lng, at.lat));
  const coords = `${at.lng.toFixed(6)}, ${at.lat.toFixed(6)}`;
  if (place.data)
    return (
      <span title={coords} data-testid="place-name">
        {[place.data.town.name, place.data.village.name, place.data.grid.name].join(' / ')}
      </span>
    );
  if (place.error instanceof ApiError && place.error.code === 'ORG_POINT_OUTSIDE')
    return <span style={{ color: COLORS.error }}>{te('ev.report.outsideCounty')}</span>;
  return <span style={{ color: COLORS.textSecondary }}>{place.isPending ? te('ev.report.locating') : coords}</span>;
}
