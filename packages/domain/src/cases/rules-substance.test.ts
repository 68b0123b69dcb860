import { describe, expect } from 'vitest';
import { applicableVersion } from './versions.ts';
import { judgeFine } from './discretion.ts';
import { checkLimitation, limitation } from './limitation.ts';
import { checkOneFine, checkPenaltyKinds } from './rules-penalty.ts';
import { checkNoPenalty } from './rules-outcomes.ts';
import { decideCase } from './procedure.ts';
import { SAMPLE, at, elements, facts, fixedYuan, matter, officer, ruleTest, rules } from './test-fixtures.ts';

/* LEGAL.md §B (substance): each rule's "Test:" example literally, and the cases around it. */

const fine = (yuan: number) => ({ kind: 'fine' as const, amountFen: yuan * 100 });
const citizen = facts().party!;

describe('LEGAL.md §B', () => {
  ruleTest('APL-9', 'an enforcement bureau picks detention → refused', () => {
    expect(checkPenaltyKinds([{ kind: 'detention' }], 'bureau').map((r) => r.rule)).toEqual(['APL-9']);
    const notice = { ...SAMPLE.notify, penalties: [{ kind: 'detention' as const }] };
    expect(
      rules(
        facts({ state: 'investigated', report: { outcome: 'penalise', suspectedCrime: false } }),
        notice,
        officer,
        at('2026-06-01'),
      ),
    ).toContain('APL-9');
    // The police may (art. 18); an order to correct is not a penalty at all (art. 28).
    expect(checkPenaltyKinds([{ kind: 'detention' }], 'police')).toEqual([]);
    expect(checkPenaltyKinds([{ kind: 'order_to_correct' as never }], 'bureau').map((r) => r.rule)).toEqual(['APL-9']);
    expect(checkPenaltyKinds([{ kind: 'fine' }], 'bureau').map((r) => r.path)).toEqual(['body.penalties.0.amountFen']);
  });

  ruleTest('APL-36', 'act 2024-03-01 discovered 2026-03-02 → time-barred', () => {
    const act = { date: '2024-03-01', endDate: null, discoveredOn: '2026-03-02', harmToLifeHealthSafetyFinance: false };
    expect(limitation(act)).toEqual({ lastDay: '2026-03-01', years: 2, timeBarred: true });
    expect(checkLimitation(act).map((r) => r.rule)).toEqual(['APL-36']);
    expect(rules(facts({ act }), SAMPLE.file, officer, at('2026-03-05'))).toContain('APL-36');
    expect(limitation({ ...act, discoveredOn: '2026-03-01' }).timeBarred).toBe(false);
  });

  ruleTest(
    'APL-36',
    '5 years where life, health, safety or finance was harmed; a continuing act counts from its end',
    () => {
      const act = {
        date: '2022-03-01',
        endDate: null,
        discoveredOn: '2026-03-02',
        harmToLifeHealthSafetyFinance: true,
      };
      expect(limitation(act)).toMatchObject({ years: 5, lastDay: '2027-03-01', timeBarred: false });
      expect(limitation({ ...act, harmToLifeHealthSafetyFinance: false, endDate: '2025-01-01' }).timeBarred).toBe(
        false,
      );
      expect(checkLimitation({ ...act, discoveredOn: '2021-01-01' }).map((r) => r.rule)).toEqual(['CASE-DATE-ORDER']);
    },
  );

  ruleTest('APL-30/31', 'under 14 or without capacity: no fine is lawful; 14–17: lighter', () => {
    const m = matter({ discretion: fixedYuan(200, 1000) });
    const d = { tier: 'first' as const, circumstance: 'ordinary' as const, factors: [], support: {} };
    expect(judgeFine(m, { ...citizen, ageAtAct: 13 }, d, 50_000, undefined).reasons.map((r) => r.rule)).toEqual([
      'APL-30',
    ]);
    expect(
      judgeFine(m, { ...citizen, mentalCapacity: 'none' }, d, 50_000, undefined).reasons.map((r) => r.rule),
    ).toEqual(['APL-31']);
    const minor = judgeFine(m, { ...citizen, ageAtAct: 16 }, d, 50_000, undefined);
    expect(minor.recommendation.adjustment).toBe('lighter');
    expect(minor.recommendation.recommendedRange!.maxFen).toBeLessThanOrEqual(60_000);
    // A no-penalty decision on APL-30 needs the facts to show it.
    expect(
      checkNoPenalty(
        { party: { ...citizen, ageAtAct: 15 }, matter: m, discretion: d },
        'APL-30',
        '已教育',
        undefined,
      ).map((r) => r.rule),
    ).toEqual(['APL-30/31']);
    expect(
      checkNoPenalty({ party: { ...citizen, ageAtAct: 13 }, matter: m, discretion: d }, 'APL-30', '已教育', undefined),
    ).toEqual([]);
  });

  ruleTest('APL-32', 'mitigating factors make the fine lighter and must name the facts that support them', () => {
    const m = matter({ discretion: fixedYuan(200, 1000) });
    const d = {
      tier: 'first' as const,
      circumstance: 'ordinary' as const,
      factors: ['removed_harm' as const],
      support: {},
    };
    expect(judgeFine(m, citizen, d, 40_000, undefined).reasons.map((r) => r.rule)).toEqual(['APL-32']);
    const ok = judgeFine(m, citizen, { ...d, support: { removed_harm: '当场拆除摊位' } }, 40_000, undefined);
    expect(ok).toMatchObject({ reasons: [], recommendation: { adjustment: 'lighter' } });
  });

  ruleTest(
    'APL-33',
    'no penalty records education; a first-violation waiver records its reason and needs the list',
    () => {
      const d = {
        tier: 'first' as const,
        circumstance: 'minor' as const,
        factors: ['promptly_corrected' as const, 'slight_harm' as const],
        support: {},
      };
      const listed = matter({
        flags: { firstViolationWaiver: true, lightViolationCommitment: false, highFrequency: false },
      });
      expect(
        checkNoPenalty({ party: citizen, matter: listed, discretion: d }, 'APL-33(b)', '已教育', '初次违法及时改正'),
      ).toEqual([]);
      expect(
        checkNoPenalty({ party: citizen, matter: listed, discretion: d }, 'APL-33(b)', '', '').map((r) => r.path),
      ).toEqual(['body.educationRecord', 'body.waiverReason']);
      expect(
        checkNoPenalty({ party: citizen, matter: matter(), discretion: d }, 'APL-33(b)', '已教育', '理由').map(
          (r) => r.rule,
        ),
      ).toEqual(['APL-33']);
      expect(
        checkNoPenalty(
          { party: { ...citizen, priorViolations: 1 }, matter: listed, discretion: d },
          'APL-33(b)',
          '已教育',
          '理由',
        ).length,
      ).toBe(1);
      // (a) minor, corrected, harmless: must not penalise — a fine is refused.
      const a = {
        ...d,
        factors: ['promptly_corrected' as const, 'no_harm' as const],
        support: { promptly_corrected: '已改正', no_harm: '无后果' },
      };
      expect(
        judgeFine(matter({ discretion: fixedYuan(200, 1000) }), citizen, a, 30_000, undefined).reasons.map(
          (r) => r.rule,
        ),
      ).toEqual(['APL-33(a)']);
    },
  );

  ruleTest('APL-29', 'one act, one fine; several norms → the one with the higher fine', () => {
    const f = facts();
    expect(checkOneFine([fine(300), fine(300)], f).map((r) => r.rule)).toEqual(['APL-29']);
    expect(checkOneFine([fine(300)], { ...f, priorFineForSameAct: true }).map((r) => r.rule)).toEqual(['APL-29']);
    const concurrent = [
      { matterId: 'm-1', name: '本事项', maxFineFen: 100_000 },
      { matterId: 'm-2', name: '另一事项', maxFineFen: 2_000_000 },
    ];
    expect(checkOneFine([fine(300)], { ...f, concurrentMatters: concurrent })[0]?.zh).toContain('另一事项');
    expect(checkOneFine([fine(300), { kind: 'warning' }], f)).toEqual([]);
  });

  ruleTest('APL-37', 'the version in force at the act, unless a later one is lighter', () => {
    const v1 = matter({ version: 1, effectiveFrom: '2025-01-01', discretion: fixedYuan(200, 1000) });
    const heavier = matter({ version: 2, effectiveFrom: '2026-01-01', discretion: fixedYuan(500, 2000) });
    const lighter = matter({ version: 2, effectiveFrom: '2026-01-01', discretion: fixedYuan(100, 500) });
    expect(applicableVersion([v1, heavier], '2025-06-01', '2026-06-01', 'individual')).toMatchObject({
      ok: true,
      version: { version: 1 },
      lighterLater: false,
    });
    expect(applicableVersion([v1, lighter], '2025-06-01', '2026-06-01', 'individual')).toMatchObject({
      ok: true,
      version: { version: 2 },
      lighterLater: true,
    });
    const withdrawn = matter({ version: 2, effectiveFrom: '2026-01-01', withdrawn: true });
    expect(applicableVersion([v1, withdrawn], '2025-06-01', '2026-06-01', 'individual')).toMatchObject({
      ok: true,
      version: { withdrawn: true },
    });
    expect(applicableVersion([v1], '2024-06-01', '2026-06-01', 'individual')).toMatchObject({
      ok: false,
      reason: { rule: 'APL-37' },
    });
    // A case without a matter version cannot be filed.
    expect(rules(facts({ matter: null }), SAMPLE.file, officer, at('2026-06-01'))).toContain('APL-37');
  });
});

describe('the jurisdiction engine refuses through the case (ZJ-9)', () => {
  ruleTest('APL-37', 'a town acting outside the published list is refused with the engine’s rule', () => {
    const f = facts({
      jurisdictionRefusal: {
        ruleId: 'ZJ-9',
        zh: '乡镇仅能行使县级公布清单内的事项',
        en: 'Towns act only on the published list',
      },
    });
    expect(rules(f, SAMPLE.file, officer, at('2026-06-01'))).toContain('ZJ-9');
    expect(decideCase(f, { ...SAMPLE.decide_on_spot, elements: elements() }, officer, at('2026-06-01')).ok).toBe(false);
  });
});
