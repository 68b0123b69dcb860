import { describe, expect, it } from 'vitest';

/*
 * The rule table (issue 10 §4): every rule id of LEGAL.md §B–E → the tests that check it. LEGAL.md is read at test
 * time from the repository's copy (`docs/legal/LEGAL.md`). A rule id of §B–E with no entry here fails; an entry naming a test that does not
 * exist fails; a rule test missing from the table fails.
 */

const RULE_TABLE: Record<string, readonly string[]> = {
  // §B Substance
  'APL-9': ['rules-substance: an enforcement bureau picks detention → refused'],
  'APL-36': [
    'rules-substance: act 2024-03-01 discovered 2026-03-02 → time-barred',
    'rules-substance: 5 years where life, health, safety or finance was harmed; a continuing act counts from its end',
  ],
  'APL-30/31': ['rules-substance: under 14 or without capacity: no fine is lawful; 14–17: lighter'],
  'APL-32': ['rules-substance: mitigating factors make the fine lighter and must name the facts that support them'],
  'APL-33': [
    'rules-substance: no penalty records education; a first-violation waiver records its reason and needs the list',
  ],
  'APL-29': ['rules-substance: one act, one fine; several norms → the one with the higher fine'],
  'APL-37': [
    'rules-substance: the version in force at the act, unless a later one is lighter',
    'rules-substance: a town acting outside the published list is refused with the engine’s rule',
  ],
  // §C Procedure
  'APL-42': [
    'rules-procedure: 1 officer + 1 auxiliary → investigation and on-the-spot decision refused',
    'rules-procedure: an expired certificate or one for another domain does not count',
  ],
  'ZJ-30': ['rules-procedure: an auxiliary never signs: refused as who, whatever the step'],
  'APL-43': [
    'rules-procedure: recusal is decided by the head; the investigation continues meanwhile but cannot conclude',
  ],
  'APL-51': ['rules-procedure: citizen 200 → allowed; 201 → general procedure'],
  'APL-68': [
    'rules-procedure: collection on the spot only for ≤ 100 yuan or when later collection would be hard; cash in within 2 working days',
  ],
  'APL-54': ['rules-procedure: filing is prompt: the configured filing period stops at filing or at its refusal'],
  'APL-41/46/56': [
    'rules-procedure: eight evidence types; monitoring records only after review; preservation approved and decided within 7 working days',
  ],
  'APL-44/45/62': ['rules-procedure: notice 5,000, decision 6,000 → refused'],
  'APL-63/64': [
    'rules-procedure: hearing right by amount and kind; request within 5 working days; told 7 working days before; chair did not investigate',
    'rules-execution: a hearing window reaching a year without calendar data is flagged, never guessed',
  ],
  'APL-58': ['rules-decision: legal review when the criteria hold; failed or missing → no decision'],
  'APL-57': ['rules-decision: complex or serious cases are decided collectively (criteria are configuration)'],
  'APL-60': ['rules-decision: decision within 90 days of filing; extensions approved, recorded, extending the clock'],
  'APL-59': ['rules-decision: every element of the decision; any missing → not issued'],
  'APL-61': [
    'rules-decision: served on the spot or within 7 working days; electronic only with signed consent; never before the decision',
  ],
  'APL-48': [
    'rules-decision: a published decision changed or revoked is withdrawn within 3 working days, with reasons',
  ],
  'GB118-7': ['rules-decision: penalty decisions are published within the configured working days (default 7)'],
  // §D Execution
  'APL-67': ['rules-execution: paid within 15 days to a bank, not to the agency; deferral or instalments on approval'],
  'APL-72': [
    'rules-execution: fine 2,000, 10 days late → 600; 40 days late → 2,000',
    'rules-execution: days in reconsideration or litigation do not count; paid on time → none',
  ],
  'ACL-35/37/54': [
    'rules-execution: a written reminder after the payment period, then the court 10 working days later and within 3 months of the challenge period',
  ],
  'ACL-25': ['rules-execution: a seizure lasts 30 days, extended once by at most 30 with approval'],
  'ACL-43': [
    'rules-execution: no compulsory execution at night or on holidays except in an emergency; only with the power',
  ],
  // §E Transfer of suspected crimes
  'TRN-5/8': [
    'rules-execution: a team of two reports; the head decides within 3 days; transfer within 24 hours with its file',
  ],
  'TRN-11': ['rules-execution: a penalty never replaces a transfer; a paid fine is offset'],
};

