import { api } from '../../app/api.ts';

/** Map settings from GET /api/config/public. */
export interface PublicConfig {
  mapTileUrl: string | null;
  mapTileAttribution: string | null;
}

const NO_TILES: PublicConfig = { mapTileUrl: null, mapTileAttribution: null };
let config: Promise<PublicConfig> | null = null;

/**
 * The tile settings, fetched once and shared by the map page and the boundary previews. No tile URL (or no config
 * endpoint) means a blank background: the machine may have no internet. A failed request is not remembered.
 */
export function loadPublicConfig(): Promise<PublicConfig> {
  return (config ??= api<PublicConfig>('/api/config/public').catch(() => {
    config = null;
    return NO_TILES;
  }));
}

export const GRID_COLOR = '#3a4a5e';
export const SELECTED_COLOR = '#d4380d';
