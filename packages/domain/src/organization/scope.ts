/**
 * Data scope (SPEC §2): a town team sees its town; county-level users (townId null) see the whole county.
 * Repositories receive a DataScope and filter by it, so a town user cannot list, read or write another town's
 * records, by id either.
 */
export type DataScope = { kind: 'county' } | { kind: 'town'; townId: string };

export function scopeOf(user: { scopeTownId: string | null }): DataScope {
  return user.scopeTownId ? { kind: 'town', townId: user.scopeTownId } : { kind: 'county' };
}

/** Whether a record that belongs to `townId` (null = county-level record) is visible in `scope`. */
export function inScope(scope: DataScope, townId: string | null | undefined): boolean {
  return scope.kind === 'county' || townId === scope.townId;
}
