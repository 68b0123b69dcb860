import type { agency, certificate, person, region, regionDetail, team } from '@openenforce/domain/organization';

/** Response types straight from the shared zod contracts (type-only: no zod code in this module). */
type Out<S extends { parse: (x: unknown) => unknown }> = ReturnType<S['parse']>;
export type Region = Out<typeof region>;
/** GET /api/org/regions/:id: the region, its path from the county down, and how many children it has. */
export type RegionDetail = Out<typeof regionDetail>;
export type Agency = Out<typeof agency>;
export type Team = Out<typeof team>;
export type Person = Out<typeof person>;
export type Certificate = Out<typeof certificate>;

/** Where each kind of record lives on the API (list/create; `${path}/:id` to read and patch). */
export const ORG_API = {
  regions: '/api/org/regions',
  agencies: '/api/org/agencies',
  teams: '/api/org/teams',
  people: '/api/org/people',
  certificates: '/api/org/certificates',
} as const;
