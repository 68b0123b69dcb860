import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '../organization/index.ts';
import {
  actionsOf,
  availableActions,
  clockEffects,
  decide,
  defineProcedure,
  mayTake,
  permissionFor,
  reason,
  type WorkflowActor,
} from './procedure.ts';

/* A toy procedure, to pin down what `decide` does with any table of rows (the event lifecycle has its own tests). */
type S = 'draft' | 'filed' | 'closed';
type Facts = { ownerId: string; amount: number };
type Actor = WorkflowActor & { userId?: string };
type Input = { action: 'file'; note: string } | { action: 'close'; paid: boolean } | { action: 'comment' };

const TOY = defineProcedure<S, Facts, Actor, Input>()({
  name: 'toy',
  states: ['draft', 'filed', 'closed'],
  rows: [
    {
      action: 'file',
      from: ['draft'],
      to: 'filed',
      permission: 'event.handle',
      may: [({ facts, actor }) => actor.userId !== facts.ownerId && reason('OWN', '仅本人', 'Owner only')],
      check: [({ input }) => input.note.length < 2 && reason('NOTE', '须填写', 'A note is needed', 'body.note')],
      requires: { documents: [{ kind: 'form', reason: reason('DOC', '缺少表格', 'The form is missing') }] },
      clocks: { start: [{ kind: 'decision', rule: 'APL-60', clock: 'calendar_days', amount: 90 }] },
    },
    {
      action: 'close',
      from: ['filed'],
      to: ({ input }) => (input.paid ? 'closed' : 'filed'),
      permission: 'event.command',
      check: [({ facts }) => facts.amount > 100 && [reason('BIG', '大额', 'Large'), reason('BIG2', '大额', 'Large')]],
    },
    { action: 'comment', from: ['draft', 'filed'], to: 'same', permission: 'event.read', citizen: true },
  ],
  statusRefusal: (s, a) => reason('STATUS', `${s}:${a}`, `${s}:${a}`),
  roleRefusal: (a) => reason('ROLE', a.role, a.role),
});

const who = (role: Role, userId = 'u1'): Actor => ({ role, permissions: permissionsOf(role), userId });
const facts: Facts = { ownerId: 'u1', amount: 10 };
const now = new Date('2026-12-01T00:00:00Z');
const ctx = <I extends Input>(input: I, actor: Actor, over: { documents?: string[]; f?: Facts } = {}) => ({
  facts: over.f ?? facts,
  actor,
  input,
  now,
  files: {},
  documents: new Set(over.documents ?? ['form']),
});

describe('decide over any procedure', () => {
  it('refuses a step the state does not allow with the status reason only', () => {
    expect(decide(TOY, 'closed', ctx({ action: 'file', note: '' }, who('officer', 'x')))).toEqual({
      ok: false,
      reasons: [reason('STATUS', 'closed:file', 'closed:file')],
      forbidden: false,
    });
  });

  it('collects who-reasons (forbidden) before what-reasons, all of them', () => {
    const d = decide(TOY, 'draft', ctx({ action: 'file', note: '' }, who('officer', 'x'), { documents: [] }));
    expect(d).toMatchObject({ ok: false, forbidden: true });
    expect(d.ok ? [] : d.reasons.map((r) => r.rule)).toEqual(['OWN', 'NOTE', 'DOC']);
    const role = decide(TOY, 'draft', ctx({ action: 'file', note: 'ok' }, who('grid_worker')));
    expect(role).toMatchObject({ ok: false, forbidden: true, reasons: [{ rule: 'ROLE' }] });
  });

  it('input-only refusals are not forbidden; a guard may return several reasons; `to` may depend on input', () => {
    const big = decide(
      TOY,
      'filed',
      ctx({ action: 'close', paid: true }, who('command_operator'), { f: { ...facts, amount: 500 } }),
    );
    expect(big).toMatchObject({ ok: false, forbidden: false, reasons: [{ rule: 'BIG' }, { rule: 'BIG2' }] });
    expect(decide(TOY, 'filed', ctx({ action: 'close', paid: true }, who('command_operator')))).toMatchObject({
      ok: true,
      to: 'closed',
    });
    expect(decide(TOY, 'filed', ctx({ action: 'close', paid: false }, who('command_operator')))).toMatchObject({
      ok: true,
      to: 'filed',
    });
  });

  it('keeps the state for `same`, admits the citizen only where the row says so, and returns the row with its clocks', () => {
    expect(decide(TOY, 'filed', ctx({ action: 'comment' }, { role: 'citizen' }))).toMatchObject({
      ok: true,
      to: 'filed',
    });
    expect(decide(TOY, 'filed', ctx({ action: 'close', paid: true }, { role: 'citizen' }))).toMatchObject({
      ok: false,
      forbidden: true,
    });
    const ok = decide(TOY, 'draft', ctx({ action: 'file', note: 'ok' }, who('officer')));
    expect(ok.ok && clockEffects(ok.row, facts, { action: 'file', note: 'ok' }).start?.[0]).toMatchObject({
      kind: 'decision',
      rule: 'APL-60',
      amount: 90,
    });
  });

  it('answers what may be done without the input', () => {
    expect(actionsOf(TOY)).toEqual(['file', 'close', 'comment']);
    expect(permissionFor(TOY, 'close')).toBe('event.command');
    const avail = availableActions(TOY, 'draft', { facts, actor: who('officer'), now });
    expect(avail).toEqual([
      { action: 'file', allowed: true, reasons: [] },
      // The permission is judged first, as the API does: an officer may never close.
      { action: 'close', allowed: false, reasons: [reason('ROLE', 'officer', 'officer')] },
      { action: 'comment', allowed: true, reasons: [] },
    ]);
    expect(mayTake(TOY, 'draft', 'file', { facts, actor: who('officer', 'x'), now })).toMatchObject({
      ok: false,
      forbidden: true,
    });
  });
});
