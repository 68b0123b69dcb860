import { buildOrganization, type AgencyRow, type TeamRow } from './organization.ts';
import { buildCertificates, buildPeople, DEMO_REFERENCE_DATE, type CertificateRow, type PersonRow } from './people.ts';
import { TOWNS, townId } from './places.ts';
import { streamFor } from './random.ts';
import { buildRegions, type RegionRow } from './regions.ts';
import { buildUsers, choosePersonas, type DemoUser } from './users.ts';

export type { AgencyRow, CertificateRow, DemoUser, PersonRow, RegionRow, TeamRow };
export { DEMO_PASSWORD } from './users.ts';
export { DEMO_REFERENCE_DATE };

export interface DemoSummary {
  towns: number;
  empoweredTowns: number;
  dispatchedTowns: number;
  villages: number;
  grids: number;
  agencies: number;
  teams: number;
  people: number;
  officers: number;
  teamLeaders: number;
  auxiliaries: number;
  gridWorkers: number;
  certificates: number;
  certificatesExpired: number;
  certificatesExpiringWithin60Days: number;
  users: number;
}

export interface DemoCounty {
  seed: number;
  /** The "today" the data is built around (certificate expiry). */
  referenceDate: string;
  regions: RegionRow[];
  agencies: AgencyRow[];
  teams: TeamRow[];
  people: PersonRow[];
  certificates: CertificateRow[];
  users: DemoUser[];
  summary: DemoSummary;
}

/**
 * A synthetic county modelled on Wenling (温岭市, 331081), ready to insert: rows for regions, agencies, teams,
 * people, certificates, and demo logins with plain passwords. The output is pure and deterministic: the same seed
 * always gives the same rows and the same UUIDs. Each concern draws from its own random stream.
 */
export function generateDemoCounty(seed = 20261122): DemoCounty {
  const regions = buildRegions(streamFor(seed, 'geometry'), streamFor(seed, 'places'));
  const org = buildOrganization(streamFor(seed, 'org-ids'));
  const staff = buildPeople(org, regions, streamFor(seed, 'people-ids'), streamFor(seed, 'people'));
  const personas = choosePersonas(staff.people, org, {
    officer: townId(TOWNS.findIndex((t) => t.name === '泽国镇')),
    officer2: townId(TOWNS.findIndex((t) => t.name === '太平街道')),
  });
  const protect = new Set(Object.values(personas).map((p) => p.id));
  const certificates = buildCertificates(
    staff.certified,
    protect,
    streamFor(seed, 'certificate-ids'),
    streamFor(seed, 'certificates'),
  );
  const users = buildUsers(personas);
  return {
    seed,
    referenceDate: DEMO_REFERENCE_DATE,
    regions,
    agencies: org.agencies,
    teams: org.teams,
    people: staff.people,
    certificates,
    users,
    summary: summarize(regions, org.agencies, org.teams, staff.people, certificates, users),
  };
}

function summarize(
  regions: readonly RegionRow[],
  agencies: readonly AgencyRow[],
  teams: readonly TeamRow[],
  people: readonly PersonRow[],
  certificates: readonly CertificateRow[],
  users: readonly DemoUser[],
): DemoSummary {
  const towns = regions.filter((r) => r.level === 'town');
  const count = (role: string): number => people.filter((p) => p.role === role).length;
  const in60Days = new Date(Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`) + 60 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    towns: towns.length,
    empoweredTowns: towns.filter((t) => t.townMode === 'empowered').length,
    dispatchedTowns: towns.filter((t) => t.townMode === 'dispatched').length,
    villages: regions.filter((r) => r.level === 'village').length,
    grids: regions.filter((r) => r.level === 'grid').length,
    agencies: agencies.length,
    teams: teams.length,
    people: people.length,
    officers: count('officer'),
    teamLeaders: count('team_leader'),
    auxiliaries: count('auxiliary'),
    gridWorkers: count('grid_worker'),
    certificates: certificates.length,
    // ISO dates compare correctly as strings.
    certificatesExpired: certificates.filter((c) => c.validTo < DEMO_REFERENCE_DATE).length,
    certificatesExpiringWithin60Days: certificates.filter(
      (c) => c.validTo >= DEMO_REFERENCE_DATE && c.validTo <= in60Days,
    ).length,
    users: users.length,
  };
}
