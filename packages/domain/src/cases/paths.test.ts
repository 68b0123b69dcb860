import { describe, expect, it } from 'vitest';
import { decideCase } from './procedure.ts';
import type { CaseFacts } from './facts.ts';
import { fixedYuan } from './test-fixtures.ts';
import {
  SAMPLE,
  at,
  elements,
  facts,
  leader,
  matter,
  notice,
  officer,
  officerA,
  officerB,
  officerC,
  reviewer,
  run,
} from './test-fixtures.ts';

/* Full legal paths end to end through `decide` (and `evolveCase` for the record between steps). */

const yuan = (n: number) => n * 100;

describe('legal paths', () => {
  it('simple procedure on the spot: decided, fine collected, cash handed in, closed, archived', () => {
    let f = facts({ matter: matter({ discretion: fixedYuan(0, 50) }) });
    f = run(
      f,
      { ...SAMPLE.decide_on_spot, penalties: [{ kind: 'fine', amountFen: yuan(30) }] },
      officer,
      at('2026-06-01'),
    );
    expect(f).toMatchObject({ state: 'executed', procedure: 'simple', payment: { dueFen: 3000, paidFen: 3000 } });
    // APL-68: cash collected on the spot must reach the agency before the case closes.
    expect(decideCase(f, SAMPLE.close, officer, at('2026-06-01'))).toMatchObject({
      ok: false,
      reasons: [{ rule: 'APL-68' }],
    });
    f = run(f, { action: 'hand_in_cash', handedOn: '2026-06-02' }, officer, at('2026-06-02'));
    f = run(f, SAMPLE.close, officer, at('2026-06-02'));
    f = run(f, SAMPLE.archive, officer, at('2026-06-03'));
    expect(f.state).toBe('archived');
  });

  it('general procedure with a hearing and legal review, to execution and closure', () => {
    const big = {
      tiers: {
        first: {
          individual: { kind: 'fixed', minFen: yuan(5000), maxFen: yuan(50000) },
          organisation: { kind: 'fixed', minFen: yuan(10000), maxFen: yuan(100000) },
        },
      },
    } as const;
    let f: CaseFacts = facts({
      matter: matter({ discretion: big }),
      party: {
        kind: 'organisation',
        name: '某餐饮有限公司',
        address: '温岭市城东街道',
        priorViolations: 0,
        electronicServiceConsent: false,
      },
      flags: ['major_rights'],
    });
    const fine60k = [{ kind: 'fine' as const, amountFen: yuan(60000) }];
    f = run(f, SAMPLE.file, officer, at('2026-03-05'));
    f = run(f, SAMPLE.approve_filing, leader, at('2026-03-06'));
    f = run(f, SAMPLE.assign_investigators, leader, at('2026-03-06'));
    f = run(f, SAMPLE.record_evidence, officer, at('2026-03-10'));
    f = run(f, SAMPLE.submit_report, officer, at('2026-03-18'));
    expect(f.state).toBe('investigated');
    f = run(
      f,
      { action: 'notify', penalties: fine60k, servedOn: '2026-03-20', contents: notice },
      officer,
      at('2026-03-20'),
    );
    expect(f.notice?.hearingRight).toBe(true); // APL-63: 60,000 yuan ≥ the organisation threshold of 50,000
    f = run(f, { action: 'request_hearing', requestedOn: '2026-03-24' }, officer, at('2026-03-24'));
    f = run(
      f,
      { action: 'schedule_hearing', hearingDate: '2026-04-10', notifiedOn: '2026-03-25', chairId: officerC.personId },
      leader,
      at('2026-03-25'),
    );
    // APL-65: the decision rests on the transcript.
    expect(decideCase(f, { action: 'hold_hearing', heldOn: '2026-04-10' }, officer, at('2026-04-10'))).toMatchObject({
      ok: false,
      reasons: [{ rule: 'APL-63/64' }],
    });
    f = run(f, { action: 'hold_hearing', heldOn: '2026-04-10' }, officer, at('2026-04-10'), {
      documents: new Set(['hearing_transcript']),
    });
    expect(f.state).toBe('deliberating');
    const propose = { ...SAMPLE.propose_decision, penalties: fine60k };
    // APL-58: heard and affecting major rights → legal review before any decision.
    expect(decideCase(f, propose, officer, at('2026-04-13'))).toMatchObject({
      ok: false,
      reasons: [{ rule: 'APL-58' }],
    });
    f = run(f, SAMPLE.legal_review, reviewer, at('2026-04-14'));
    f = run(f, propose, officer, at('2026-04-15'));
    f = run(f, { ...SAMPLE.approve_decision, decidedOn: '2026-04-20' }, leader, at('2026-04-20'));
    expect(f).toMatchObject({ state: 'decided', payment: { dueFen: yuan(60000) } });
    f = run(f, { action: 'serve', method: 'direct', servedOn: '2026-04-21' }, officer, at('2026-04-21'));
    expect(f).toMatchObject({ state: 'executing', payment: { dueOn: '2026-05-06' } });
    f = run(f, { action: 'publish', publishedOn: '2026-04-22' }, officer, at('2026-04-22'));
    f = run(
      f,
      { action: 'record_payment', amountFen: yuan(60000), paidOn: '2026-04-30', channel: 'bank' },
      officer,
      at('2026-04-30'),
    );
    f = run(f, SAMPLE.close, officer, at('2026-05-08'));
    f = run(f, SAMPLE.archive, officer, at('2026-05-09'));
    expect(f.state).toBe('archived');
  });

  it('transfer as a suspected crime: reported by two, approved, sent with its file, accepted by the police', () => {
    let f = facts();
    f = run(f, SAMPLE.file, officer, at('2026-03-05'));
    f = run(f, SAMPLE.approve_filing, leader, at('2026-03-06'));
    f = run(f, SAMPLE.assign_investigators, leader, at('2026-03-06'));
    f = run(f, { ...SAMPLE.submit_report, outcome: 'transfer_crime', suspectedCrime: true }, officer, at('2026-03-10'));
    // TRN-11: a penalty never replaces the transfer.
    expect(decideCase(f, SAMPLE.notify, officer, at('2026-03-10')).ok).toBe(false);
    f = run(
      f,
      {
        ...SAMPLE.report_transfer,
        kind: 'crime',
        reporterIds: [officerA.personId, officerB.personId],
        targetAgency: '温岭市公安局',
      },
      officer,
      at('2026-03-10'),
    );
    f = run(f, SAMPLE.approve_transfer, leader, at('2026-03-11'));
    expect(f.state).toBe('transfer_approved');
    const file = new Set(['transfer_letter', 'investigation_report', 'item_list']);
    f = run(f, SAMPLE.send_transfer, officer, at('2026-03-11', '16:00'), { documents: file });
    f = run(f, { action: 'record_police_answer', accepted: true, answeredOn: '2026-03-13' }, officer, at('2026-03-13'));
    f = run(f, SAMPLE.archive, officer, at('2026-03-14'));
    expect(f.state).toBe('archived');
  });

  it('light-violation commitment honoured: no case; broken: back to a lead to file', () => {
    const listed = matter({
      flags: { firstViolationWaiver: false, lightViolationCommitment: true, highFrequency: false },
    });
    let f = run(facts({ matter: listed }), SAMPLE.offer_commitment, officer, at('2026-06-01'));
    expect(f.state).toBe('commitment');
    expect(run(f, SAMPLE.confirm_correction, officer, at('2026-06-02')).state).toBe('closed');
    f = run(f, { ...SAMPLE.confirm_correction, corrected: false }, officer, at('2026-06-02'));
    expect(f.state).toBe('lead');
  });

  it('no penalty (APL-33(a)) after investigation: education recorded, decided, served, closed', () => {
    let f = facts({
      discretion: {
        tier: 'first',
        circumstance: 'minor',
        factors: ['promptly_corrected', 'no_harm'],
        support: { promptly_corrected: '当场清除', no_harm: '无投诉' },
      },
    });
    f = run(f, SAMPLE.file, officer, at('2026-03-05'));
    f = run(f, SAMPLE.approve_filing, leader, at('2026-03-06'));
    f = run(f, SAMPLE.assign_investigators, leader, at('2026-03-06'));
    f = run(f, { ...SAMPLE.submit_report, outcome: 'no_penalty' }, officer, at('2026-03-10'));
    const none = {
      action: 'propose_decision',
      kind: 'no_penalty',
      penalties: [],
      noPenaltyGround: 'APL-33(a)',
      elements: elements(),
    } as const;
    expect(decideCase(f, none, officer, at('2026-03-11'))).toMatchObject({ ok: false, reasons: [{ rule: 'APL-33' }] });
    f = run(f, { ...none, educationRecord: '已对当事人进行法治教育' }, officer, at('2026-03-11'));
    f = run(f, { ...SAMPLE.approve_decision, decidedOn: '2026-03-12' }, leader, at('2026-03-12'));
    f = run(f, { action: 'serve', method: 'direct', servedOn: '2026-03-12' }, officer, at('2026-03-12'));
    expect(f.state).toBe('executed');
    expect(run(f, SAMPLE.close, officer, at('2026-03-13')).state).toBe('closed');
  });

  it('reconsideration changes the fine: the surcharge clock pauses, the changed amount is then executed', () => {
    let f = facts({
      state: 'executing',
      procedure: 'general',
      decision: {
        kind: 'penalty',
        penalties: [{ kind: 'fine', amountFen: yuan(800) }],
        decidedOn: '2026-04-01',
        onTheSpot: false,
        collectedOnSpot: false,
      },
      service: { servedOn: '2026-04-02', method: 'direct' },
      payment: { dueFen: yuan(800), paidFen: 0, dueOn: '2026-04-17', deferral: 'none', cashHandedInOn: null },
    });
    f = run(
      f,
      { action: 'record_challenge', kind: 'reconsideration', filedOn: '2026-04-10' },
      officer,
      at('2026-04-10'),
    );
    const changed = {
      action: 'record_challenge_outcome',
      kind: 'reconsideration',
      outcome: 'changed',
      decidedOn: '2026-05-20',
    } as const;
    expect(decideCase(f, changed, officer, at('2026-05-20'))).toMatchObject({
      ok: false,
      reasons: [{ rule: 'CASE-CHALLENGE' }],
    });
    f = run(f, { ...changed, changedPenalties: [{ kind: 'fine', amountFen: yuan(500) }] }, officer, at('2026-05-20'));
    expect(f).toMatchObject({ state: 'executing', payment: { dueFen: yuan(500) } });
    f = run(
      f,
      { action: 'record_payment', amountFen: yuan(500), paidOn: '2026-05-25', channel: 'electronic' },
      officer,
      at('2026-05-25'),
    );
    expect(f.state).toBe('executed');
  });
});
