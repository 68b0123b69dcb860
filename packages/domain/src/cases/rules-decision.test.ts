import { describe, expect } from 'vitest';
import { caseClockDue } from './clocks.ts';
import { decideCase } from './procedure.ts';
import { caseSettings, DEFAULT_CASE_SETTINGS } from './settings.ts';
import {
  SAMPLE,
  at,
  calendar,
  elements,
  facts,
  leader,
  officer,
  reviewer,
  ruleTest,
  rules,
  clocksOf,
  deliberating,
  fine,
  investigating,
  spot,
} from './test-fixtures.ts';

/* LEGAL.md §C (procedure, from the review to publication): each rule's guard or clock through the procedure. */

const now = at('2026-06-01');

describe('LEGAL.md §C (review, decision, service, publication)', () => {
  ruleTest('APL-58', 'legal review when the criteria hold; failed or missing → no decision', () => {
    const major = deliberating({ flags: ['major_public_interest'] });
    expect(rules(major, SAMPLE.propose_decision, officer, now)).toEqual(['APL-58']);
    expect(rules({ ...major, legalReview: 'failed' }, SAMPLE.propose_decision, officer, now)).toEqual(['APL-58']);
    expect(rules({ ...major, legalReview: 'passed' }, SAMPLE.propose_decision, officer, now)).toEqual([]);
    expect(rules(deliberating(), SAMPLE.propose_decision, officer, now)).toEqual([]);
    const local = {
      ...deliberating(),
      settings: caseSettings({
        legalReview: { ...DEFAULT_CASE_SETTINGS.legalReview, fineAtLeastFen: { citizen: 50_000, organisation: null } },
      }),
    };
    expect(rules(local, SAMPLE.propose_decision, officer, now)).toEqual(['APL-58']);
    expect(decideCase(major, SAMPLE.legal_review, officer, now)).toMatchObject({ ok: false, forbidden: true });
    expect(decideCase(major, SAMPLE.legal_review, reviewer, now)).toMatchObject({ ok: true, to: 'deliberating' });
  });

  ruleTest('APL-57', 'complex or serious cases are decided collectively (criteria are configuration)', () => {
    const complex = deliberating({ flags: ['serious'] });
    expect(rules(complex, SAMPLE.propose_decision, officer, now)).toEqual(['APL-57']);
    expect(rules({ ...complex, collectiveDiscussion: true }, SAMPLE.propose_decision, officer, now)).toEqual([]);
    expect(rules(complex, { ...SAMPLE.collective_discussion, participants: 2 }, leader, now)).toEqual(['APL-57']);
    expect(
      rules(
        investigating({ state: 'investigated', report: { outcome: 'penalise', suspectedCrime: false } }),
        { ...SAMPLE.notify },
        officer,
        now,
      ),
    ).toEqual([]);
  });

  ruleTest('APL-60', 'decision within 90 days of filing; extensions approved, recorded, extending the clock', () => {
    expect(clocksOf('approve_filing', facts({ state: 'filing_pending' })).start).toContainEqual({
      kind: 'decision',
      rule: 'APL-60',
      clock: 'calendar_days',
      amount: 90,
    });
    // 2026-03-06 + 90 days = 2026-06-04 (Thursday).
    expect(caseClockDue('decision', at('2026-03-06'), calendar, DEFAULT_CASE_SETTINGS)).toMatchObject({
      ok: true,
      dueOn: '2026-06-04',
    });
    expect(caseClockDue('decision', at('2026-03-06'), calendar, DEFAULT_CASE_SETTINGS, 30)).toMatchObject({
      ok: true,
      dueOn: '2026-07-06',
    });
    const asked = investigating({ extension: { requestedDays: 30, approvedDays: 0 } });
    expect(decideCase(asked, SAMPLE.approve_extension, officer, now)).toMatchObject({ ok: false, forbidden: true });
    expect(rules(asked, { ...SAMPLE.approve_extension, days: 31 }, leader, now)).toEqual(['APL-60']);
    expect(clocksOf('approve_extension', asked).extend).toEqual(['decision']);
    expect(rules(investigating(), SAMPLE.approve_extension, leader, now)).toEqual(['APL-60']);
    expect(clocksOf('approve_decision', deliberating({ state: 'decision_pending' })).stop).toContain('decision');
  });

  ruleTest('APL-59', 'every element of the decision; any missing → not issued', () => {
    const f = deliberating();
    const missing = {
      ...SAMPLE.propose_decision,
      elements: elements({ partyAddress: ' ', evidence: [], sealed: false }),
    };
    const r = decideCase(f, missing, officer, now);
    expect(r.ok ? [] : r.reasons.map((x) => `${x.rule} ${x.path}`)).toEqual([
      'APL-59 body.elements.partyAddress',
      'APL-59 body.elements.evidence',
      'APL-59 body.elements.sealed',
    ]);
    expect(
      rules(
        facts(),
        { ...spot(30), elements: elements({ remedies: { reconsideration: '', lawsuit: 'x' } }) },
        officer,
        now,
      ),
    ).toContain('APL-59');
  });

  ruleTest(
    'APL-61',
    'served on the spot or within 7 working days; electronic only with signed consent; never before the decision',
    () => {
      const decided = deliberating({
        state: 'decided',
        decision: {
          kind: 'penalty',
          penalties: fine(500),
          decidedOn: '2026-05-20',
          onTheSpot: false,
          collectedOnSpot: false,
        },
      });
      // 2026-05-20 + 7 working days → 2026-05-29.
      expect(rules(decided, { action: 'serve', method: 'post', servedOn: '2026-05-29' }, officer, now)).toEqual([]);
      expect(rules(decided, { action: 'serve', method: 'post', servedOn: '2026-06-01' }, officer, now)).toEqual([
        'APL-61',
      ]);
      expect(
        rules(
          decided,
          { action: 'serve', method: 'post', servedOn: '2026-06-01', lateReason: '当事人下落不明' },
          officer,
          now,
        ),
      ).toEqual([]);
      expect(rules(decided, { action: 'serve', method: 'electronic', servedOn: '2026-05-21' }, officer, now)).toEqual([
        'APL-61',
      ]);
      const consent = { ...decided, party: { ...decided.party!, electronicServiceConsent: true } };
      expect(rules(consent, { action: 'serve', method: 'electronic', servedOn: '2026-05-21' }, officer, now)).toEqual(
        [],
      );
      expect(rules(decided, { action: 'serve', method: 'direct', servedOn: '2026-05-19' }, officer, now)).toEqual([
        'CASE-DATE-ORDER',
      ]);
    },
  );

  ruleTest('APL-48', 'a published decision changed or revoked is withdrawn within 3 working days, with reasons', () => {
    const published = deliberating({
      state: 'executing',
      published: true,
      decision: {
        kind: 'penalty',
        penalties: fine(500),
        decidedOn: '2026-05-20',
        onTheSpot: false,
        collectedOnSpot: false,
      },
      challenges: [{ kind: 'reconsideration', filedOn: '2026-05-25', decidedOn: null, outcome: null }],
    });
    const outcome = { ...SAMPLE.record_challenge_outcome, outcome: 'revoked' as const };
    expect(decideCase(published, outcome, officer, now)).toMatchObject({ ok: true, to: 'closed' });
    expect(clocksOf('record_challenge_outcome', published, outcome).start).toContainEqual({
      kind: 'publication_withdrawal',
      rule: 'APL-48',
      clock: 'working_days',
      amount: 3,
    });
    expect(rules(published, { action: 'withdraw_publication', reason: '' }, officer, now)).toEqual(['APL-48']);
    expect(rules(published, SAMPLE.publish, officer, now)).toEqual(['APL-48']);
  });

  ruleTest('GB118-7', 'penalty decisions are published within the configured working days (default 7)', () => {
    const pending = deliberating({
      state: 'decision_pending',
      decision: { kind: 'penalty', penalties: fine(500), decidedOn: null, onTheSpot: false, collectedOnSpot: false },
    });
    expect(clocksOf('approve_decision', pending).start).toContainEqual({
      kind: 'publication',
      rule: 'GB118-7',
      clock: 'working_days',
      amount: 7,
    });
    const ten = { ...pending, settings: caseSettings({ publicationWorkingDays: { penalty: 10, other: 20 } }) };
    expect(clocksOf('approve_decision', ten).start).toContainEqual({
      kind: 'publication',
      rule: 'GB118-7',
      clock: 'working_days',
      amount: 10,
    });
    expect(clocksOf('publish', pending).stop).toEqual(['publication']);
  });
});
