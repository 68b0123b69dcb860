import type L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useState } from 'react';
import { CircleMarker, GeoJSON, MapContainer, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { loadPublicConfig, type PublicConfig } from '../map/shared.ts';
import type { FeatureCollection } from 'geojson';
import { loadTowns } from './api.ts';
import type { LngLat } from './position.ts';

const WENLING: [number, number] = [28.4, 121.42];

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

declare global {
  interface Window {
    __oePickMap?: L.Map;
  }
}

function Expose() {
  const map = useMap();
  useEffect(() => {
    window.__oePickMap = map;
    return () => {
      if (window.__oePickMap === map) delete window.__oePickMap;
    };
  }, [map]);
  return null;
}

/** A small map to tap the place on, when the device gives no location (or a wrong one). */
export default function LocationPicker({ value, onPick }: { value: LngLat | null; onPick: (p: LngLat) => void }) {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [towns, setTowns] = useState<FeatureCollection | null>(null);
  useEffect(() => {
    void loadPublicConfig().then(setConfig);
    loadTowns()
      .then(setTowns)
      .catch(() => undefined);
  }, []);
  return (
    <div className="oe-pick-map" data-testid="pick-map">
      <MapContainer center={value ? [value.lat, value.lng] : WENLING} zoom={value ? 15 : 11} style={{ height: '100%' }}>
        {config?.mapTileUrl && <TileLayer url={config.mapTileUrl} attribution={config.mapTileAttribution ?? ''} />}
        {towns && (
          <GeoJSON
            data={towns}
            interactive={false}
            style={{ color: '#5b7090', weight: 1, fillColor: '#fff', fillOpacity: 0.6 }}
            onEachFeature={(f, layer) => {
              const name = (f.properties as { name?: string } | null)?.name;
              if (name) layer.bindTooltip(name, { permanent: true, direction: 'center', className: 'oe-town-name' });
            }}
          />
        )}
        <Pick onPick={onPick} />
        <Follow at={value} />
        <Expose />
        {value && (
          <CircleMarker
            center={[value.lat, value.lng]}
            radius={9}
            pathOptions={{ color: '#fff', weight: 2, fillColor: '#f5222d', fillOpacity: 1 }}
          />
        )}
      </MapContainer>
    </div>
  );
}
