import { describe, expect } from 'vitest';
import { caseClockRules } from './clocks.ts';
import { checkEvidence, EVIDENCE_TYPES, unusableEvidence } from './evidence.ts';
import { decideCase } from './procedure.ts';
import { checkSimpleProcedure } from './rules-penalty.ts';
import { caseSettings, DEFAULT_CASE_SETTINGS } from './settings.ts';
import {
  SAMPLE,
  at,
  auxiliary,
  expired,
  facts,
  fixedYuan,
  leader,
  matter,
  officer,
  officerA,
  otherDomain,
  ruleTest,
  rules,
  clocksOf,
  deliberating,
  fine,
  investigating,
  spot,
} from './test-fixtures.ts';

/* LEGAL.md §C (procedure): each rule's "Test:" example literally, and its guard or clock through the procedure. */

const now = at('2026-06-01');

describe('LEGAL.md §C', () => {
  ruleTest('APL-42', '1 officer + 1 auxiliary → investigation and on-the-spot decision refused', () => {
    expect(rules(facts(), spot(30, [officerA, auxiliary]), officer, now)).toContain('APL-42');
    expect(
      rules(investigating(), { action: 'assign_investigators', investigators: [officerA, auxiliary] }, leader, now),
    ).toEqual(['APL-42']);
    expect(rules(investigating({ investigators: [officerA, auxiliary] }), SAMPLE.submit_report, officer, now)).toEqual([
      'APL-42',
    ]);
  });

  ruleTest('APL-42', 'an expired certificate or one for another domain does not count', () => {
    expect(
      rules(investigating(), { action: 'assign_investigators', investigators: [officerA, expired] }, leader, now),
    ).toEqual(['APL-42']);
    expect(
      rules(investigating(), { action: 'assign_investigators', investigators: [officerA, otherDomain] }, leader, now),
    ).toEqual(['APL-42']);
    expect(
      rules(investigating(), { action: 'assign_investigators', investigators: [officerA, officerA] }, leader, now),
    ).toEqual(['APL-42']);
  });

  ruleTest('ZJ-30', 'an auxiliary never signs: refused as who, whatever the step', () => {
    const aux = { ...officer, personId: 'pX', isAuxiliary: true };
    for (const input of [SAMPLE.file, SAMPLE.submit_report, spot(30)])
      expect(
        decideCase(
          investigating({ state: input.action === 'submit_report' ? 'investigating' : 'lead' }),
          input,
          aux,
          now,
        ),
      ).toMatchObject({
        ok: false,
        forbidden: true,
        reasons: expect.arrayContaining([expect.objectContaining({ rule: 'ZJ-30' })]),
      });
  });

  ruleTest(
    'APL-43',
    'recusal is decided by the head; the investigation continues meanwhile but cannot conclude',
    () => {
      let f = investigating();
      const d = decideCase(f, SAMPLE.apply_recusal, officer, now);
      expect(d).toMatchObject({ ok: true, to: 'investigating' });
      f = { ...f, pendingRecusals: [{ personId: 'pB' }] };
      expect(rules(f, SAMPLE.record_evidence, officer, now)).toEqual([]);
      expect(rules(f, SAMPLE.submit_report, officer, now)).toContain('APL-43');
      expect(rules(f, SAMPLE.apply_recusal, officer, now)).toContain('APL-43');
      expect(decideCase(f, SAMPLE.decide_recusal, officer, now)).toMatchObject({ ok: false, forbidden: true });
      expect(rules(f, SAMPLE.decide_recusal, leader, now)).toEqual([]);
      expect(rules(investigating(), SAMPLE.decide_recusal, leader, now)).toContain('APL-43');
    },
  );

  ruleTest('APL-51', 'citizen 200 → allowed; 201 → general procedure', () => {
    expect(checkSimpleProcedure(fine(200), 'citizen', DEFAULT_CASE_SETTINGS)).toEqual([]);
    expect(checkSimpleProcedure(fine(201), 'citizen', DEFAULT_CASE_SETTINGS).map((r) => r.rule)).toEqual(['APL-51']);
    expect(checkSimpleProcedure(fine(3000), 'organisation', DEFAULT_CASE_SETTINGS)).toEqual([]);
    expect(checkSimpleProcedure(fine(3001), 'other_organisation', DEFAULT_CASE_SETTINGS).map((r) => r.rule)).toEqual([
      'APL-51',
    ]);
    expect(
      checkSimpleProcedure([{ kind: 'revoke_licence' }], 'citizen', DEFAULT_CASE_SETTINGS).map((r) => r.rule),
    ).toEqual(['APL-51']);
    const f = facts({
      matter: matter({ discretion: fixedYuan(0, 1000) }),
      discretion: { tier: 'first', circumstance: 'grave', factors: [], support: {} },
    });
    expect(rules(f, spot(200), officer, now)).toEqual(['DISC-OUTSIDE-RECOMMENDED']);
    expect(rules(f, { ...spot(200), discretionReason: '多次劝导拒不改正' }, officer, now)).toEqual([]);
    expect(rules(f, { ...spot(201), discretionReason: '理由' }, officer, now)).toEqual(['APL-51']);
  });

  ruleTest(
    'APL-68',
    'collection on the spot only for ≤ 100 yuan or when later collection would be hard; cash in within 2 working days',
    () => {
      const f = facts({
        matter: matter({ discretion: fixedYuan(0, 200) }),
        discretion: { tier: 'first', circumstance: 'grave', factors: [], support: {} },
      });
      expect(rules(f, { ...spot(190), collectOnSpot: 'small_fine' }, officer, now)).toEqual(['APL-68']);
      expect(rules(f, { ...spot(190), collectOnSpot: 'hard_to_execute' }, officer, now)).toEqual([]);
      const small = facts({ matter: matter({ discretion: fixedYuan(0, 100) }), discretion: f.discretion });
      expect(rules(small, { ...spot(100), collectOnSpot: 'small_fine' }, officer, now)).toEqual([]);
      expect(clocksOf('decide_on_spot', small, { ...spot(100), collectOnSpot: 'small_fine' }).start).toContainEqual({
        kind: 'cash_handover',
        rule: 'APL-68',
        clock: 'working_days',
        amount: 2,
      });
    },
  );

  ruleTest('APL-54', 'filing is prompt: the configured filing period stops at filing or at its refusal', () => {
    expect(caseClockRules(DEFAULT_CASE_SETTINGS).filing).toMatchObject({
      rule: 'APL-54',
      unit: 'working_days',
      amount: 15,
    });
    expect(caseClockRules(caseSettings({ filingPeriod: { unit: 'calendar_days', amount: 7 } })).filing).toMatchObject({
      unit: 'calendar_days',
      amount: 7,
    });
    expect(clocksOf('approve_filing', facts({ state: 'filing_pending' })).stop).toContain('filing');
    expect(rules(facts(), { action: 'file', reason: '' }, officer, now)).toEqual(['APL-54']);
  });

  ruleTest(
    'APL-41/46/56',
    'eight evidence types; monitoring records only after review; preservation approved and decided within 7 working days',
    () => {
      expect(EVIDENCE_TYPES).toHaveLength(8);
      expect(
        checkEvidence({ ...SAMPLE.record_evidence.evidence, type: 'hearsay' as never }).map((r) => r.rule),
      ).toEqual(['APL-41/46/56']);
      const cam = {
        ...SAMPLE.record_evidence.evidence,
        id: 'cam-1',
        source: 'electronic_monitoring' as const,
        reviewStatus: 'pending' as const,
      };
      expect(unusableEvidence([cam]).map((r) => r.rule)).toEqual(['APL-41/46/56']);
      expect(rules(investigating({ evidence: [cam] }), SAMPLE.submit_report, officer, now)).toEqual(['APL-41/46/56']);
      expect(
        rules(investigating({ evidence: [{ ...cam, reviewStatus: 'approved' }] }), SAMPLE.submit_report, officer, now),
      ).toEqual([]);
      // Preservation: approved by the head, decided within 7 working days of approval (2026-05-22 + 7 → 2026-06-02).
      const kept = investigating({ preservation: { status: 'approved', approvedOn: '2026-05-22' } });
      expect(
        rules(
          kept,
          { action: 'decide_preservation', measure: 'confiscate', decidedOn: '2026-06-02' },
          officer,
          at('2026-06-02'),
        ),
      ).toEqual([]);
      expect(
        rules(
          kept,
          { action: 'decide_preservation', measure: 'confiscate', decidedOn: '2026-06-03' },
          officer,
          at('2026-06-03'),
        ),
      ).toEqual(['APL-41/46/56']);
      expect(
        rules(
          kept,
          { action: 'decide_preservation', measure: 'release', decidedOn: '2026-06-03' },
          officer,
          at('2026-06-03'),
        ),
      ).toEqual([]);
      expect(
        decideCase(
          investigating({ preservation: { status: 'requested', approvedOn: null } }),
          SAMPLE.approve_preservation,
          officer,
          now,
        ),
      ).toMatchObject({ ok: false, forbidden: true });
      expect(clocksOf('approve_preservation', investigating()).start).toContainEqual({
        kind: 'preservation',
        rule: 'APL-56',
        clock: 'working_days',
        amount: 7,
      });
    },
  );

  ruleTest('APL-44/45/62', 'notice 5,000, decision 6,000 → refused', () => {
    const f = deliberating({
      notice: { servedOn: '2026-05-20', penalties: fine(5000), hearingRight: false, waived: false },
      matter: matter({ discretion: fixedYuan(1000, 10000) }),
    });
    const propose = (yuan: number) => ({ ...SAMPLE.propose_decision, penalties: fine(yuan), discretionReason: '情节' });
    expect(rules(f, propose(6000), officer, now)).toEqual(['APL-44/45/62']);
    expect(rules(f, propose(5000), officer, now)).toEqual([]);
    expect(
      rules(f, { ...propose(5000), penalties: [...fine(5000), { kind: 'suspend_production' as const }] }, officer, now),
    ).toContain('APL-44/45/62');
    // No decision without a notice (from the investigation straight to a penalty).
    expect(rules({ ...f, state: 'investigated' }, propose(5000), officer, now)).toContain('APL-44/45/62');
    // The notice states facts, reasons, basis and rights.
    const bare = {
      ...SAMPLE.notify,
      contents: { facts: '', reasons: 'r', basis: 'b', rights: { statement: true, defence: false, hearing: false } },
    };
    expect(
      rules(
        investigating({ state: 'investigated', report: { outcome: 'penalise', suspectedCrime: false } }),
        bare,
        officer,
        now,
      ),
    ).toEqual(['APL-44/45/62', 'APL-44/45/62']);
  });

  ruleTest(
    'APL-63/64',
    'hearing right by amount and kind; request within 5 working days; told 7 working days before; chair did not investigate',
    () => {
      const f = investigating({
        state: 'notified',
        notice: { servedOn: '2026-05-20', penalties: fine(6000), hearingRight: true, waived: false },
      });
      // 2026-05-20 (Wed) + 5 working days → 2026-05-27.
      expect(rules(f, { action: 'request_hearing', requestedOn: '2026-05-27' }, officer, at('2026-05-28'))).toEqual([]);
      expect(rules(f, { action: 'request_hearing', requestedOn: '2026-05-28' }, officer, at('2026-05-28'))).toEqual([
        'APL-63/64',
      ]);
      expect(
        rules(
          { ...f, notice: { ...f.notice!, hearingRight: false } },
          { action: 'request_hearing', requestedOn: '2026-05-21' },
          officer,
          now,
        ),
      ).toEqual(['APL-63/64']);
      const h = {
        ...f,
        state: 'hearing' as const,
        hearing: { requestedOn: '2026-05-21', scheduledFor: null, chairId: null, heldOn: null, withdrawn: false },
      };
      // Hearing on 2026-06-12 (Fri): notify by 2026-06-03 (7 working days before; 06-19 is the Dragon Boat holiday, not in range).
      expect(
        rules(
          h,
          { action: 'schedule_hearing', hearingDate: '2026-06-12', notifiedOn: '2026-06-03', chairId: 'pC' },
          leader,
          at('2026-06-03'),
        ),
      ).toEqual([]);
      expect(
        rules(
          h,
          { action: 'schedule_hearing', hearingDate: '2026-06-12', notifiedOn: '2026-06-04', chairId: 'pC' },
          leader,
          at('2026-06-04'),
        ),
      ).toEqual(['APL-63/64']);
      expect(
        rules(
          h,
          { action: 'schedule_hearing', hearingDate: '2026-06-12', notifiedOn: '2026-06-01', chairId: 'pA' },
          leader,
          now,
        ),
      ).toEqual(['APL-63/64']);
      // A held hearing is a prerequisite of the decision.
      expect(rules(deliberating({ hearing: h.hearing }), SAMPLE.propose_decision, officer, now)).toContain('APL-63/64');
    },
  );
});
