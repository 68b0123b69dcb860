import type { PartyType } from '../catalog/schemas.ts';
import type { FineBasis, MatterVersion } from '../catalog/schemas.ts';
import { matterAsOf } from '../catalog/versions.ts';
import { reason, type Reason } from '../workflow/procedure.ts';

/*
 * APL-37 [V] (art. 37): the law in force when the act was committed applies; where a later rule in force when the
 * case is decided is lighter — no longer punishable, or a lower fine — the later one applies (从旧兼从轻). A case stores
 * the version chosen; a later catalog change never silently changes an open case (the server keeps the version id).
 */

export type ApplicableVersion =
  | { ok: true; version: MatterVersion; rule: 'APL-37'; lighterLater: boolean; zh: string; en: string }
  | { ok: false; reason: Reason };

/** The [min, max] of a fixed fine, or null when the basis is not comparable as amounts. */
function fixedRange(b: FineBasis | undefined): [number, number] | null {
  if (!b) return null;
  if (b.kind === 'none') return [0, 0];
  return b.kind === 'fixed' ? [b.minFen, b.maxFen] : null;
}

/**
 * Whether `later` is lighter than `earlier` for this party: withdrawn (no longer punishable), or a first-tier fine
 * whose maximum is lower, or the same maximum and a lower minimum. Ranges that are not fixed amounts (multiples, per
 * unit) are compared only when both are of the same kind with lower bounds in every figure; otherwise not lighter.
 */
export function isLighter(later: MatterVersion, earlier: MatterVersion, party: PartyType): boolean {
  if (later.withdrawn) return !earlier.withdrawn;
  const a = later.discretion?.tiers.first[party];
  const b = earlier.discretion?.tiers.first[party];
  const ra = fixedRange(a);
  const rb = fixedRange(b);
  if (ra && rb) return ra[1] < rb[1] || (ra[1] === rb[1] && ra[0] < rb[0]);
  if (a?.kind === 'multiple' && b?.kind === 'multiple')
    return a.maxMultiple < b.maxMultiple || (a.maxMultiple === b.maxMultiple && a.minMultiple < b.minMultiple);
  if (a?.kind === 'per_unit' && b?.kind === 'per_unit')
    return a.rateMaxFen < b.rateMaxFen || (a.rateMaxFen === b.rateMaxFen && a.rateMinFen < b.rateMinFen);
  return false;
}

/** APL-37: the matter version that applies to an act on `actDate` decided on `decisionDate`. */
export function applicableVersion(
  versions: readonly MatterVersion[],
  actDate: string,
  decisionDate: string,
  party: PartyType,
): ApplicableVersion {
  const atAct = matterAsOf(versions, actDate);
  if (!atAct || atAct.withdrawn)
    return {
      ok: false,
      reason: reason(
        'APL-37',
        `违法行为发生时（${actDate}）该事项无有效的法律依据，不得给予行政处罚（《行政处罚法》第三十七条）`,
        `No rule for this matter was in force at the act (${actDate}): no penalty (APL art. 37)`,
        'body.act.date',
      ),
    };
  const now = matterAsOf(versions, decisionDate);
  if (now && now !== atAct && isLighter(now, atAct, party))
    return {
      ok: true,
      version: now,
      rule: 'APL-37',
      lighterLater: true,
      zh: `适用违法行为发生时的规定，但作出决定时的规定（第 ${now.version} 版，${now.effectiveFrom} 施行）处罚较轻，适用新的规定（《行政处罚法》第三十七条）`,
      en: `The rule at the act applies unless a later one is lighter: version ${now.version} (in force ${now.effectiveFrom}) is lighter and applies (APL art. 37)`,
    };
  return {
    ok: true,
    version: atAct,
    rule: 'APL-37',
    lighterLater: false,
    zh: `适用违法行为发生时施行的规定（第 ${atAct.version} 版，${atAct.effectiveFrom} 施行）（《行政处罚法》第三十七条）`,
    en: `The rule in force at the act applies: version ${atAct.version}, in force ${atAct.effectiveFrom} (APL art. 37)`,
  };
}
