import { useQuery } from '@tanstack/react-query';
import type { CircleMarker as LeafletCircleMarker } from 'leaflet';
import { useEffect, useRef } from 'react';
import { CircleMarker, useMap, useMapEvents } from 'react-leaflet';
import { BaseMap, COUNTY_CENTRE, ExposeMap, TownOutlines } from '../../ui/BaseMap.tsx';
import { bindTextTooltip } from '../../ui/mapText.ts';
import { locateQuery, mapTownsQuery } from '../map/queries.ts';
import type { LngLat } from './position.ts';

function Pick({ onPick }: { onPick: (p: LngLat) => void }) {
  useMapEvents({
    click: (e) => onPick({ lng: Math.round(e.latlng.lng * 1e6) / 1e6, lat: Math.round(e.latlng.lat * 1e6) / 1e6 }),
  });
  return null;
}

function Follow({ at }: { at: LngLat | null }) {
  const map = useMap();
  useEffect(() => {
    if (at) map.setView([at.lat, at.lng], Math.max(map.getZoom(), 15));
  }, [map, at]);
  return null;
}

const TOWN_STYLE = { color: '#5b7090', weight: 1, fillColor: '#fff', fillOpacity: 0.6 };

/** A small map to tap the place on, when the device gives no location (or a wrong one). */
export default function LocationPicker({ value, onPick }: { value: LngLat | null; onPick: (p: LngLat) => void }) {
  const towns = useQuery(mapTownsQuery);
  // The same read as the place named in the location card (PlaceName): one request per point.
  const located = useQuery({ ...locateQuery(value?.lng ?? 0, value?.lat ?? 0), enabled: !!value, retry: false });
  const names = located.data
    ? [located.data.town.name, located.data.village.name, located.data.grid.name].join(' / ')
    : null;
  const pin = useRef<LeafletCircleMarker>(null);
  // The pin says where it is in words (town / village / grid), as text (mapText.ts), never as coordinates.
  useEffect(() => {
    const marker = pin.current;
    if (!marker || !names) return;
    bindTextTooltip(marker, names, {
      permanent: true,
      direction: 'bottom',
      offset: [0, 10],
      className: 'oe-pin-place',
    });
    return () => {
      marker.unbindTooltip();
    };
  }, [names, value]);
  return (
    <div className="oe-pick-map" data-testid="pick-map">
      <BaseMap center={value ? [value.lat, value.lng] : COUNTY_CENTRE} zoom={value ? 15 : 11} sources={[towns]}>
        <TownOutlines data={towns.data} style={TOWN_STYLE} interactive={false} />
        <Pick onPick={onPick} />
        <Follow at={value} />
        <ExposeMap as="__oePickMap" />
        {value && (
          <CircleMarker
            ref={pin}
            center={[value.lat, value.lng]}
            radius={9}
            pathOptions={{ color: '#fff', weight: 2, fillColor: '#f5222d', fillOpacity: 1 }}
          />
        )}
      </BaseMap>
    </div>
  );
}
