import { AimOutlined } from '@ant-design/icons';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Descriptions, Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L, { type LatLng, type Layer, type PathOptions } from 'leaflet';
import './map.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CircleMarker, GeoJSON, Pane, useMap, useMapEvents } from 'react-leaflet';
import { api, ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { BaseMap, dataKey, ExposeMap, FitTo } from '../../ui/BaseMap.tsx';
import { errorMessage } from '../../ui/errors.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { bindTextTooltip, textLabel } from '../../ui/mapText.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { TOWN_MODE_COLORS, TownModeTag } from '../organization/labels.tsx';
import { mapGridsQuery, mapTownsQuery, type GridProps, type TownProps } from './queries.ts';
import { GRID_COLOR, SELECTED_COLOR } from './shared.ts';

/**
 * The organization map: towns coloured by mode (赋权 / 派驻), grids of one town or all, and "who is responsible
 * here" for a clicked point (GET /api/org/locate).
 *
 * Test hooks: the map wrapper is `[data-testid=org-map]`, grid polygons are SVG paths with class `oe-grid` and
 * `data-grid-id`, the result panel is `[data-testid=locate-panel]` (with `data-lng`/`data-lat` of the click), and
 * the Leaflet map instance is exposed as `window.__oeMap` (always: it is read-only inspection of public data), so a
 * browser test can click at `__oeMap.latLngToContainerPoint(...)`.
 */

interface LocateResult {
  grid: { id: string; name: string };
  village: { id: string; name: string };
  town: { id: string; name: string; townMode: 'empowered' | 'dispatched' | null };
  squad: { id: string; name: string } | null;
}
type Locate =
  | { status: 'loading'; at: LatLng }
  | { status: 'done'; at: LatLng; result: LocateResult }
  | { status: 'error'; at: LatLng; error: unknown; retry: () => void };

/** "Who is responsible here" for one point (GET /api/org/locate). */
const locateQuery = (at: LatLng | null) =>
  queryOptions({
    queryKey: ['/api/org/locate', { lng: at?.lng, lat: at?.lat }],
    queryFn: ({ signal }) => api<LocateResult>('/api/org/locate', { query: { lng: at!.lng, lat: at!.lat }, signal }),
    enabled: !!at,
    staleTime: 5 * 60_000,
  });

/** Grid names are drawn from this zoom on (below it they would cover the map); hovering names a grid at any zoom. */
const GRID_LABEL_ZOOM = 14;
/** At most this many names at once (the grids in view). */
const MAX_GRID_LABELS = 300;

/** The names of the grids in view, as labels at their centres, once the map is zoomed in far enough. */
function GridLabels({ grids }: { grids: FeatureCollection<Geometry, GridProps> | null }) {
  const map = useMap();
  const centres = useMemo(
    () =>
      (grids?.features ?? []).map((f) => ({
        name: f.properties.name,
        at: L.geoJSON(f).getBounds().getCenter(),
      })),
    [grids],
  );
  useEffect(() => {
    const group = L.layerGroup().addTo(map);
    const draw = () => {
      group.clearLayers();
      if (map.getZoom() < GRID_LABEL_ZOOM) return;
      const view = map.getBounds();
      centres
        .filter((c) => view.contains(c.at))
        .slice(0, MAX_GRID_LABELS)
        .forEach((c) => group.addLayer(textLabel(c.at, c.name, 'oe-grid-label')));
    };
    draw();
    map.on('zoomend moveend', draw);
    return () => {
      map.off('zoomend moveend', draw);
      group.remove();
    };
  }, [map, centres]);
  return null;
}

function ClickToLocate({ onClick }: { onClick: (at: LatLng) => void }) {
  useMapEvents({ click: (e) => onClick(e.latlng) });
  return null;
}

function Legend() {
  const { t } = useI18n();
  const swatch = (color: string, fill: number, dashed = false) => (
    <span
      style={{
        display: 'inline-block',
        width: 14,
        height: 10,
        border: `${dashed ? '1px dashed' : '2px solid'} ${color}`,
        background: `color-mix(in srgb, ${color} ${fill}%, transparent)`,
        marginInlineEnd: 6,
        verticalAlign: -1,
      }}
    />
  );
  return (
    <div
      data-testid="map-legend"
      style={{
        position: 'absolute',
        left: 12,
        bottom: 12,
        zIndex: 500,
        background: 'rgba(255,255,255,0.94)',
        border: '1px solid #d9d9d9',
        borderRadius: 4,
        padding: '8px 12px',
        fontSize: 12,
        lineHeight: '20px',
        boxShadow: '0 1px 4px rgba(0,0,0,0.12)',
      }}
    >
      <div style={{ fontWeight: 600, marginBottom: 2 }}>{t('map.legend')}</div>
      <div>
        {swatch(TOWN_MODE_COLORS.empowered, 22)}
        {t('map.legendEmpowered')}
      </div>
      <div>
        {swatch(TOWN_MODE_COLORS.dispatched, 22)}
        {t('map.legendDispatched')}
      </div>
      <div>
        {swatch(GRID_COLOR, 0, true)}
        {t('map.legendGrid')}
      </div>
      <div>
        {swatch(SELECTED_COLOR, 35)}
        {t('map.legendSelected')}
      </div>
    </div>
  );
}

function LocatePanel({ locate }: { locate: Locate | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!locate)
    return (
      <Empty
        image={<AimOutlined style={{ fontSize: 40, color: '#bfbfbf' }} />}
        styles={{ image: { height: 48 } }}
        description={t('map.clickHint')}
      />
    );
  const coords = `${locate.at.lng.toFixed(6)}, ${locate.at.lat.toFixed(6)}`;
  return (
    <div data-testid="locate-panel" data-lng={locate.at.lng} data-lat={locate.at.lat} data-status={locate.status}>
      {locate.status === 'loading' && <Spin />}
      {locate.status === 'error' &&
        (locate.error instanceof ApiError && locate.error.code === 'ORG_POINT_OUTSIDE' ? (
          <Alert type="info" showIcon title={errorMessage(i18n, locate.error)} />
        ) : (
          <QueryError query={{ error: locate.error, isError: true, refetch: locate.retry }} />
        ))}
      {locate.status === 'done' && (
        <Descriptions
          column={1}
          size="small"
          bordered
          styles={{ label: { width: 108, whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'town',
              label: t('map.town'),
              children: (
                <Space size={6} wrap>
                  <span data-testid="locate-town">{locate.result.town.name}</span>
                  <TownModeTag mode={locate.result.town.townMode} />
                </Space>
              ),
            },
            {
              key: 'village',
              label: t('map.village'),
              children: <span data-testid="locate-village">{locate.result.village.name}</span>,
            },
            {
              key: 'grid',
              label: t('map.grid'),
              children: <span data-testid="locate-grid">{locate.result.grid.name}</span>,
            },
            {
              key: 'squad',
              label: t('map.squad'),
              children: (
                <span data-testid="locate-squad">
                  {locate.result.squad ? (
                    locate.result.squad.name
                  ) : (
                    <Typography.Text type="secondary">{t('map.noSquad')}</Typography.Text>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {t('map.coordinates')}: {coords}
      </Typography.Text>
    </div>
  );
}

export default function MapPage() {
  const { t } = useI18n();
  const [townId, setTownId] = useState<string | null>(null);
  const [showTowns, setShowTowns] = useState(true);
  const [showGrids, setShowGrids] = useState(true);
  const [clicked, setClicked] = useState<LatLng | null>(null);
  const located = useQuery(locateQuery(clicked));
  const locate: Locate | null = !clicked
    ? null
    : located.data
      ? { status: 'done', at: clicked, result: located.data }
      : located.isError
        ? { status: 'error', at: clicked, error: located.error, retry: () => void located.refetch() }
        : { status: 'loading', at: clicked };
  const townsQuery = useQuery(mapTownsQuery);
  const gridsQuery = useQuery(mapGridsQuery(townId));
  const towns = townsQuery.data ?? null;
  const grids = gridsQuery.data ?? null;

  const onClick = useCallback((at: LatLng) => setClicked(at), []);

  const selectedGridId = locate?.status === 'done' ? locate.result.grid.id : null;

  const townStyle = useCallback((f?: Feature<Geometry, TownProps>): PathOptions => {
    const color = f?.properties.townMode === 'dispatched' ? TOWN_MODE_COLORS.dispatched : TOWN_MODE_COLORS.empowered;
    return { color, weight: 2, fillColor: color, fillOpacity: 0.16, className: 'oe-town' };
  }, []);

  const gridStyle = useCallback(
    (f?: Feature<Geometry, GridProps>): PathOptions =>
      f?.properties.id === selectedGridId
        ? {
            color: SELECTED_COLOR,
            weight: 2.5,
            dashArray: undefined,
            fillColor: SELECTED_COLOR,
            fillOpacity: 0.35,
            className: 'oe-grid',
          }
        : {
            color: GRID_COLOR,
            weight: 0.8,
            dashArray: '3 3',
            fillColor: '#ffffff',
            fillOpacity: 0.01,
            className: 'oe-grid',
          },
    [selectedGridId],
  );

  const onEachTown = useCallback((f: Feature<Geometry, TownProps>, layer: Layer) => {
    bindTextTooltip(layer, f.properties.name, { permanent: true, direction: 'center', className: 'oe-town-label' });
  }, []);

  const onEachGrid = useCallback((f: Feature<Geometry, GridProps>, layer: Layer) => {
    bindTextTooltip(layer, f.properties.name, { sticky: true, direction: 'top' });
    layer.on('add', () => {
      const el = (layer as L.Path).getElement();
      el?.setAttribute('data-grid-id', f.properties.id);
      el?.setAttribute('data-testid', 'grid');
    });
  }, []);

  const townOptions = useMemo(
    () =>
      (towns?.features ?? [])
        .map((f) => f.properties)
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((p) => ({ value: p.id, label: p.name })),
    [towns],
  );
  const focus = useMemo(() => {
    if (!towns) return null;
    if (!townId) return towns;
    return { ...towns, features: towns.features.filter((f) => f.properties.id === townId) };
  }, [towns, townId]);

  const initialBounds = useMemo(() => (towns ? L.geoJSON(towns).getBounds() : null), [towns]);
  const ready = towns && initialBounds?.isValid();

  return (
    <PageContainer
      testId="page-map"
      title={t('menu.map')}
      description={t('map.description')}
      extra={
        <Space wrap>
          <Select
            data-testid="map-town-select"
            style={{ width: 180 }}
            allowClear
            placeholder={t('map.allTowns')}
            aria-label={t('map.town')}
            value={townId ?? undefined}
            onChange={(v: string | undefined) => setTownId(v ?? null)}
            options={townOptions}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Checkbox checked={showTowns} onChange={(e) => setShowTowns(e.target.checked)}>
            {t('map.layerTowns')}
          </Checkbox>
          <Checkbox checked={showGrids} onChange={(e) => setShowGrids(e.target.checked)}>
            {t('map.layerGrids')}
            {grids ? ` (${grids.features.length})` : ''}
          </Checkbox>
        </Space>
      }
    >
      <QueryError queries={[townsQuery, gridsQuery]} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'stretch', height: 'calc(100vh - 170px)', minHeight: 420 }}>
        <Card size="small" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 0, height: '100%' } }}>
          <div data-testid="org-map" style={{ position: 'relative', height: '100%' }}>
            {ready ? (
              <BaseMap bounds={initialBounds ?? undefined} boundsOptions={{ padding: [16, 16] }} zoomSnap={0.25}>
                <ExposeMap as="__oeMap" />
                <ClickToLocate onClick={onClick} />
                <FitTo data={focus} />
                {showTowns && (
                  <GeoJSON
                    key={`towns-${dataKey(towns)}`}
                    data={towns}
                    style={townStyle}
                    onEachFeature={onEachTown}
                    interactive={false}
                  />
                )}
                <Pane name="grids" style={{ zIndex: 420 }}>
                  {showGrids && grids && (
                    <GeoJSON
                      key={`grids-${dataKey(grids)}`}
                      data={grids}
                      style={gridStyle}
                      onEachFeature={onEachGrid}
                    />
                  )}
                </Pane>
                {showGrids && <GridLabels grids={grids} />}
                {locate && (
                  <CircleMarker
                    center={locate.at}
                    radius={5}
                    pane="markerPane"
                    pathOptions={{ color: '#fff', weight: 2, fillColor: SELECTED_COLOR, fillOpacity: 1 }}
                    interactive={false}
                  />
                )}
              </BaseMap>
            ) : (
              <div style={{ height: '100%', display: 'grid', placeItems: 'center' }}>
                {townsQuery.isError ? null : <Spin />}
              </div>
            )}
            {ready && <Legend />}
            {gridsQuery.isFetching && ready && (
              <div style={{ position: 'absolute', top: 12, right: 12, zIndex: 500 }}>
                <Tag icon={<Spin size="small" />} color="default">
                  {t('common.loading')}
                </Tag>
              </div>
            )}
          </div>
        </Card>
        <Card size="small" title={t('map.panelTitle')} style={{ width: 320, flex: 'none' }}>
          <LocatePanel locate={locate} />
        </Card>
      </div>
    </PageContainer>
  );
}
