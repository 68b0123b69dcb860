import { describe, expect, it } from 'vitest';
import {
  CASE_NUMBER_KINDS,
  DEFAULT_CASE_NUMBER_PATTERN,
  formatCaseNumber,
  parseCaseNumber,
  patternProblem,
} from './case-number.ts';
import { addMonths, caseClockDue, CASE_CLOCK_KINDS, caseClockRules, clockDue, daysLeft } from './clocks.ts';
import { EVIDENCE_TYPES } from './evidence.ts';
import { checkParty, usccCheckChar, validIdNumber, validUscc } from './parties.ts';
import { caseSettings, DEFAULT_CASE_SETTINGS } from './settings.ts';
import { CASE_TEMPLATES, fillFacts } from './templates.ts';
import catalogCsv from '../catalog/fixtures/catalog-sample.csv?raw';
import { at, calendar } from './test-fixtures.ts';

describe('parties (GB 32100, GB 11643)', () => {
  it('accepts real unified social credit codes and refuses a changed character', () => {
    // Published codes of well-known companies (Alibaba (China) Co., Tencent Technology (Shenzhen), Huawei).
    for (const c of ['91330100799655058B', '9144030071526726XG', '914403001922038216'])
      expect(validUscc(c), c).toBe(true);
    expect(validUscc('91330100799655058C')).toBe(false);
    expect(validUscc('91330100799655O58B')).toBe(false); // the letter O is not in the code set
    expect(validUscc('9133010079965505')).toBe(false);
    expect(usccCheckChar('91330100799655058')).toBe('B');
  });

  it('accepts the GB 11643 example number and refuses a wrong check digit or an impossible birth date', () => {
    expect(validIdNumber('11010519491231002X')).toBe(true);
    expect(validIdNumber('110105194912310021')).toBe(false);
    expect(validIdNumber('110105194902300020')).toBe(false); // 1949-02-30
  });

  it('checkParty asks citizens for an ID number and organisations for a code, naming the field', () => {
    expect(checkParty({ kind: 'citizen', name: '陈某', idNumber: '11010519491231002X' })).toEqual([]);
    expect(checkParty({ kind: 'citizen', name: '陈某', idNumber: '110105194912310021' }).map((r) => r.path)).toEqual([
      'body.party.idNumber',
    ]);
    expect(checkParty({ kind: 'organisation', name: '某公司', idNumber: null }).map((r) => r.rule)).toEqual([
      'CASE-PARTY-USCC',
    ]);
    expect(checkParty({ kind: 'other_organisation', name: '某合伙企业', idNumber: null })).toEqual([]);
    expect(checkParty({ kind: 'other_organisation', name: '', idNumber: 'X' }).map((r) => r.rule)).toEqual([
      'CASE-PARTY-NAME',
      'CASE-PARTY-USCC',
    ]);
  });
});

describe('case numbers', () => {
  it('formats and parses the Wenling example', () => {
    const parts = { agency: '温综执', kind: 'filing' as const, year: 2026, seq: 123 };
    expect(formatCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, parts)).toBe('温综执罚立〔2026〕第00123号');
    expect(parseCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, '温综执罚立〔2026〕第00123号')).toEqual(parts);
    expect(parseCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, '温综执罚决〔2026〕第123456号')).toMatchObject({
      kind: 'decision',
      seq: 123456,
    });
    expect(parseCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, '温综执罚立〔2026〕第0012号')).toBeNull();
    expect(parseCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, '温综执罚立〔2026〕第00000号')).toBeNull();
    expect(Object.keys(CASE_NUMBER_KINDS)).toContain('simple');
  });

  it('refuses patterns without one year and one counter, and impossible parts', () => {
    expect(patternProblem('{agency}第{seq}号')).toBe('pattern_needs_one_year');
    expect(patternProblem('{year}{seq}{seq}')).toBe('pattern_needs_one_seq');
    expect(() =>
      formatCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, { agency: 'A', kind: 'filing', year: 2026, seq: 0 }),
    ).toThrow(RangeError);
    expect(formatCaseNumber('{year}-{seq}', { agency: '', kind: 'filing', year: 2026, seq: 7 })).toBe('2026-7');
  });
});

