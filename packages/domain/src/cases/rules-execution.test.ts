import { describe, expect } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { clockEffects } from '../workflow/procedure.ts';
import { CASE_PROCEDURE, decideCase } from './procedure.ts';
import { lateSurcharge } from './surcharge.ts';
import type { CaseFacts } from './facts.ts';
import { SAMPLE, at, facts, leader, officer, officerA, officerB, officerC, ruleTest, rules } from './test-fixtures.ts';

/* LEGAL.md §D (execution) and §E (transfer of suspected crimes). */

const now = at('2026-06-01');
const fine = (yuan: number) => [{ kind: 'fine' as const, amountFen: yuan * 100 }];
const executing = (over: Partial<CaseFacts> = {}) =>
  facts({
    state: 'executing',
    procedure: 'general',
    investigators: [officerA, officerB],
    decision: {
      kind: 'penalty',
      penalties: fine(2000),
      decidedOn: '2026-03-02',
      onTheSpot: false,
      collectedOnSpot: false,
    },
    service: { servedOn: '2026-03-03', method: 'direct' },
    payment: { dueFen: 200_000, paidFen: 0, dueOn: '2026-03-18', deferral: 'none', cashHandedInOn: null },
    ...over,
  });
const clocksOf = (action: keyof typeof SAMPLE, f: CaseFacts, input = SAMPLE[action]) =>
  clockEffects(CASE_PROCEDURE.rows.find((r) => r.action === action) as never, f, input);

