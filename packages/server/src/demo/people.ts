import type { certificates, people } from '../organization/organization.schema.ts';
import { idNumber, mobileNumber, personName, unique, type Gender } from './identity.ts';
import type { Organization, TeamRow } from './organization.ts';
import type { RegionRow } from './regions.ts';
import type { Rng } from './random.ts';

export type PersonRow = typeof people.$inferInsert & { id: string };
export type CertificateRow = typeof certificates.$inferInsert & { id: string };

/** The day the demo data is "as of": certificate expiry alerts are relative to it. */
export const DEMO_REFERENCE_DATE = '2026-11-22';

/** Officers, auxiliaries and team leaders per team, by team kind. "1+8+1" sizes are rough, not Wenling's real ones. */
const STAFFING: Record<TeamRow['kind'], { officers: number; auxiliaries: number }> = {
  comprehensive: { officers: 30, auxiliaries: 6 },
  professional: { officers: 15, auxiliaries: 0 },
  mobile: { officers: 15, auxiliaries: 4 },
  town: { officers: 10, auxiliaries: 4 },
  dispatched: { officers: 8, auxiliaries: 4 },
};

export interface Staff {
  people: PersonRow[];
  /** People who get a certificate: officers and team leaders, with their team. */
  certified: { person: PersonRow; team: TeamRow }[];
}

/**
 * Everyone in the demo county. Town teams, squads and grid workers carry their townId, which is the data-scope
 * column. Each village has one grid worker, who walks one of its grids.
 */
export function buildPeople(org: Organization, regionRows: readonly RegionRow[], ids: Rng, rng: Rng): Staff {
  const rows: PersonRow[] = [];
  const certified: Staff['certified'] = [];
  const phones = new Set<string>();
  const idNumbers = new Set<string>();

  const add = (role: string, maleShare: number, place: Partial<PersonRow>): PersonRow => {
    const gender: Gender = rng.chance(maleShare) ? 'male' : 'female';
    const row: PersonRow = {
      id: ids.uuid(),
      employeeNo: `WL${String(rows.length + 1).padStart(5, '0')}`,
      name: personName(rng, gender),
      gender,
      phone: unique(phones, () => mobileNumber(rng)),
      idNumber: unique(idNumbers, () => idNumber(rng, gender)),
      role,
      isAuxiliary: role === 'auxiliary',
      teamId: null,
      agencyId: null,
      townId: null,
      gridId: null,
      active: true,
      ...place,
    };
    rows.push(row);
    return row;
  };

  for (const team of org.teams) {
    const place = { teamId: team.id, agencyId: team.agencyId, townId: team.townId ?? null };
    const staffing = STAFFING[team.kind];
    certified.push({ person: add('team_leader', 0.8, place), team });
    for (let i = 0; i < staffing.officers; i++) certified.push({ person: add('officer', 0.78, place), team });
    for (let i = 0; i < staffing.auxiliaries; i++) add('auxiliary', 0.75, place);
  }

  const grids = regionRows.filter((r) => r.level === 'grid');
  for (const village of regionRows.filter((r) => r.level === 'village')) {
    const own = grids.filter((g) => g.parentId === village.id);
    const townId = village.townId ?? null;
    add('grid_worker', 0.5, {
      agencyId: townId ? (org.townAgencies.get(townId)?.id ?? null) : null,
      townId,
      gridId: rng.pick(own).id,
    });
  }

  const bureau = { agencyId: org.bureau.id };
  for (let i = 0; i < 4; i++) add('command_operator', 0.5, bureau);
  for (let i = 0; i < 3; i++) add('legal_reviewer', 0.5, bureau);
  for (const [key, agency] of org.departments) {
    const count = key === 'justice' ? 0 : 2;
    for (let i = 0; i < count; i++) add('department_staff', 0.6, { agencyId: agency.id });
  }
  const justice = org.departments.get('justice');
  for (let i = 0; i < 3; i++) add('supervisor', 0.6, { agencyId: justice?.id ?? null });

  return { people: rows, certified };
}

const MS_PER_DAY = 86_400_000;
const toDay = (s: string): number => Date.parse(`${s}T00:00:00Z`) / MS_PER_DAY;
const fromDay = (n: number): string => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

/** Same day of the year `years` later (29 Feb rolls to 1 Mar). */
function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return fromDay(Date.UTC(y + years, m - 1, d) / MS_PER_DAY);
}

/** ZJ art. 28: a certificate is valid 5 years; the last valid day is the day before the fifth anniversary. */
export function certificateValidTo(validFrom: string): string {
  return fromDay(toDay(addYears(validFrom, 5)) - 1);
}

/** The issue window of the demo certificates. */
const ISSUED_FROM = '2021-06-01';
const ISSUED_TO = '2026-06-01';

/**
 * One certificate per officer and team leader. The numbers are "浙" + county code 331081 + a 5-digit serial,
 * e.g. 浙33108104217. That is our own synthetic format: real numbers come from the provincial justice department.
 * About 3 % have expired and about 5 % expire within 60 days of DEMO_REFERENCE_DATE, so the expiry alerts have
 * something to show. The people in `protect` (demo logins) always hold a valid certificate.
 */
export function buildCertificates(
  certified: Staff['certified'],
  protect: ReadonlySet<string>,
  ids: Rng,
  rng: Rng,
): CertificateRow[] {
  // validTo < reference date ⇔ validFrom ≤ reference − 5 years; validTo ≤ reference + 60 days likewise.
  const lastExpired = toDay(addYears(DEMO_REFERENCE_DATE, -5));
  const lastExpiring = toDay(addYears(fromDay(toDay(DEMO_REFERENCE_DATE) + 61), -5));
  const candidates = rng.shuffle(
    certified.map((_c, i) => i).filter((i) => !protect.has(certified[i]?.person.id ?? '')),
  );
  const expiredCount = Math.round(certified.length * 0.03);
  const expiringCount = Math.round(certified.length * 0.05);
  const bucket = new Map<number, 'expired' | 'expiring'>();
  candidates.slice(0, expiredCount).forEach((i) => bucket.set(i, 'expired'));
  candidates.slice(expiredCount, expiredCount + expiringCount).forEach((i) => bucket.set(i, 'expiring'));

  const serials = new Set<number>();
  return certified.map(({ person, team }, i) => {
    const kind = bucket.get(i) ?? 'valid';
    const from =
      kind === 'expired'
        ? rng.int(toDay(ISSUED_FROM), lastExpired)
        : kind === 'expiring'
          ? rng.int(lastExpired + 1, lastExpiring)
          : rng.int(lastExpiring + 1, toDay(ISSUED_TO));
    const validFrom = fromDay(from);
    const teamDomains = team.domains ?? [];
    const primary = teamDomains[0];
    const others = rng.shuffle(teamDomains.slice(1)).slice(0, rng.int(0, 2));
    // Demo logins get a broad, predictable scope (城市管理, 市场监管, 生态环境 in a comprehensive team) so the
    // walkthroughs just work; everyone else holds the team's main domain plus up to two more.
    const domains = protect.has(person.id) ? teamDomains.slice(0, 3) : [...(primary ? [primary] : []), ...others];
    return {
      id: ids.uuid(),
      personId: person.id,
      number: `浙331081${String(unique(serials, () => rng.int(1, 99_999))).padStart(5, '0')}`,
      domains,
      validFrom,
      validTo: certificateValidTo(validFrom),
      issuer: '浙江省人民政府',
      townId: person.townId ?? null,
    };
  });
}
