/**
 * Data scope (SPEC §2): a town team sees its town; a county agency sees what it is responsible for; county-level
 * users (townId null) see the whole county. Repositories receive a DataScope and filter by it, so a user cannot
 * list, read or write a record outside it, by id either.
 *
 * - `county`: everything.
 * - `town`: one town's records.
 * - `agency`: a county department's staff (`department_staff`): the events whose matter lies in the agency's
 *   domains (an event carries its matter's domain, set when the matter is), and the events the user reported
 *   themselves (a department's referral, whatever its domain), optionally within one town. Records that belong to no
 *   domain (regions, teams, people) follow the town part only: the agency is county-level. A department user linked
 *   to no agency has no domains and sees only their own reports (closed, never open, by default).
 */
export type DataScope =
  | { kind: 'county' }
  | { kind: 'town'; townId: string }
  | {
      kind: 'agency';
      agencyId: string | null;
      domains: readonly string[];
      townId: string | null;
      /** The user, whose own reports stay theirs to follow. */
      userId: string;
    };

/** The roles whose scope is their agency's domains rather than a town or the county. */
export const AGENCY_SCOPED_ROLES: readonly string[] = ['department_staff'];

/**
 * A user's data scope. `agency` is what the organisation knows of the user's agency (the person's agency, else the
 * team's), read only for the agency-scoped roles.
 */
export function scopeOf(
  user: { id?: string; scopeTownId: string | null; role?: string },
  agency?: { id: string; domains: readonly string[] } | null,
): DataScope {
  if (user.id !== undefined && user.role !== undefined && AGENCY_SCOPED_ROLES.includes(user.role))
    return {
      kind: 'agency',
      agencyId: agency?.id ?? null,
      domains: agency?.domains ?? [],
      townId: user.scopeTownId,
      userId: user.id,
    };
  return user.scopeTownId ? { kind: 'town', townId: user.scopeTownId } : { kind: 'county' };
}

/** The one town a scope is limited to, or null when it spans every town. */
export function scopeTown(scope: DataScope): string | null {
  return scope.kind === 'county' ? null : scope.townId;
}

/** The domains a scope is limited to (possibly none at all), or null when it spans every domain. */
export function scopeDomains(scope: DataScope): readonly string[] | null {
  return scope.kind === 'agency' ? scope.domains : null;
}

/** Whether a record that belongs to `townId` (null = county-level record) is visible in `scope` (town part only). */
export function inScope(scope: DataScope, townId: string | null | undefined): boolean {
  const town = scopeTown(scope);
  return town === null || townId === town;
}

/**
 * Whether an event (its town, domain and reporter) is visible in `scope`: the rule that `scopeOfEvents` (the events
 * repository) states in SQL, for the few checks made on rows already read (duplicate candidates, photos).
 */
export function eventInScope(
  scope: DataScope,
  e: { townId: string | null; domain: string | null; reporterUserId?: string | null },
): boolean {
  if (!inScope(scope, e.townId)) return false;
  if (scope.kind !== 'agency') return true;
  return (e.domain !== null && scope.domains.includes(e.domain)) || e.reporterUserId === scope.userId;
}