describe('LEGAL.md §D', () => {
  ruleTest('APL-67', 'paid within 15 days to a bank, not to the agency; deferral or instalments on approval', () => {
    expect(clocksOf('serve', executing({ state: 'decided' })).start).toContainEqual({
      kind: 'payment',
      rule: 'APL-67',
      clock: 'calendar_days',
      amount: 15,
    });
    expect(rules(executing(), { ...SAMPLE.record_payment, channel: 'on_the_spot' }, officer, now)).toEqual(['APL-67']);
    expect(decideCase(executing(), { ...SAMPLE.record_payment, amountFen: 100_000 }, officer, now)).toMatchObject({
      ok: true,
      to: 'executing',
    });
    expect(decideCase(executing(), { ...SAMPLE.record_payment, amountFen: 200_000 }, officer, now)).toMatchObject({
      ok: true,
      to: 'executed',
    });
    const asked = executing({ payment: { ...executing().payment, deferral: 'requested' } });
    expect(decideCase(asked, SAMPLE.approve_deferral, officer, now)).toMatchObject({ ok: false, forbidden: true });
    expect(rules(asked, SAMPLE.approve_deferral, leader, now)).toEqual([]);
    expect(clocksOf('approve_deferral', asked).extend).toEqual(['payment']);
  });

  ruleTest('APL-72', 'fine 2,000, 10 days late → 600; 40 days late → 2,000', () => {
    expect(lateSurcharge(200_000, '2026-03-18', '2026-03-28')).toMatchObject({
      days: 10,
      surchargeFen: 60_000,
      capped: false,
    });
    expect(lateSurcharge(200_000, '2026-03-18', '2026-04-27')).toMatchObject({
      days: 40,
      surchargeFen: 200_000,
      capped: true,
    });
  });

  ruleTest('APL-72', 'days in reconsideration or litigation do not count; paid on time → none', () => {
    const s = lateSurcharge(200_000, '2026-03-18', '2026-04-07', [{ from: '2026-03-21', to: '2026-03-30' }]);
    expect(s).toMatchObject({ days: 10, surchargeFen: 60_000 });
    expect(lateSurcharge(200_000, '2026-03-18', '2026-03-18').surchargeFen).toBe(0);
    expect(lateSurcharge(333, '2026-03-18', '2026-03-19').surchargeFen).toBe(9); // 9.99 fen: the fraction is dropped
    expect(clocksOf('record_challenge', executing()).pause).toEqual(['payment']);
  });

  ruleTest(
    'ACL-35/37/54',
    'a written reminder after the payment period, then the court 10 working days later and within 3 months of the challenge period',
    () => {
      expect(rules(executing(), SAMPLE.send_reminder, officer, at('2026-03-18'))).toContain('ACL-35/37/54');
      expect(rules(executing(), { ...SAMPLE.send_reminder, statesRightToBeHeard: false }, officer, now)).toEqual([
        'ACL-35/37/54',
      ]);
      expect(rules(executing(), { ...SAMPLE.send_reminder, amountFen: 300_000 }, officer, now)).toEqual([
        'ACL-35/37/54',
      ]);
      expect(rules(executing(), SAMPLE.send_reminder, officer, now)).toEqual([]);
      expect(
        rules(executing(), { action: 'apply_to_court', appliedOn: '2026-09-10' }, officer, at('2026-09-10')),
      ).toEqual(['ACL-35/37/54']);
      const reminded = executing({ reminder: { servedOn: '2026-09-01' } });
      // Lawsuit window: 2026-03-03 + 6 months = 2026-09-03; reminder + 10 working days = 2026-09-15.
      expect(rules(reminded, { action: 'apply_to_court', appliedOn: '2026-09-15' }, officer, at('2026-09-15'))).toEqual(
        ['ACL-35/37/54'],
      );
      expect(rules(reminded, { action: 'apply_to_court', appliedOn: '2026-09-16' }, officer, at('2026-09-16'))).toEqual(
        [],
      );
      expect(rules(reminded, { action: 'apply_to_court', appliedOn: '2026-12-04' }, officer, at('2026-12-04'))).toEqual(
        ['ACL-35/37/54'],
      );
      const challenged = {
        ...reminded,
        challenges: [{ kind: 'litigation' as const, filedOn: '2026-04-01', decidedOn: null, outcome: null }],
      };
      expect(
        rules(challenged, { action: 'apply_to_court', appliedOn: '2026-09-16' }, officer, at('2026-09-16')),
      ).toEqual(['ACL-35/37/54']);
    },
  );

  ruleTest('ACL-25', 'a seizure lasts 30 days, extended once by at most 30 with approval', () => {
    const running = executing({
      state: 'investigating',
      seizure: { status: 'active', startedOn: '2026-05-20', extended: false },
    });
    expect(clocksOf('seize', running).start).toEqual([
      { kind: 'seizure', rule: 'ACL-25', clock: 'calendar_days', amount: 30 },
    ]);
    expect(rules(running, { ...SAMPLE.extend_seizure, days: 31 }, leader, now)).toEqual(['ACL-25']);
    expect(rules(running, SAMPLE.extend_seizure, leader, now)).toEqual([]);
    expect(
      rules({ ...running, seizure: { ...running.seizure, extended: true } }, SAMPLE.extend_seizure, leader, now),
    ).toEqual(['ACL-25']);
    expect(decideCase(running, SAMPLE.extend_seizure, officer, now)).toMatchObject({ ok: false, forbidden: true });
    expect(rules({ ...running, state: 'executed' }, SAMPLE.close, officer, now)).toEqual(['ACL-25']);
  });

  ruleTest(
    'ACL-43',
    'no compulsory execution at night or on holidays except in an emergency; only with the power',
    () => {
      const empowered = executing({ agency: { ...executing().agency, mayEnforce: true } });
      expect(rules(executing(), SAMPLE.enforce, leader, now)).toEqual(['ACL-35/37/54']);
      expect(rules(empowered, SAMPLE.enforce, leader, at('2026-06-01', '10:00'))).toEqual([]);
      expect(rules(empowered, SAMPLE.enforce, leader, at('2026-06-01', '23:00'))).toEqual(['ACL-43']);
      expect(rules(empowered, SAMPLE.enforce, leader, at('2026-06-01', '05:30'))).toEqual(['ACL-43']);
      expect(rules(empowered, SAMPLE.enforce, leader, at('2026-10-01'))).toEqual(['ACL-43']);
      expect(rules(empowered, { action: 'enforce', emergency: true }, leader, at('2026-10-01', '23:00'))).toEqual([]);
    },
  );
});

