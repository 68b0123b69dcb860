import { describe, expect, it } from 'vitest';
import { ROLES, permissionsOf } from '../organization/roles.ts';
import { actionsOf, clockEffects, type Reason } from '../workflow/procedure.ts';
import { CASE_CLOCK_KINDS } from './clocks.ts';
import type { CaseAction } from './input.ts';
import { CASE_STATES, FINAL_CASE_STATES, type CaseState } from './kinds.ts';
import { CASE_PROCEDURE, caseActions, decideCase } from './procedure.ts';
import { SAMPLE, actor, at, facts, leader, officer, reviewer } from './test-fixtures.ts';

/* The procedure is well-formed: reachable, no dead ends, permissions granted, every reason and clock cites a rule. */

/** Where each row whose next state depends on the input may lead (checked against the rows below). */
const FUNCTION_TARGETS: Partial<Record<CaseAction, readonly CaseState[]>> = {
  decide_on_spot: ['executing', 'executed'],
  confirm_correction: ['closed', 'lead'],
  approve_filing: ['investigating', 'not_filed'],
  approve_transfer: ['transfer_approved', 'investigating', 'executing', 'executed'],
  record_police_answer: ['closed', 'investigating'],
  hold_hearing: ['deliberating'],
  approve_decision: ['decided', 'deliberating'],
  serve: ['executing', 'executed'],
  record_payment: ['executed'],
  record_court_result: ['executed', 'closed'],
  record_challenge_outcome: ['closed'],
};

const rows = CASE_PROCEDURE.rows;
const targets = (r: (typeof rows)[number]): readonly CaseState[] =>
  typeof r.to === 'function' ? (FUNCTION_TARGETS[r.action] ?? []) : r.to === 'same' ? [] : [r.to];

/** Every rule id a reason may carry: LEGAL.md ids and the platform's own prefixes. */
const RULE_ID = /^(APL|ACL|TRN|ZJ|GB118|TIME|CASE|DISC|ARL|ALL)-[\w/()-]+$/;

describe('CASE_PROCEDURE is well-formed', () => {
  it('every state is reachable from a lead (the start of every case, simple or general)', () => {
    const seen = new Set<CaseState>(['lead']);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of rows)
        if (r.from.some((s) => seen.has(s)))
          for (const t of targets(r))
            if (!seen.has(t)) {
              seen.add(t);
              grew = true;
            }
    }
    expect(CASE_STATES.filter((s) => !seen.has(s))).toEqual([]);
  });

  it('every non-final state has a way out, and final states have none', () => {
    for (const s of CASE_STATES) {
      const out = rows.filter((r) => r.from.includes(s) && targets(r).some((t) => t !== s));
      if (FINAL_CASE_STATES.includes(s))
        expect(
          rows.filter((r) => r.from.includes(s)),
          s,
        ).toEqual([]);
      else expect(out.length, s).toBeGreaterThan(0);
    }
  });

  it('rows with a computed next state declare their targets, and never leave them', () => {
    for (const r of rows) if (typeof r.to === 'function') expect(FUNCTION_TARGETS[r.action], r.action).toBeDefined();
    for (const r of rows) {
      if (typeof r.to !== 'function') continue;
      for (const state of r.from) {
        const to = (r.to as (c: object) => CaseState)({ facts: facts({ state }), input: SAMPLE[r.action], state });
        expect([...(FUNCTION_TARGETS[r.action] ?? []), state], `${r.action} from ${state}`).toContain(to);
      }
    }
  });

  it('one row per (state, action), and every action has one permission granted to some role', () => {
    const pairs = rows.flatMap((r) => r.from.map((s) => `${s}:${r.action}`));
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const a of actionsOf(CASE_PROCEDURE)) {
      const ps = new Set(rows.filter((r) => r.action === a).map((r) => r.permission));
      expect(ps.size, a).toBe(1);
      expect(
        ROLES.some((role) => permissionsOf(role).includes([...ps][0]!)),
        a,
      ).toBe(true);
    }
  });

  it('every reason any step gives, in any state, cites a rule id and speaks zh and en', () => {
    const seen: Reason[] = [];
    for (const state of CASE_STATES)
      for (const who of [officer, leader, reviewer, actor('officer', 'pX', { isAuxiliary: true, teamIds: ['t2'] })])
        for (const a of actionsOf(CASE_PROCEDURE)) {
          const d = decideCase(
            facts({ state, party: null, matter: null, act: null }),
            SAMPLE[a],
            who,
            at('2026-06-01'),
          );
          if (!d.ok) seen.push(...d.reasons);
          const e = decideCase(facts({ state }), SAMPLE[a], who, at('2026-06-01'));
          if (!e.ok) seen.push(...e.reasons);
        }
    expect(seen.length).toBeGreaterThan(100);
    for (const r of seen) {
      expect(r.rule, JSON.stringify(r)).toMatch(RULE_ID);
      expect(r.zh.trim().length, r.rule).toBeGreaterThan(0);
      expect(r.en.trim().length, r.rule).toBeGreaterThan(0);
    }
  });

  it('every clock a row starts, stops, pauses or extends is a known kind, started with its rule id', () => {
    for (const r of rows)
      for (const state of r.from) {
        const c = clockEffects(r as never, facts({ state }), SAMPLE[r.action]);
        for (const s of c.start ?? []) {
          expect(CASE_CLOCK_KINDS, r.action).toContain(s.kind);
          expect(s.rule, r.action).toMatch(RULE_ID);
        }
        for (const k of [...(c.stop ?? []), ...(c.pause ?? []), ...(c.resume ?? []), ...(c.extend ?? [])])
          expect(CASE_CLOCK_KINDS, r.action).toContain(k);
      }
  });

  it('"what may I do here" agrees with decide on who may act', () => {
    for (const state of CASE_STATES)
      for (const who of [officer, leader, reviewer, actor('supervisor', 'pS')]) {
        const f = facts({ state });
        for (const a of caseActions(f, who, at('2026-06-01'))) {
          const d = decideCase(f, SAMPLE[a.action], who, at('2026-06-01'));
          if (!a.allowed) expect(d.ok, `${state} ${a.action} ${who.role}`).toBe(false);
          if (!d.ok && d.forbidden) expect(a.allowed, `${state} ${a.action} ${who.role}`).toBe(false);
        }
      }
  });

  it('auxiliaries and other teams are refused as who (403), a supervisor by role', () => {
    const aux = actor('officer', 'pX', { isAuxiliary: true });
    expect(decideCase(facts(), SAMPLE.file, aux, at('2026-06-01'))).toMatchObject({
      ok: false,
      forbidden: true,
      reasons: [{ rule: 'ZJ-30' }],
    });
    const other = actor('officer', 'pZ', { teamIds: ['t2'] });
    expect(decideCase(facts(), SAMPLE.file, other, at('2026-06-01'))).toMatchObject({
      ok: false,
      forbidden: true,
      reasons: [{ rule: 'CASE-TEAM' }],
    });
    expect(decideCase(facts(), SAMPLE.file, actor('supervisor', 'pS'), at('2026-06-01'))).toMatchObject({
      ok: false,
      forbidden: true,
      reasons: [{ rule: 'CASE-ROLE' }],
    });
  });

  it('a step out of order is refused for the state alone', () => {
    expect(decideCase(facts({ state: 'investigating' }), SAMPLE.serve, officer, at('2026-06-01'))).toEqual({
      ok: false,
      forbidden: false,
      reasons: [expect.objectContaining({ rule: 'CASE-STATUS' })],
    });
  });
});
