import { DomainError } from '@openenforce/domain/errors';
import { inScope, type DataScope } from '@openenforce/domain/organization';
import type { SessionUser } from '../platform/auth/auth.service.ts';

/**
 * Personal data (rule 9): phone and ID numbers are shown in full only to those who administer people (org.write)
 * within their scope; everyone else sees them masked.
 */
export function maySeePersonalData(user: SessionUser): boolean {
  return user.permissions.includes('org.write');
}

export function maskPhone(phone: string | null): string | null {
  return phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null;
}

export function maskIdNumber(id: string | null): string | null {
  return id ? `${id.slice(0, 6)}********${id.slice(-4)}` : null;
}

/** A write may only place a record inside the writer's scope (a town admin cannot move a person to another town). */
export function assertWritableTown(scope: DataScope, townId: string | null | undefined, path: string): void {
  if (scope.kind === 'town' && !inScope(scope, townId)) {
    throw new DomainError('OUT_OF_SCOPE', [{ path, rule: `town_must_be:${scope.townId}` }]);
  }
}
