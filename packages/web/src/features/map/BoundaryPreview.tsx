import { useQuery } from '@tanstack/react-query';
import { Spin, Typography } from 'antd';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L, { type Layer, type PathOptions } from 'leaflet';
import { useMemo } from 'react';
import { GeoJSON } from 'react-leaflet';
import { useI18n } from '../../app/i18n.tsx';
import { BaseMap, dataKey, MAP_BACKGROUND } from '../../ui/BaseMap.tsx';
import { bindTextTooltip } from '../../ui/mapText.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { mapGridsQuery, mapTownsQuery } from './queries.ts';
import { GRID_COLOR, SELECTED_COLOR } from './shared.ts';

type Level = 'county' | 'town' | 'village' | 'grid';

export interface PreviewRegion {
  id: string;
  level: Level;
  townId: string | null;
}

interface Props {
  id: string;
  name: string;
  villageId?: string;
}
type Shapes = FeatureCollection<Geometry, Props>;

const CHILD_LEVEL = { county: 'town', town: 'village', village: 'grid', grid: 'grid' } as const;

/**
 * Where a region's boundary comes from. The region endpoints do not return boundaries, so this reads the map's
 * GeoJSON queries: towns from /api/org/map/towns, grids from /api/org/map/grids. There is no endpoint for village
 * or county boundaries: those show the outlines of what they contain (grids, towns) and say so.
 */
function shapesOf(region: PreviewRegion, towns: Shapes | undefined, grids: Shapes | undefined) {
  const pick = (fc: Shapes, keep: (f: Feature<Geometry, Props>) => boolean): Shapes => ({
    ...fc,
    features: fc.features.filter((f) => f.geometry && keep(f)),
  });
  if (region.level === 'county' || region.level === 'town') {
    if (!towns) return null;
    return region.level === 'town'
      ? { own: true, data: pick(towns, (f) => f.properties.id === region.id) }
      : { own: false, data: pick(towns, () => true) };
  }
  if (!grids) return null;
  return region.level === 'grid'
    ? { own: true, data: pick(grids, (f) => f.properties.id === region.id) }
    : { own: false, data: pick(grids, (f) => f.properties.villageId === region.id) };
}

/**
 * A small, read-only Leaflet map of one region's boundary (the region page's detail panel). Loaded on demand, so
 * Leaflet stays out of the regions list's chunk. A save on the regions page invalidates the map queries, so the
 * preview follows a changed boundary.
 *
 * Test hooks: `[data-testid=region-preview]` with `data-status` (loading, ready, empty, error) and `data-source`
 * (own: the region's boundary; children: what it contains); polygons are SVG paths with class `oe-preview`.
 */
export default function BoundaryPreview({ region, height = 200 }: { region: PreviewRegion; height?: number }) {
  const { t } = useI18n();
  const byTowns = region.level === 'county' || region.level === 'town';
  const towns = useQuery({ ...mapTownsQuery, enabled: byTowns });
  const grids = useQuery({ ...mapGridsQuery(region.townId), enabled: !byTowns });
  const query = byTowns ? towns : grids;
  const shapes = useMemo(
    () => shapesOf(region, towns.data as Shapes | undefined, grids.data as Shapes | undefined),
    [region.id, region.level, towns.data, grids.data],
  );
  const bounds = useMemo(() => (shapes?.data.features.length ? L.geoJSON(shapes.data).getBounds() : null), [shapes]);
  const status = query.isError && !shapes ? 'error' : !shapes ? 'loading' : bounds?.isValid() ? 'ready' : 'empty';

  const style = (own: boolean): PathOptions =>
    own
      ? { color: SELECTED_COLOR, weight: 2, fillColor: SELECTED_COLOR, fillOpacity: 0.2, className: 'oe-preview' }
      : { color: GRID_COLOR, weight: 1, dashArray: '3 3', fillOpacity: 0.05, className: 'oe-preview' };
  const onEach = (f: Feature<Geometry, Props>, layer: Layer) => {
    bindTextTooltip(layer, f.properties.name, { sticky: true, direction: 'top' });
    layer.on('add', () => (layer as L.Path).getElement()?.setAttribute('data-region-id', f.properties.id));
  };

  const frame: React.CSSProperties = {
    height,
    border: '1px solid #f0f0f0',
    borderRadius: 4,
    background: MAP_BACKGROUND,
    overflow: 'hidden',
  };

  return (
    <div
      data-testid="region-preview"
      data-status={status}
      data-source={status === 'ready' ? (shapes!.own ? 'own' : 'children') : undefined}
    >
      {status === 'ready' ? (
        <div style={frame}>
          <BaseMap
            key={`${region.id}-${dataKey(shapes!.data)}`}
            bounds={bounds!}
            boundsOptions={{ padding: [12, 12] }}
            scrollWheelZoom={false}
            zoomSnap={0.25}
          >
            <GeoJSON data={shapes!.data} style={() => style(shapes!.own)} onEachFeature={onEach} />
          </BaseMap>
        </div>
      ) : (
        <div style={{ ...frame, display: 'grid', placeItems: 'center' }}>
          {status === 'loading' ? (
            <Spin size="small" />
          ) : status === 'error' ? (
            <QueryError query={query} compact />
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('region.previewEmpty')}
            </Typography.Text>
          )}
        </div>
      )}
      {status === 'ready' && !shapes!.own && (
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
