import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { permissionsOf, type Role } from '../organization/index.ts';
import { actionsOf, availableActions, rowFor } from '../workflow/index.ts';
import type { Facts } from '../catalog/discretion.ts';
import { makeMatter } from '../catalog/fixtures/matters.ts';
import {
  checkCommitment,
  checkRectification,
  checkSimplePenalty,
  checkSimplePenaltyDiscretion,
  decideEvent,
  deadlineFor,
  distanceM,
  EVENT_ACTIONS,
  EVENT_CATEGORIES,
  EVENT_STATUSES,
  escalationLevel,
  EVENT_PROCEDURE,
  rankDuplicates,
  yellowAt,
  type EventActor,
  type EventFacts,
  type OfficerOnSite,
  type StepInput,
} from './index.ts';

const TEAM = 'team-zeguo';
const event = (over: Partial<EventFacts> = {}): EventFacts => ({
  status: 'reported',
  source: 'grid_worker',
  teamId: TEAM,
  assistingTeamIds: ['team-brigade'],
  reporterUserId: 'u-grid',
  gridId: 'g1',
  matterId: 'm1',
  rating: null,
  ...over,
});
type UserActor = Exclude<EventActor, { role: 'citizen' }>;
const actor = (role: Role, over: Partial<UserActor> = {}): EventActor => ({
  userId: `u-${role}`,
  role,
  permissions: permissionsOf(role),
  teamIds: role === 'officer' || role === 'team_leader' ? [TEAM] : [],
  gridId: null,
  county: true,
  ...over,
});
const citizen: EventActor = { role: 'citizen' };
const NOW = new Date('2026-11-22T02:00:00Z');
/** Decide at NOW with no photos. */
const decide = (facts: EventFacts, input: StepInput, a: EventActor) => decideEvent(facts, input, a, NOW);
const operator = actor('command_operator');
const officer = actor('officer');
const grid = actor('grid_worker', { userId: 'u-grid', gridId: 'g1' });

/** One valid input per action, for the table test. */
const INPUTS: Record<(typeof EVENT_ACTIONS)[number], StepInput> = {
  triage: { action: 'triage', matterId: 'm1' },
  dispatch: { action: 'dispatch', teamId: TEAM, deadline: new Date('2026-11-23T02:00:00Z') },
  accept: { action: 'accept' },
  return: { action: 'return', reason: '不属于本队辖区' },
  arbitrate: { action: 'arbitrate', justified: false, teamId: null, reason: '属本镇辖区' },
  handle: { action: 'handle', outcome: 'case_filed' },
  recheck: { action: 'recheck', passed: true },
  verify: { action: 'verify', passed: true },
  rate: { action: 'rate', rating: 5 },
  merge: { action: 'merge', masterId: 'e2', masterStatus: 'triaged', selfId: 'e1' },
  dismiss: { action: 'dismiss', reason: '重复来电' },
  urge: { action: 'urge' },
  assist: { action: 'assist', note: '协助固定证据' },
};
const ACTOR_FOR: Record<(typeof EVENT_ACTIONS)[number], EventActor> = {
  triage: operator,
  dispatch: operator,
  accept: officer,
  return: officer,
  arbitrate: operator,
  handle: officer,
  recheck: officer,
  verify: grid,
  rate: grid,
  merge: operator,
  dismiss: operator,
  urge: operator,
  assist: actor('officer', { teamIds: ['team-brigade'] }),
};