describe('LEGAL.md §E', () => {
  const investigated = facts({
    state: 'investigated',
    procedure: 'general',
    investigators: [officerA, officerB, officerC],
  });
  const crime = { ...SAMPLE.report_transfer, kind: 'crime' as const };

  ruleTest(
    'TRN-5/8',
    'a team of two reports; the head decides within 3 days; transfer within 24 hours with its file',
    () => {
      expect(rules(investigated, { ...crime, reporterIds: ['pA'] }, officer, now)).toEqual(['TRN-5/8']);
      expect(rules(investigated, { ...crime, reporterIds: ['pA', 'pZ'] }, officer, now)).toEqual(['TRN-5/8']);
      expect(rules(investigated, crime, officer, now)).toEqual([]);
      expect(clocksOf('report_transfer', investigated, crime).start).toEqual([
        { kind: 'transfer_decision', rule: 'TRN-5/8', clock: 'calendar_days', amount: 3 },
      ]);
      const pending = {
        ...investigated,
        state: 'transfer_pending' as const,
        transfer: {
          kind: 'crime' as const,
          reportedOn: '2026-06-01',
          reporterIds: ['pA', 'pB'],
          approved: null,
          approvedAt: null,
          sentAt: null,
          policeAccepted: null,
        },
      };
      expect(decideCase(pending, SAMPLE.approve_transfer, officer, now)).toMatchObject({ ok: false, forbidden: true });
      expect(clocksOf('approve_transfer', pending).start).toEqual([
        { kind: 'transfer_send', rule: 'TRN-5/8', clock: 'hours', amount: 24 },
      ]);
      // Refused: reasons recorded, back to the investigation.
      expect(
        decideCase(pending, { action: 'approve_transfer', approved: false, opinion: '不构成犯罪' }, leader, now),
      ).toMatchObject({ ok: true, to: 'investigating' });
      const approved = { ...pending, state: 'transfer_approved' as const };
      expect(rules(approved, SAMPLE.send_transfer, officer, now, { documents: new Set(['transfer_letter']) })).toEqual([
        'TRN-5/8',
      ]);
      expect(
        rules(
          { ...approved, transfer: { ...pending.transfer, kind: 'agency' as const } },
          SAMPLE.send_transfer,
          officer,
          now,
        ),
      ).toEqual([]);
      expect(rules(facts(), crime, officer, now)).toContain('TRN-5/8');
    },
  );

  ruleTest('TRN-11', 'a penalty never replaces a transfer; a paid fine is offset', () => {
    const suspected = { ...investigated, report: { outcome: 'transfer_crime' as const, suspectedCrime: true } };
    expect(rules(suspected, SAMPLE.notify, officer, now)).toContain('TRN-11');
    expect(rules({ ...suspected, state: 'deliberating' }, SAMPLE.propose_decision, officer, now)).toContain('TRN-11');
    expect(
      rules(
        { ...investigated, state: 'investigating' },
        { ...SAMPLE.submit_report, suspectedCrime: true },
        officer,
        now,
      ),
    ).toEqual(['TRN-11']);
    // The police declined: the administrative penalty may go on.
    const declined = {
      ...suspected,
      state: 'deliberating' as const,
      transfer: {
        kind: 'crime' as const,
        reportedOn: '2026-05-01',
        reporterIds: [],
        approved: true,
        approvedAt: now,
        sentAt: now,
        policeAccepted: false,
      },
    };
    expect(rules(declined, SAMPLE.propose_decision, officer, now)).not.toContain('TRN-11');
    // Found after the fine was paid: the transfer states the amount to offset.
    const paid = executing({
      state: 'transfer_approved',
      payment: { ...executing().payment, paidFen: 200_000 },
      transfer: { ...declined.transfer, policeAccepted: null },
    });
    const file = { documents: new Set(['transfer_letter', 'investigation_report', 'item_list']) };
    expect(rules(paid, SAMPLE.send_transfer, officer, now, file)).toEqual(['TRN-11']);
    expect(rules(paid, { action: 'send_transfer', paidFineOffsetFen: 200_000 }, officer, now, file)).toEqual([]);
  });
});

describe('TIME-4 through the procedure', () => {
  ruleTest('APL-63/64', 'a hearing window reaching a year without calendar data is flagged, never guessed', () => {
    const f = facts({
      state: 'notified',
      notice: { servedOn: '2026-12-28', penalties: fine(6000), hearingRight: true, waived: false },
      calendar: new WorkingCalendar(),
    });
    expect(rules(f, { action: 'request_hearing', requestedOn: '2026-12-29' }, officer, at('2026-12-29'))).toEqual([
      'TIME-4',
    ]);
  });
});
