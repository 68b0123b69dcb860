import { useQuery } from '@tanstack/react-query';
import type L from 'leaflet';
import { useMemo, useState } from 'react';
import { CircleMarker, Marker, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import Supercluster, { type ClusterProperties } from 'supercluster';
import { BaseMap, COUNTY_CENTRE, FitTo, TownOutlines } from '../../ui/BaseMap.tsx';
import { countIcon } from '../../ui/mapText.ts';
import { categoryLabel, STATUS_COLORS } from '../events/labels.tsx';
import { useEventsI18n } from '../events/messages.ts';
import type { MapPoint } from '../events/queries.ts';
import type { EventStatus } from '../events/types.ts';
import { mapTownsQuery } from '../map/queries.ts';
import './command.css';

interface ClusterProps {
  red: number;
  yellow: number;
  fresh: number;
}

const iconCache = new Map<string, L.DivIcon>();
function clusterIcon(count: number, p: ClusterProps): L.DivIcon {
  const tone = p.red > 0 ? 'red' : p.yellow > 0 ? 'yellow' : p.fresh > 0 ? 'fresh' : 'calm';
  const size = count < 10 ? 30 : count < 100 ? 38 : 46;
  const key = `${count}:${tone}`;
  let icon = iconCache.get(key);
  if (!icon) {
    icon = countIcon(count, { className: 'oe-cluster-wrap', innerClassName: `oe-cluster oe-cluster-${tone}`, size });
    iconCache.set(key, icon);
  }
  return icon;
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

const TOWN_STYLE = { color: '#5b7090', weight: 1.2, fillColor: '#ffffff', fillOpacity: 0.55 };

/** The cluster colours (command.css .oe-cluster-*), most pressing first. */
const CLUSTER_TONES = [
  ['red', '#f5222d'],
  ['yellow', '#faad14'],
  ['fresh', '#fa8c16'],
  ['calm', '#1677ff'],
] as const;

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
  const towns = useQuery(mapTownsQuery);
  const { pick, te } = useEventsI18n();
  return (
    <div data-testid="event-map" data-points={points.length} style={{ height, position: 'relative' }}>
      <BaseMap center={COUNTY_CENTRE} zoom={10} sources={[towns]}>
        <TownOutlines data={towns.data} style={TOWN_STYLE} />
        <FitTo data={towns.data} padding={8} />
        <Clusters points={points} selectedId={selectedId} onSelect={onSelect} />
      </BaseMap>
      <div className="oe-map-legend">
        {(
          ['reported', 'triaged', 'dispatched', 'accepted', 'returned', 'rectifying', 'handled', 'closed'] as const
        ).map((s) => (
          <span key={s}>
            <i style={{ background: STATUS_COLORS[s] }} />
            {pick(STATUS_LABEL_SHORT[s])}
          </span>
        ))}
        {/* A cluster takes the colour of the most pressing event in it. */}
        <span style={{ flexBasis: '100%', height: 0 }} />
        <strong>{te('ev.legend.clusters')}:</strong>
        {CLUSTER_TONES.map(([tone, color]) => (
          <span key={tone} data-testid={`legend-cluster-${tone}`}>
            <i style={{ background: color }} />
            {te(`ev.legend.${tone}`)}
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