describe('the transition table', () => {
  it('has a row for every action, and every action one permission', () => {
    expect(actionsOf(EVENT_PROCEDURE).sort()).toEqual([...EVENT_ACTIONS].sort());
    for (const action of EVENT_ACTIONS) {
      const perms = new Set(EVENT_PROCEDURE.rows.filter((r) => r.action === action).map((r) => r.permission));
      expect(perms.size).toBe(1);
    }
  });

  // Every (status, action) pair: allowed exactly where the procedure has a row, refused with EVT-STATUS elsewhere.
  for (const status of EVENT_STATUSES) {
    for (const action of EVENT_ACTIONS) {
      const allowed = rowFor(EVENT_PROCEDURE, status, action) !== undefined;
      it(`${action} from ${status}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const d = decide(event({ status }), INPUTS[action], ACTOR_FOR[action]);
        if (allowed) expect(d.ok).toBe(true);
        else expect(d).toMatchObject({ ok: false, reasons: [{ rule: 'EVT-STATUS' }] });
      });
    }
  }

  it('names the next status of each step', () => {
    const to = (status: EventFacts['status'], input: StepInput, a: EventActor) => {
      const d = decide(event({ status }), input, a);
      return d.ok ? d.to : d.reasons.map((r) => r.rule).join();
    };
    expect(to('reported', INPUTS.triage, operator)).toBe('triaged');
    expect(to('triaged', INPUTS.dispatch, operator)).toBe('dispatched');
    expect(to('dispatched', INPUTS.accept, officer)).toBe('accepted');
    expect(to('dispatched', INPUTS.return, officer)).toBe('returned');
    expect(to('returned', INPUTS.arbitrate, operator)).toBe('dispatched');
    expect(to('accepted', { action: 'handle', outcome: 'rectification' }, officer)).toBe('rectifying');
    expect(to('accepted', { action: 'handle', outcome: 'transferred' }, officer)).toBe('closed');
    expect(to('accepted', { action: 'handle', outcome: 'case_filed' }, officer)).toBe('handled');
    expect(to('rectifying', { action: 'recheck', passed: false }, officer)).toBe('accepted');
    expect(to('handled', { action: 'verify', passed: false }, grid)).toBe('accepted');
    expect(to('handled', INPUTS.verify, grid)).toBe('closed');
    expect(to('closed', INPUTS.rate, grid)).toBe('closed');
    expect(to('reported', INPUTS.merge, operator)).toBe('merged');
  });
});

describe('guards return reasons', () => {
  it('a return and an arbitration need a reason; a justified return needs another team', () => {
    expect(decide(event({ status: 'dispatched' }), { action: 'return', reason: ' ' }, officer)).toMatchObject({
      ok: false,
      reasons: [{ rule: 'EVT-RETURN-REASON' }],
    });
    const same = decide(
      event({ status: 'returned' }),
      { action: 'arbitrate', justified: true, teamId: TEAM, reason: '确非本队' },
      operator,
    );
    expect(same).toMatchObject({ ok: false, reasons: [{ rule: 'EVT-ARBITRATION-TEAM' }] });
  });

  it('only the dispatched team (or its brigade) accepts, returns and handles', () => {
    const other = actor('officer', { teamIds: ['team-taiping'] });
    expect(decide(event({ status: 'dispatched' }), INPUTS.accept, other)).toMatchObject({
      ok: false,
      reasons: [{ rule: 'EVT-TEAM' }],
    });
    const auxiliary = actor('auxiliary', { teamIds: [TEAM] });
    expect(decide(event({ status: 'dispatched' }), INPUTS.accept, auxiliary)).toMatchObject({
      ok: false,
      reasons: [{ rule: 'EVT-ROLE' }],
    });
  });

  it('verification: the reporting grid worker only; citizens by token; operators call citizens back', () => {
    const handled = event({ status: 'handled' });
    const otherGrid = actor('grid_worker', { userId: 'u-other', gridId: 'g1' });
    expect(decide(handled, INPUTS.verify, otherGrid)).toMatchObject({ ok: false, reasons: [{ rule: 'EVT-VERIFIER' }] });
    expect(decide(handled, INPUTS.verify, operator)).toMatchObject({ ok: false, reasons: [{ rule: 'EVT-VERIFIER' }] });
    const hotline = event({ status: 'handled', source: 'hotline', reporterUserId: null });
    expect(decide(hotline, INPUTS.verify, operator).ok).toBe(true);
    expect(decide(hotline, { action: 'verify', passed: true }, citizen).ok).toBe(true);
    expect(decide(hotline, INPUTS.dismiss, citizen)).toMatchObject({ ok: false, reasons: [{ rule: 'EVT-STATUS' }] });
    expect(decide(event({ status: 'triaged' }), INPUTS.dismiss, citizen)).toMatchObject({
      ok: false,
      forbidden: true,
      reasons: [{ rule: 'EVT-ROLE', zh: '请先登录' }],
    });
    // A camera's event is verified by a grid worker of its grid.
    const camera = event({ status: 'handled', source: 'video_ai', reporterUserId: null });
    expect(decide(camera, INPUTS.verify, otherGrid).ok).toBe(true);
    expect(decide(camera, INPUTS.verify, actor('grid_worker', { gridId: 'g9' })).ok).toBe(false);
  });

  it('joint handling: only an assisting team records assistance; the lead team takes the steps', () => {
    const accepted = event({ status: 'accepted' });
    expect(decide(accepted, INPUTS.assist, officer)).toMatchObject({ ok: false, reasons: [{ rule: 'EVT-TEAM' }] });
    const helper = actor('officer', { teamIds: ['team-brigade'] });
    expect(decide(accepted, INPUTS.assist, helper)).toMatchObject({ ok: true, to: 'accepted' });
    expect(decide(accepted, INPUTS.handle, helper)).toMatchObject({ ok: false, reasons: [{ rule: 'EVT-TEAM' }] });
  });

  it('a rating is 1–5 and given once', () => {
    const closed = event({ status: 'closed' });
    expect(decide(closed, { action: 'rate', rating: 6 }, grid)).toMatchObject({
      ok: false,
      reasons: [{ rule: 'EVT-RATING' }],
    });
    expect(decide(event({ status: 'closed', rating: 4 }), INPUTS.rate, grid)).toMatchObject({
      ok: false,
      reasons: [{ rule: 'EVT-RATED' }],
      forbidden: false,
    });
    // "What may I do here" says so before a rating is typed: a screen does not offer a second rating.
    const offer = (rating: number | null) =>
      availableActions(EVENT_PROCEDURE, 'closed', { facts: event({ status: 'closed', rating }), actor: grid, now: NOW })
        .filter((a) => a.action === 'rate')
        .map((a) => ({ allowed: a.allowed, rules: a.reasons.map((r) => r.rule) }));
    expect(offer(null)).toEqual([{ allowed: true, rules: [] }]);
    expect(offer(4)).toEqual([{ allowed: false, rules: ['EVT-RATED'] }]);
  });

  it('a merge needs an open master other than itself', () => {
    const e = event();
    expect(decide(e, { ...INPUTS.merge, masterId: 'e1' } as StepInput, operator)).toMatchObject({
      reasons: [{ rule: 'EVT-MERGE-SELF' }],
    });
    expect(decide(e, { ...INPUTS.merge, masterStatus: 'closed' } as StepInput, operator)).toMatchObject({
      reasons: [{ rule: 'EVT-MERGE-MASTER' }],
    });
  });

  it('dispatch needs a matter, a team and a deadline', () => {
    const d = decide(
      event({ status: 'triaged', matterId: null }),
      { action: 'dispatch', teamId: null, deadline: null },
      operator,
    );
    expect(d.ok ? [] : d.reasons.map((r) => r.rule)).toEqual([
      'EVT-DISPATCH-TEAM',
      'EVT-DISPATCH-DEADLINE',
      'EVT-MATTER',
    ]);
  });

  it('overriding the proposed team needs a reason; the lead team does not assist; a deadline lies ahead', () => {
    const triaged = event({ status: 'triaged' });
    const rules = (input: StepInput) => {
      const d = decide(triaged, input, operator);
      return d.ok ? [] : d.reasons.map((r) => `${r.rule}@${r.path}`);
    };
    expect(rules({ action: 'triage', matterId: 'm1', overrideTeamId: 'team-x' })).toEqual([
      'EVT-OVERRIDE-REASON@body.overrideReason',
    ]);
    expect(rules({ action: 'triage', matterId: 'm1', overrideTeamId: 'team-x', overrideReason: '属地调整' })).toEqual(
      [],
    );
    expect(rules({ ...INPUTS.dispatch, assistingTeamIds: [TEAM] } as StepInput)).toEqual([
      'EVT-ASSIST-LEAD@body.assistingTeamIds',
    ]);
    expect(rules({ action: 'dispatch', teamId: TEAM, deadline: NOW })).toEqual(['EVT-DEADLINE-PAST@body.deadline']);
  });

  it('a role without the permission is refused before the guards are looked at, as forbidden', () => {
    const d = decide(event({ status: 'triaged' }), INPUTS.triage, actor('officer'));
    expect(d).toMatchObject({ ok: false, forbidden: true, reasons: [{ rule: 'EVT-ROLE' }] });
    // A town's team leader holds event.dispatch but may not dispatch across the county.
    const townLeader = actor('team_leader', { county: false });
    expect(decide(event({ status: 'triaged' }), INPUTS.dispatch, townLeader)).toMatchObject({
      forbidden: true,
      reasons: [{ rule: 'EVT-ROLE' }],
    });
  });
});

describe('what may I do here', () => {
  it('answers, per action, allowed or why not — without the input', () => {
    const dispatched = event({ status: 'dispatched' });
    const of = (a: EventActor) =>
      Object.fromEntries(
        availableActions(EVENT_PROCEDURE, 'dispatched', { facts: dispatched, actor: a, now: NOW }).map((x) => [
          x.action,
          x.allowed ? 'ok' : x.reasons.map((r) => r.rule).join(),
        ]),
      );
    expect(of(officer)).toMatchObject({ accept: 'ok', return: 'ok', urge: 'EVT-ROLE', handle: 'EVT-STATUS' });
    expect(of(actor('officer', { teamIds: ['team-taiping'] }))).toMatchObject({ accept: 'EVT-TEAM' });
    expect(of(operator)).toMatchObject({ accept: 'EVT-ROLE', urge: 'ok', triage: 'EVT-STATUS' });
    expect(of(citizen)).toMatchObject({ accept: 'EVT-ROLE' });
  });
});

describe('handling checks', () => {
  const cert = { domains: ['城市管理'], validFrom: '2024-01-01', validTo: '2028-12-31' };
  const a: OfficerOnSite = { personId: 'a', name: '王一', isAuxiliary: false, certificates: [cert] };
  const b: OfficerOnSite = { personId: 'b', name: '李二', isAuxiliary: false, certificates: [cert] };
  const aux: OfficerOnSite = { personId: 'x', name: '赵辅', isAuxiliary: true, certificates: [cert] };
  const expired: OfficerOnSite = { ...b, certificates: [{ ...cert, validTo: '2026-01-01' }] };
  const otherDomain: OfficerOnSite = { ...b, certificates: [{ ...cert, domains: ['市场监管'] }] };
  const rules = (fen: number, officers: OfficerOnSite[], partyKind: 'citizen' | 'organisation' = 'citizen') =>
    checkSimplePenalty({ partyKind, penalty: 'fine', fineFen: fen }, officers, '城市管理', '2026-11-22').map(
      (r) => r.rule,
    );

  it('APL-51: citizen 200 yuan allowed, 201 refused; organisation 3,000 allowed, 3,001 refused', () => {
    expect(rules(20_000, [a, b])).toEqual([]);
    expect(rules(20_100, [a, b])).toEqual(['APL-51']);
    expect(rules(300_000, [a, b], 'organisation')).toEqual([]);
    expect(rules(300_100, [a, b], 'organisation')).toEqual(['APL-51']);
    expect(
      checkSimplePenalty({ partyKind: 'citizen', penalty: 'warning', fineFen: 0 }, [a, b], '城市管理', '2026-11-22'),
    ).toEqual([]);
  });

  it('APL-42 / ZJ-30: 1 officer + 1 auxiliary refused; expired or out-of-domain certificates do not count', () => {
    expect(rules(10_000, [a, aux])).toEqual(['APL-42']);
    expect(rules(10_000, [a, expired])).toEqual(['APL-42']);
    expect(rules(10_000, [a, otherDomain])).toEqual(['APL-42']);
    const msg = checkSimplePenalty(
      { partyKind: 'citizen', penalty: 'fine', fineFen: 100 },
      [a, aux],
      '城市管理',
      '2026-11-22',
    );
    expect(msg[0]!.zh).toContain('赵辅');
  });

  it('commitment only on the list; rectification due after today; a fix on site shows an after photo', () => {
    expect(checkCommitment(false).map((r) => r.rule)).toEqual(['LIGHT-COMMITMENT']);
    expect(checkCommitment(true)).toEqual([]);
    expect(checkRectification('2026-11-22', '2026-11-22').map((r) => r.rule)).toEqual(['EVT-RECTIFY-DUE']);
    expect(checkRectification('2026-11-29', '2026-11-22')).toEqual([]);
    const accepted = event({ status: 'accepted' });
    const fix = { action: 'handle', outcome: 'fixed_on_site' } as const;
    expect(decideEvent(accepted, fix, officer, NOW, { before: 1, after: 0 })).toMatchObject({
      reasons: [{ rule: 'EVT-PHOTO-AFTER' }],
    });
    expect(decideEvent(accepted, fix, officer, NOW, { before: 1, after: 1 }).ok).toBe(true);
    expect(decideEvent(accepted, { action: 'handle', outcome: 'case_filed' }, officer, NOW).ok).toBe(true);
  });
});

describe('deadlines and escalation', () => {
  const calendar = new WorkingCalendar();
  it('hours are clock hours', () => {
    expect(deadlineFor(new Date('2026-11-22T02:00:00Z'), { unit: 'hours', n: 4 }, calendar).toISOString()).toBe(
      '2026-11-22T06:00:00.000Z',
    );
  });
  it('working days skip the National Day holiday and count the adjusted Saturday (TIME-1/3)', () => {
    // 2025-09-30 15:00 China time + 5 working days → 2025-10-14 15:00 China time (LEGAL §A case).
    expect(deadlineFor(new Date('2025-09-30T07:00:00Z'), { unit: 'working_days', n: 5 }, calendar).toISOString()).toBe(
      '2025-10-14T07:00:00.000Z',
    );
  });
  it('a working-day deadline uses the China date, not the UTC date', () => {
    // 2026-02-13 01:00 China time is still 2026-02-12 in UTC; +1 working day → 2026-02-14 (调休 Saturday).
    expect(deadlineFor(new Date('2026-02-12T17:00:00Z'), { unit: 'working_days', n: 1 }, calendar).toISOString()).toBe(
      '2026-02-13T17:00:00.000Z',
    );
  });
  it('yellow in the last quarter, red after the deadline', () => {
    const from = new Date('2026-11-22T00:00:00Z');
    const due = new Date('2026-11-22T04:00:00Z');
    expect(escalationLevel(from, due, new Date('2026-11-22T02:59:00Z'), 0.25)).toBe('none');
    expect(escalationLevel(from, due, new Date('2026-11-22T03:00:00Z'), 0.25)).toBe('yellow');
    expect(escalationLevel(from, due, new Date('2026-11-22T04:00:01Z'), 0.25)).toBe('red');
    expect(yellowAt(from, due, 0.25).toISOString()).toBe('2026-11-22T03:00:00.000Z');
  });
});

describe('duplicates', () => {
  it('measures metres and keeps those within radius and window, nearest first', () => {
    expect(Math.round(distanceM(121.37, 28.37, 121.371, 28.37))).toBe(98);
    const at = new Date('2026-11-22T02:00:00Z');
    const found = rankDuplicates(
      { lng: 121.37, lat: 28.37, at },
      [
        { id: 'far', lng: 121.372, lat: 28.37, reportedAt: at },
        { id: 'old', lng: 121.37, lat: 28.37, reportedAt: new Date('2026-11-21T00:00:00Z') },
        { id: 'near', lng: 121.3702, lat: 28.37, reportedAt: at },
        { id: 'nearer', lng: 121.3701, lat: 28.37, reportedAt: at },
      ],
      50,
      4,
    );
    expect(found.map((f) => f.id)).toEqual(['nearer', 'near']);
  });
  it('every category has a positive window, an SLA per urgency, and video-AI ones as the SPEC lists', () => {
    for (const c of EVENT_CATEGORIES) {
      expect(c.duplicateRadiusM).toBeGreaterThan(0);
      expect(c.sla.urgent.unit === 'hours' ? c.sla.urgent.n : c.sla.urgent.n * 24).toBeLessThanOrEqual(
        c.sla.normal.unit === 'hours' ? c.sla.normal.n : c.sla.normal.n * 24,
      );
    }
    expect(
      EVENT_CATEGORIES.filter((c) => c.videoAi)
        .map((c) => c.code)
        .sort(),
    ).toEqual(['exposed_garbage', 'illegal_parking', 'outside_shop', 'street_vending']);
  });
});

describe('on-the-spot penalty: the catalog discretion check (SPEC §5)', () => {
  const Y = 100;
  // 浙江市容条例 第三十二条第二款 (spitting: 可以处二十元以上五十元以下) and 第十七条第三款 (逾期不改正的，可以处 100–1,000).
  const spitting = makeMatter({
    penaltyBasis: { law: '《浙江省城市市容和环境卫生管理条例》', article: '第三十二条第二款', text: '' },
    discretion: { tiers: { first: { individual: fixedBasis(20, 50), organisation: fixedBasis(20, 50) } } },
  });
  const afterCorrection = makeMatter({
    discretion: {
      tiers: {
        first: { individual: { kind: 'none' }, organisation: { kind: 'none' } },
        failure_to_correct: { individual: fixedBasis(100, 1_000), organisation: fixedBasis(100, 1_000) },
      },
    },
  });
  const facts = (over: Partial<Facts> = {}): Facts => ({
    tier: 'first',
    circumstance: 'ordinary',
    factors: [],
    ...over,
  });
  const fine = (fineFen: number) => ({ partyKind: 'citizen' as const, penalty: 'fine' as const, fineFen });
  const rules = (r: { rule: string }[]) => r.map((x) => x.rule);

  it('refuses a fine outside the legal range, naming the rule and the article', () => {
    const refused = checkSimplePenaltyDiscretion(fine(200 * Y), spitting, facts());
    expect(rules(refused)).toEqual(['DISC-OUTSIDE-LEGAL']);
    expect(refused[0]!.zh).toContain('DISC-OUTSIDE-LEGAL');
    expect(refused[0]!.zh).toContain('第三十二条第二款');
    expect(checkSimplePenaltyDiscretion(fine(50 * Y), spitting, facts())).toEqual([]);
    expect(checkSimplePenaltyDiscretion(fine(20 * Y), spitting, facts())).toEqual([]);
  });

  it('refuses a first-instance fine where the article fines only after 逾期不改正; allows it in that tier', () => {
    expect(rules(checkSimplePenaltyDiscretion(fine(100 * Y), afterCorrection, facts()))).toEqual(['DISC-NO-FINE']);
    expect(checkSimplePenaltyDiscretion(fine(100 * Y), afterCorrection, facts({ tier: 'failure_to_correct' }))).toEqual(
      [],
    );
  });

  it('refuses a warning where the law says no penalty (APL-33(a)); 通报批评 is left to APL-51', () => {
    const minor = facts({ circumstance: 'minor', factors: ['promptly_corrected', 'no_harm'] });
    const warning = { partyKind: 'citizen' as const, penalty: 'warning' as const, fineFen: 0 };
    expect(rules(checkSimplePenaltyDiscretion(warning, spitting, minor))).toEqual(['APL-33(a)']);
    expect(checkSimplePenaltyDiscretion(warning, spitting, facts())).toEqual([]);
    const criticism = { partyKind: 'citizen' as const, penalty: 'circulated_criticism' as const, fineFen: 0 };
    expect(checkSimplePenaltyDiscretion(criticism, spitting, facts())).toEqual([]);
    expect(rules(checkSimplePenalty(criticism, [], '城市管理', '2026-11-22'))).toContain('APL-51');
  });
});

function fixedBasis(minYuan: number, maxYuan: number) {
  return { kind: 'fixed', minFen: minYuan * 100, maxFen: maxYuan * 100 } as const;
}
