import type { PublicConfig } from '@openenforce/domain/common';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import type { FeatureCollection, Geometry } from 'geojson';
import L, { type Layer, type Map as LeafletMap, type PathOptions } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, type CSSProperties, type ReactNode } from 'react';
import { GeoJSON, MapContainer, TileLayer, useMap, type MapContainerProps } from 'react-leaflet';
import { api } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';
import { bindTextTooltip } from './mapText.ts';
import './maps.css';
import { QueryError, type Retryable } from './QueryError.tsx';

/*
 * The one Leaflet base map of the app (the organization map, the boundary previews, the command centre's event
 * map, the phone's location picker): the configured tile layer, or a blank background when there is none (the
 * machine may have no internet), and the errors of the layers drawn on it, each with a retry.
 */

/** Map settings from GET /api/config/public (the server's response contract). */
export type { PublicConfig };

export const publicConfigQuery = queryOptions({
  queryKey: ['/api/config/public'],
  queryFn: ({ signal }) => api<PublicConfig>('/api/config/public', { signal }),
  staleTime: Infinity,
});

/** Where a map opens before it knows better (Wenling, the demo county). */
export const COUNTY_CENTRE: [number, number] = [28.4, 121.42];

export const MAP_BACKGROUND = '#eef2f6';

export function BaseMap({
  children,
  sources = [],
  style,
  testId,
  ...props
}: Omit<MapContainerProps, 'style' | 'attributionControl'> & {
  children?: ReactNode;
  /** The queries whose data this map draws: a failed one is shown over the map with a retry. */
  sources?: readonly Retryable[];
  style?: CSSProperties;
  testId?: string;
}) {
  const config = useQuery(publicConfigQuery);
  const { t } = useI18n();
  const tiles = config.data?.mapTileUrl ?? null;
  return (
    <div style={{ position: 'relative', height: '100%', ...style }} data-testid={testId}>
      {config.isPending ? (
        <div style={{ height: '100%', display: 'grid', placeItems: 'center', background: MAP_BACKGROUND }}>
          <Spin />
        </div>
      ) : (
        // Without the settings (a failed request) the map is drawn blank and says so; tiles come once retried.
        <MapContainer style={{ height: '100%', background: MAP_BACKGROUND }} attributionControl={!!tiles} {...props}>
          {tiles && <TileLayer url={tiles} attribution={config.data?.mapTileAttribution ?? undefined} />}
          <NoAttributionPrefix />
          {children}
        </MapContainer>
      )}
      {config.data && !tiles && (
        <div className="oe-map-hint" data-testid="map-tile-hint">
          {t('map.noTiles')}
        </div>
      )}
      <div className="oe-map-notice">
        <QueryError queries={[config, ...sources]} compact testId="map-error" />
      </div>
    </div>
  );
}

/** The attribution names the tile provider only (Leaflet's own "Leaflet" prefix and flag are not shown). */
function NoAttributionPrefix() {
  const map = useMap();
  useEffect(() => {
    map.attributionControl?.setPrefix(false);
  }, [map]);
  return null;
}

/** Fits the map to the features whenever they change. */
export function FitTo({ data, padding = 16 }: { data: FeatureCollection | null | undefined; padding?: number }) {
  const map = useMap();
  useEffect(() => {
    if (!data || data.features.length === 0) return;
    const b = L.geoJSON(data).getBounds();
    // No animation: a map unmounted or re-rendered mid-zoom (a language switch) would read its removed panes.
    if (b.isValid()) map.fitBounds(b, { padding: [padding, padding], animate: false });
  }, [map, data, padding]);
  return null;
}

declare global {
  interface Window {
    __oeMap?: LeafletMap;
    __oePickMap?: LeafletMap;
  }
}

/**
 * Exposes the Leaflet map as `window[name]` while mounted, so that a browser test can click at a coordinate
 * (`latLngToContainerPoint`). Read-only inspection of public map data.
 */
export function ExposeMap({ as }: { as: '__oeMap' | '__oePickMap' }) {
  const map = useMap();
  useEffect(() => {
    window[as] = map;
    return () => {
      if (window[as] === map) delete window[as];
    };
  }, [map, as]);
  return null;
}

const dataKeys = new WeakMap<object, number>();
let nextDataKey = 0;
/**
 * A React key for a GeoJSON layer's data: react-leaflet's GeoJSON reads `data` once, so new data (a query that
 * refetched) must mount a new layer.
 */
export function dataKey(data: object): number {
  let k = dataKeys.get(data);
  if (k === undefined) dataKeys.set(data, (k = ++nextDataKey));
  return k;
}

/** Town outlines with their names as plain labels: the background of the event maps. */
export function TownOutlines({
  data,
  style,
  interactive = true,
}: {
  data: FeatureCollection<Geometry, { name?: string }> | undefined;
  style: PathOptions;
  interactive?: boolean;
}) {
  if (!data) return null;
  return (
    <GeoJSON
      key={dataKey(data)}
      data={data}
      interactive={interactive}
      style={style}
      onEachFeature={(f, layer: Layer) => {
        const name = f.properties?.name;
        if (name) bindTextTooltip(layer, name, { permanent: true, direction: 'center', className: 'oe-town-name' });
      }}
    />
  );
}
