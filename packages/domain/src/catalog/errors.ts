import { DomainError } from '../errors/index.ts';
import type { FineCheck } from './discretion.ts';
import type { JurisdictionRefusal } from './jurisdiction.ts';

/**
 * For a use case that must stop on a refusal: the catalogue error with the deciding rule id as its detail
 * (CATALOG_JURISDICTION_REFUSED with ZJ-9, CATALOG_FINE_REFUSED with APL-30 or DISC-OUTSIDE-LEGAL …). The
 * sentence that explains the refusal stays in the result (reason / zh / en) for the screen that shows it.
 */
export function jurisdictionRefusedError(r: JurisdictionRefusal, path = 'matterId'): DomainError {
  return new DomainError('CATALOG_JURISDICTION_REFUSED', [{ path, rule: r.ruleId }]);
}

export function fineRefusedError(c: Extract<FineCheck, { ok: false }>, path = 'amountFen'): DomainError {
  return new DomainError('CATALOG_FINE_REFUSED', [{ path, rule: c.ruleId }]);
}
