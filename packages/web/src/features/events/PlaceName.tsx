import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { ApiError } from '../../app/api.ts';
import { locateQuery } from '../map/queries.ts';
import { useEventsI18n } from './messages.ts';
import type { LngLat } from './position.ts';

/** A picked point in words: town / village / grid under it (coordinates only as a hint, never alone). */
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
    return <Typography.Text type="danger">{te('ev.report.outsideCounty')}</Typography.Text>;
  return <Typography.Text type="secondary">{place.isPending ? te('ev.report.locating') : coords}</Typography.Text>;
}
