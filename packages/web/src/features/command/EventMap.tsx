import type { FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useState } from 'react';
import { CircleMarker, GeoJSON, MapContainer, Marker, TileLayer, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import Supercluster, { type ClusterProperties } from 'supercluster';
import { loadTowns } from '../events/api.ts';
import { loadPublicConfig, type PublicConfig } from '../map/shared.ts';
import { categoryLabel, STATUS_COLORS } from '../events/labels.tsx';
import { useEventsI18n } from '../events/messages.ts';
import type { EventStatus } from '../events/types.ts';
import './command.css';

export interface MapPoint {
  id: string;
  lng: number;
  lat: number;
  status: EventStatus;
  category: string;
  escalation: 'none' | 'yellow' | 'red';
}

interface ClusterProps {
  red: number;
  yellow: number;
  fresh: number;
}

const WENLING: [number, number] = [28.4, 121.42];

const iconCache = new Map<string, L.DivIcon>();
function clusterIcon(count: number, p: ClusterProps): L.DivIcon {
  const tone = p.red > 0 ? 'red' : p.yellow > 0 ? 'yellow' : p.fresh > 0 ? 'fresh' : 'calm';
  const size = count < 10 ? 30 : count < 100 ? 38 : 46;
  const key = `${count}:${tone}`;
  let icon = iconCache.get(key);
  if (!icon) {
    icon = L.divIcon({
      html: `<div class="oe-cluster oe-cluster-${tone}" style="width:${size}px;height:${size}px">${count}</div>`,
      className: 'oe-cluster-wrap',
      iconSize: [size, size],
    });
    iconCache.set(key, icon);
  }
  return icon;
}

function FitTowns({ data }: { data: FeatureCollection | null }) {
  const map = useMap();
  useEffect(() => {
    if (!data || data.features.length === 0) return;
    const b = L.geoJSON(data).getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [8, 8] });
  }, [map, data]);
  return null;
}

function Clusters({
  points,
  selectedId,
  onSelect,
}: {
  points: MapPoint[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const map = useMap();
  const { pick } = useEventsI18n();
  const [view, setView] = useState(() => ({ bounds: map.getBounds(), zoom: map.getZoom() }));
  useMapEvents({ moveend: () => setView({ bounds: map.getBounds(), zoom: map.getZoom() }) });
  const index = useMemo(() => {
    const sc = new Supercluster<MapPoint, ClusterProps>({
      radius: 64,
      maxZoom: 16,
      map: (p) => ({
        red: p.escalation === 'red' ? 1 : 0,
        yellow: p.escalation === 'yellow' ? 1 : 0,
        fresh: p.status === 'reported' ? 1 : 0,
      }),
      reduce: (a, b) => {
        a.red += b.red;
        a.yellow += b.yellow;
        a.fresh += b.fresh;
      },
    });
    sc.load(
      points.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: p })),
    );
    return sc;
  }, [points]);
  const b = view.bounds;
  const clusters = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(view.zoom));
  return (
    <>
      {clusters.map((c) => {
        const [lng, lat] = c.geometry.coordinates as [number, number];
        const props = c.properties as Partial<ClusterProperties> & Partial<ClusterProps> & Partial<MapPoint>;
        if (props.cluster) {
          const id = props.cluster_id!;
          return (
            <Marker
              key={`c${id}`}
              position={[lat, lng]}
              icon={clusterIcon(props.point_count!, props as ClusterProps)}
              eventHandlers={{
                click: () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(id), 18)),
              }}
            />
          );
        }
        const p = props as MapPoint;
        const selected = p.id === selectedId;
        return (
          <CircleMarker
            key={p.id}
            center={[lat, lng]}
            radius={selected ? 10 : 7}
            pathOptions={{
              color:
                p.escalation === 'red' ? '#f5222d' : p.escalation === 'yellow' ? '#faad14' : selected ? '#000' : '#fff',
              weight: p.escalation !== 'none' || selected ? 3 : 1.5,
              fillColor: STATUS_COLORS[p.status],
              fillOpacity: 0.95,
              className: `oe-event-point oe-ev-${p.status}`,
            }}
            eventHandlers={{ click: () => onSelect(p.id) }}
          >
            <Tooltip>{categoryLabel(pick, p.category)}</Tooltip>
          </CircleMarker>
        );
      })}
    </>
  );
}

/** The live map of the command centre: events clustered (supercluster), coloured by status, outlined by escalation. */
export function EventMap({
  points,
  selectedId,
  onSelect,
  height,
}: {
  points: MapPoint[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  height: number | string;
}) {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [townData, setTownData] = useState<FeatureCollection<Geometry> | null>(null);
  const { pick } = useEventsI18n();
  useEffect(() => {
    void loadPublicConfig().then(setConfig);
    loadTowns()
      .then(setTownData)
      .catch(() => undefined);
  }, []);
  return (
    <div data-testid="event-map" data-points={points.length} style={{ height, position: 'relative' }}>
      <MapContainer center={WENLING} zoom={10} style={{ height: '100%', background: '#eef2f6' }} preferCanvas={false}>
        {config?.mapTileUrl && <TileLayer url={config.mapTileUrl} attribution={config.mapTileAttribution ?? ''} />}
        {townData && (
          <GeoJSON
            data={townData}
            style={{ color: '#5b7090', weight: 1.2, fillColor: '#ffffff', fillOpacity: 0.55 }}
            onEachFeature={(f, layer) => {
              const name = (f.properties as { name?: string } | null)?.name;
              if (name) layer.bindTooltip(name, { permanent: true, direction: 'center', className: 'oe-town-name' });
            }}
          />
        )}
        <FitTowns data={townData} />
        <Clusters points={points} selectedId={selectedId} onSelect={onSelect} />
      </MapContainer>
      <div className="oe-map-legend">
        {(
          ['reported', 'triaged', 'dispatched', 'accepted', 'returned', 'rectifying', 'handled', 'closed'] as const
        ).map((s) => (
          <span key={s}>
            <i style={{ background: STATUS_COLORS[s] }} />
            {pick(STATUS_LABEL_SHORT[s])}
          </span>
        ))}
      </div>
    </div>
  );
}

const STATUS_LABEL_SHORT: Record<Exclude<EventStatus, 'merged'>, { zh: string; en: string }> = {
  reported: { zh: '待受理', en: 'Reported' },
  triaged: { zh: '待派遣', en: 'Triaged' },
  dispatched: { zh: '待签收', en: 'Dispatched' },
  accepted: { zh: '处置中', en: 'Handling' },
  returned: { zh: '退回', en: 'Returned' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  handled: { zh: '待核查', en: 'To verify' },
  closed: { zh: '已办结', en: 'Closed' },
};
