import type {
  CatalogList,
  Coverage,
  DiscretionResponse,
  JurisdictionResponse,
  LIST_KINDS,
  MatterHistory,
  MatterResponse,
  MatterSummary,
  MatterVersion,
  PublicMatterResponse,
  VersionInfo,
} from '@openenforce/domain/catalog';

/** The catalog's endpoints (console and public portal). */
export const CATALOG_API = {
  matters: '/api/catalog/matters',
  matter: (id: string) => `/api/catalog/matters/${encodeURIComponent(id)}`,
  history: (id: string) => `/api/catalog/matters/${encodeURIComponent(id)}/history`,
  versions: (id: string) => `/api/catalog/matters/${encodeURIComponent(id)}/versions`,
  jurisdiction: (id: string) => `/api/catalog/matters/${encodeURIComponent(id)}/jurisdiction`,
  discretion: (id: string) => `/api/catalog/matters/${encodeURIComponent(id)}/discretion`,
  lists: '/api/catalog/lists',
  listVersions: (kind: ListKind) => `/api/catalog/lists/${kind}/versions`,
  withdrawals: '/api/catalog/town-powers/withdrawals',
  coverage: '/api/catalog/coverage',
  import: '/api/catalog/import',
  export: '/api/catalog/export',
  publicMatters: '/api/public/catalog/matters',
  publicMatter: (id: string) => `/api/public/catalog/matters/${encodeURIComponent(id)}`,
  publicLists: '/api/public/catalog/lists',
} as const;

/** The answers' shapes are the server's response contracts (packages/domain/src/catalog/api.ts). */
export type {
  CatalogList,
  Coverage,
  DiscretionResponse,
  JurisdictionResponse,
  MatterHistory,
  MatterResponse,
  MatterSummary,
  MatterVersion,
  PublicMatterResponse,
  VersionInfo,
};
export type ListKind = (typeof LIST_KINDS)[number];

export interface TownRef {
  id: string;
  name: string;
  townMode: 'empowered' | 'dispatched' | null;
}