describe('statutory clocks', () => {
  it('TIME-1/3: the LEGAL.md §A examples through the clock function', () => {
    const five = { unit: 'working_days' as const, amount: 5 };
    expect(clockDue(five, at('2025-09-30'), calendar, { rollForwardToWorkday: true })).toMatchObject({
      ok: true,
      dueOn: '2025-10-14',
    });
    expect(clockDue(five, at('2026-02-12'), calendar, { rollForwardToWorkday: true })).toMatchObject({
      ok: true,
      dueOn: '2026-02-26',
    });
  });

  it('TIME-2: a calendar-day period ending on a holiday rolls over, unless the setting is off', () => {
    // 2026-09-16 + 15 days = 2026-10-01 (National Day) → 2026-10-08.
    expect(caseClockDue('payment', at('2026-09-16'), calendar, DEFAULT_CASE_SETTINGS)).toMatchObject({
      ok: true,
      dueOn: '2026-10-08',
    });
    const off = caseSettings({ rollForwardToWorkday: false });
    expect(caseClockDue('payment', at('2026-09-16'), calendar, off)).toMatchObject({ ok: true, dueOn: '2026-10-01' });
  });

  it('months end on the corresponding day or the month end; hours are clock hours', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2024-02-29', 24)).toBe('2026-02-28');
    expect(caseClockDue('lawsuit', at('2026-03-03'), calendar, DEFAULT_CASE_SETTINGS)).toMatchObject({
      ok: true,
      dueOn: '2026-09-03',
    });
    const send = caseClockDue('transfer_send', at('2026-03-11', '16:00'), calendar, DEFAULT_CASE_SETTINGS);
    expect(send.ok && send.dueAt.toISOString()).toBe('2026-03-12T08:00:00.000Z');
  });

  it('TIME-4: a due date in a year without calendar data is flagged, never guessed', () => {
    expect(caseClockDue('lawsuit', at('2026-08-01'), calendar, DEFAULT_CASE_SETTINGS)).toMatchObject({
      ok: false,
      reason: { rule: 'TIME-4' },
    });
    expect(caseClockDue('service', at('2026-12-28'), calendar, DEFAULT_CASE_SETTINGS)).toMatchObject({
      ok: false,
      reason: { rule: 'TIME-4' },
    });
  });

  it('every clock kind has a rule, a unit per TIME-1 and a positive length; days left counts from today', () => {
    const r = caseClockRules(DEFAULT_CASE_SETTINGS);
    for (const k of CASE_CLOCK_KINDS) expect(r[k].amount, k).toBeGreaterThan(0);
    // TIME-1: APL periods of 2, 3, 5 and 7 days are working days; 15, 60 and 90 calendar days.
    expect(
      [r.hearing_request, r.service, r.preservation, r.cash_handover, r.publication_withdrawal].map((c) => c.unit),
    ).toEqual(Array(5).fill('working_days'));
    expect([r.payment, r.reconsideration, r.decision].map((c) => c.unit)).toEqual(Array(3).fill('calendar_days'));
    expect(daysLeft('2026-06-04', at('2026-06-01'))).toBe(3);
    expect(daysLeft('2026-06-01', at('2026-06-03'))).toBe(-2);
  });
});

describe('templates', () => {
  it('pre-fill the facts and list evidence of the eight types', () => {
    expect(CASE_TEMPLATES.length).toBeGreaterThanOrEqual(3);
    // Each is for a real matter of the sample catalog.
    for (const t of CASE_TEMPLATES) expect(catalogCsv, t.id).toContain(`,${t.matterName},`);
    for (const t of CASE_TEMPLATES) for (const e of t.evidenceChecklist) expect(EVIDENCE_TYPES).toContain(e.type);
    expect(fillFacts(CASE_TEMPLATES[0]!, { date: '2026-06-01', party: '陈某', place: '太平街道' })).toBe(
      '2026-06-01，当事人陈某在太平街道擅自占用人行道设摊经营，经责令改正后拒不改正。',
    );
  });
});
