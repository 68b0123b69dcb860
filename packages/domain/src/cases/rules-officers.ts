import { mayActInDomain } from '../organization/certificate-rules.ts';
import { reason, type Reason } from '../workflow/procedure.ts';
import type { CaseOfficer } from './facts.ts';

/*
 * APL-42 [V] (art. 42): penalties are enforced by at least two officers holding valid certificates; their scope must
 * cover the matter's domain (ZJ art. 28: a qualification is valid 5 years). ZJ-30 [V]: auxiliaries only assist — they
 * never count towards the two. APL-43 [V]: an officer with an interest withdraws; the head decides an application;
 * the investigation continues meanwhile.
 */

/** The officers among `people` who may act in `domain` on `today` (certificate valid that day, not auxiliary). */
export function qualifiedOfficers(people: readonly CaseOfficer[], domain: string, today: string): CaseOfficer[] {
  const seen = new Set<string>();
  return people.filter((o) => {
    if (seen.has(o.personId) || !mayActInDomain(o, o.certificates, domain, today)) return false;
    seen.add(o.personId);
    return true;
  });
}

/** APL-42 / ZJ-30: at least two qualified officers; the reason names who does not count and why. */
export function checkTwoOfficers(
  people: readonly CaseOfficer[],
  domain: string | null,
  today: string,
  path = 'body.officers',
): Reason[] {
  if (domain === null)
    return [
      reason(
        'CASE-MATTER',
        '须先确定执法事项（领域决定执法证范围）',
        'Choose the matter first (its domain sets the certificate scope)',
      ),
    ];
  const ok = qualifiedOfficers(people, domain, today);
  if (ok.length >= 2) return [];
  const why = people
    .filter((o) => !ok.some((q) => q.personId === o.personId))
    .map((o) =>
      o.isAuxiliary
        ? { zh: `${o.name}（辅助人员不计入）`, en: `${o.name} (an auxiliary does not count)` }
        : { zh: `${o.name}（无有效的“${domain}”执法证）`, en: `${o.name} (no valid certificate for ${domain})` },
    );
  return [
    reason(
      'APL-42',
      `执法人员不得少于两人，且须持有当日有效、范围含“${domain}”的执法证（《行政处罚法》第四十二条；辅助人员不计入，《浙江省综合行政执法条例》第三十条）${why.length ? `；不符合：${why.map((w) => w.zh).join('、')}` : ''}`,
      `At least two officers with certificates valid today covering ${domain} (APL art. 42; auxiliaries do not count, ZJ art. 30)${why.length ? `; not counted: ${why.map((w) => w.en).join(', ')}` : ''}`,
      path,
    ),
  ];
}

/** APL-43: a recusal application is decided by the head; one per person at a time. */
export function checkRecusalApplication(pending: readonly { personId: string }[], personId: string): Reason | null {
  return pending.some((p) => p.personId === personId)
    ? reason(
        'APL-43',
        '该人员的回避申请尚待负责人决定',
        "A recusal application for this person awaits the head's decision",
        'body.personId',
      )
    : null;
}

export function checkRecusalDecision(pending: readonly { personId: string }[], personId: string): Reason | null {
  return pending.some((p) => p.personId === personId)
    ? null
    : reason(
        'APL-43',
        '没有该人员待决定的回避申请（回避由行政机关负责人决定，《行政处罚法》第四十三条）',
        'No pending recusal application for this person (the head decides recusal, APL art. 43)',
        'body.personId',
      );
}
