import { DomainError } from '@openenforce/domain/errors';
import { inScope, scopeTown, type DataScope } from '@openenforce/domain/organization';

/** A write may only place a record inside the writer's scope (a town admin cannot move a person to another town). */
export function assertWritableTown(scope: DataScope, townId: string | null | undefined, path: string): void {
  if (!inScope(scope, townId)) {
    throw new DomainError('OUT_OF_SCOPE', [{ path, rule: `town_must_be:${scopeTown(scope)}` }]);
  }
}
