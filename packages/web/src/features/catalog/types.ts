import type {
  FieldChange,
  FineCheck,
  FineRecommendation,
  JurisdictionResult,
  LIST_KINDS,
  ListType,
  MatterSummary,
  MatterVersion,
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

export type { MatterSummary, MatterVersion };
export type ListKind = (typeof LIST_KINDS)[number];

export interface VersionInfo {
  version: number;
  effectiveFrom: string;
  announcement: string;
}

/** GET /api/catalog/matters/:id (and the public twin). */
export interface MatterResponse {
  /** The version in force on `asOf`, or null when none had taken effect. */
  matter: MatterVersion | null;
  asOf: string;
  latest: MatterVersion;
  versions: VersionInfo[];
}

export interface HistoryResponse {
  versions: (VersionInfo & { changes: FieldChange[] })[];
}

export interface JurisdictionResponse {
  town: { id: string; name: string; townMode: 'empowered' | 'dispatched' };
  date: string;
  result: JurisdictionResult;
}

export interface DiscretionResponse {
  recommendation: FineRecommendation;
  check: FineCheck | null;
}

export interface CatalogList {
  kind: ListKind;
  /** 0 when the list has no version yet. */
  version: number;
  effectiveFrom: string | null;
  announcement: string | null;
  matters: MatterSummary[];
}

export interface Coverage {
  total: number;
  byListType: { listType: ListType; items: number; sharePct: number }[];
  domains: { withMatters: number; coveredByComprehensive: number; sharePct: number; known: number };
  perDomain: { domain: string; total: number; comprehensive: number }[];
  towns: {
    townId: string;
    name: string;
    townMode: 'empowered' | 'dispatched' | null;
    empowered: number;
    delegated: number;
    extended: number;
  }[];
}

export interface TownRef {
  id: string;
  name: string;
  townMode: 'empowered' | 'dispatched' | null;
}