/*
 * The rules travel with the code: `docs/legal/LEGAL.md` is the repository's copy of the shared LEGAL.md (a clean clone
 * has nothing beside it). Where the shared file is beside the checkout (the main checkout, or a worktree one level
 * further down), the copy must equal it — a changed rule reaches this table through a refreshed copy.
 */
const copies = import.meta.glob<string>('../../../../docs/legal/LEGAL.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const shared = import.meta.glob<string>(['../../../../../shared/LEGAL.md', '../../../../../../shared/LEGAL.md'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const legalFiles = copies;
const testSources = import.meta.glob<string>('./rules-*.test.ts', { query: '?raw', import: 'default', eager: true });

/** The bold rule ids (`**APL-9**`) of LEGAL.md's sections B to E. */
function legalRuleIds(md: string): string[] {
  const start = md.search(/^## B\./m);
  const end = md.search(/^## F\./m);
  expect(start, 'LEGAL.md has a section B').toBeGreaterThan(0);
  expect(end, 'LEGAL.md has a section F after B').toBeGreaterThan(start);
  return [...md.slice(start, end).matchAll(/\*\*([A-Z][A-Z0-9]*-[\w/()]+)\*\*/g)].map((m) => m[1]!);
}

/** Each `ruleTest('ID', 'title', …)` of the rule test files, as `file: title` with its rule id. */
function ruleTests(): { rule: string; name: string }[] {
  return Object.entries(testSources).flatMap(([path, src]) => {
    const file = path.replace('./', '').replace('.test.ts', '');
    return [...src.matchAll(/ruleTest\(\s*'([^']+)',\s*'((?:[^'\\]|\\.)+)'/g)].map((m) => ({
      rule: m[1]!,
      name: `${file}: ${m[2]!}`,
    }));
  });
}

describe('the rule table', () => {
  it('the repository carries LEGAL.md, equal to the shared rules wherever they are beside it', () => {
    const copy = Object.values(copies);
    expect(copy, 'expected docs/legal/LEGAL.md in the repository').toHaveLength(1);
    for (const [path, text] of Object.entries(shared))
      expect(text, `${path} differs from docs/legal/LEGAL.md`).toBe(copy[0]);
  });

  it('every rule id of LEGAL.md §B–E has an entry with at least one test', () => {
    const ids = legalRuleIds(Object.values(legalFiles)[0] ?? '');
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(ids.filter((id) => !(RULE_TABLE[id]?.length ?? 0))).toEqual([]);
  });

  it('every test the table names exists, under the rule it is listed for; every rule test is in the table', () => {
    const tests = ruleTests();
    const listed = Object.entries(RULE_TABLE).flatMap(([rule, names]) => names.map((name) => ({ rule, name })));
    const key = (t: { rule: string; name: string }) => `${t.rule} ⇒ ${t.name}`;
    expect(listed.map(key).filter((k) => !tests.map(key).includes(k))).toEqual([]);
    expect(tests.map(key).filter((k) => !listed.map(key).includes(k))).toEqual([]);
  });

  it('the table names no rule LEGAL.md does not have', () => {
    const ids = new Set(legalRuleIds(Object.values(legalFiles)[0] ?? ''));
    expect(Object.keys(RULE_TABLE).filter((id) => !ids.has(id))).toEqual([]);
  });
});
