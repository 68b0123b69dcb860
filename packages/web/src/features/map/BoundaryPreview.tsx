import { Spin, Typography } from 'antd';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L, { type Layer, type PathOptions } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useState } from 'react';
import { GeoJSON, MapContainer, TileLayer } from 'react-leaflet';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { errorMessage } from '../../ui/errors.tsx';
import { GRID_COLOR, loadPublicConfig, SELECTED_COLOR, type PublicConfig } from './shared.ts';

type Level = 'county' | 'town' | 'village' | 'grid';

export interface PreviewRegion {
  id: string;
  level: Level;
  townId: string | null;
  /** Changes when something was saved on the page, to load the shapes again. */
  revision: number;
}

interface Props {
  id: string;
  name: string;
  villageId?: string;
}
type Shapes = FeatureCollection<Geometry, Props>;

/**
 * Where a region's boundary comes from. The region endpoints do not return boundaries, so this reads the map's
 * GeoJSON endpoints: towns from /api/org/map/towns, grids from /api/org/map/grids. There is no endpoint for
 * village or county boundaries: those show the outlines of what they contain (grids, towns) and say so.
 */
async function loadShapes(region: PreviewRegion, signal: AbortSignal): Promise<{ own: boolean; data: Shapes }> {
  const pick = (fc: Shapes, keep: (f: Feature<Geometry, Props>) => boolean): Shapes => ({
    ...fc,
    features: fc.features.filter((f) => f.geometry && keep(f)),
  });
  if (region.level === 'county' || region.level === 'town') {
    const towns = await api<Shapes>('/api/org/map/towns', { signal });
    return region.level === 'town'
      ? { own: true, data: pick(towns, (f) => f.properties.id === region.id) }
      : { own: false, data: pick(towns, () => true) };
  }
  const grids = await api<Shapes>('/api/org/map/grids', { query: { townId: region.townId ?? undefined }, signal });
  return region.level === 'grid'
    ? { own: true, data: pick(grids, (f) => f.properties.id === region.id) }
    : { own: false, data: pick(grids, (f) => f.properties.villageId === region.id) };
}

const CHILD_LEVEL = { county: 'town', town: 'village', village: 'grid', grid: 'grid' } as const;

type State =
  | { status: 'loading' }
  | { status: 'ready'; own: boolean; data: Shapes; config: PublicConfig }
  | { status: 'empty' }
  | { status: 'error'; error: unknown };

/**
 * A small, read-only Leaflet map of one region's boundary (the region page's detail panel). Loaded on demand, so
 * Leaflet stays out of the regions list's chunk.
 *
 * Test hooks: `[data-testid=region-preview]` with `data-status` (loading, ready, empty, error) and `data-source`
 * (own: the region's boundary; children: what it contains); polygons are SVG paths with class `oe-preview`.
 */
export default function BoundaryPreview({ region, height = 200 }: { region: PreviewRegion; height?: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: 'loading' });
    Promise.all([loadShapes(region, ctl.signal), loadPublicConfig()])
      .then(([{ own, data }, config]) => {
        if (ctl.signal.aborted) return;
        setState(data.features.length ? { status: 'ready', own, data, config } : { status: 'empty' });
      })
      .catch((error: unknown) => !ctl.signal.aborted && setState({ status: 'error', error }));
    return () => ctl.abort();
    // The region object is rebuilt on every render of the parent: its fields are the dependencies.
  }, [region.id, region.level, region.townId, region.revision]);

  const bounds = useMemo(() => (state.status === 'ready' ? L.geoJSON(state.data).getBounds() : null), [state]);

  const style = (own: boolean): PathOptions =>
    own
      ? { color: SELECTED_COLOR, weight: 2, fillColor: SELECTED_COLOR, fillOpacity: 0.2, className: 'oe-preview' }
      : { color: GRID_COLOR, weight: 1, dashArray: '3 3', fillOpacity: 0.05, className: 'oe-preview' };
  const onEach = (f: Feature<Geometry, Props>, layer: Layer) => {
    layer.bindTooltip(f.properties.name, { sticky: true, direction: 'top' });
    layer.on('add', () => (layer as L.Path).getElement()?.setAttribute('data-region-id', f.properties.id));
  };

  const frame: React.CSSProperties = {
    height,
    border: '1px solid #f0f0f0',
    borderRadius: 4,
    background: '#eef2f6',
    overflow: 'hidden',
  };

  return (
    <div
      data-testid="region-preview"
      data-status={state.status}
      data-source={state.status === 'ready' ? (state.own ? 'own' : 'children') : undefined}
    >
      {state.status === 'ready' && bounds?.isValid() ? (
        <div style={frame}>
          <MapContainer
            key={`${region.id}-${region.revision}`}
            bounds={bounds}
            boundsOptions={{ padding: [12, 12] }}
            style={{ height: '100%', background: '#eef2f6' }}
            attributionControl={!!state.config.mapTileUrl}
            scrollWheelZoom={false}
            zoomSnap={0.25}
          >
            {state.config.mapTileUrl && (
              <TileLayer url={state.config.mapTileUrl} attribution={state.config.mapTileAttribution ?? undefined} />
            )}
            <GeoJSON data={state.data} style={() => style(state.own)} onEachFeature={onEach} />
          </MapContainer>
        </div>
      ) : (
        <div style={{ ...frame, display: 'grid', placeItems: 'center' }}>
          {state.status === 'loading' ? (
            <Spin size="small" />
          ) : (
            <Typography.Text type={state.status === 'error' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {state.status === 'error' ? errorMessage(i18n, state.error) : t('region.previewEmpty')}
            </Typography.Text>
          )}
        </div>
      )}
      {state.status === 'ready' && !state.own && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
          {t('region.previewChildren', {
            level: t(`level.${region.level}`),
            child: t(`level.${CHILD_LEVEL[region.level]}`),
          })}
        </Typography.Text>
      )}
    </div>
  );
}
