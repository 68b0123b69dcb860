import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DASHBOARD_API, EVENTS_API } from './api.ts';
import { applyEventChanges } from './live.ts';
import type { FeedEvent } from './types.ts';

const list = (params: Record<string, unknown>) => [EVENTS_API, 'list', params];
const detail = (id: string) => [EVENTS_API, 'detail', id, {}];
const page = (...ids: string[]) => ({ items: ids.map((id) => ({ id })), nextCursor: null });

const KEYS = {
  untriaged: list({ queue: 'untriaged', limit: 100 }),
  toDispatch: list({ queue: 'to_dispatch', limit: 100 }),
  returned: list({ queue: 'returned', limit: 100 }),
  overdue: list({ queue: 'overdue', limit: 100 }),
  warning: list({ queue: 'warning', limit: 100 }),
  lowRating: list({ queue: 'low_rating', limit: 100 }),
  all: list({ from: '2026-11-27', limit: 100 }),
  dispatchedOnly: list({ status: 'dispatched', limit: 100 }),
  mine: list({ queue: 'reported_by_me', limit: 20 }),
  map: [EVENTS_API, 'map', { days: 7 }],
  e1: detail('e1'),
  e2: detail('e2'),
  categories: [`${EVENTS_API}/categories`],
  dashboard: [DASHBOARD_API],
};

function cache(): QueryClient {
  const qc = new QueryClient();
  qc.setQueryData(KEYS.untriaged, page('e1'));
  qc.setQueryData(KEYS.toDispatch, page('e9'));
  qc.setQueryData(KEYS.returned, page());
  qc.setQueryData(KEYS.overdue, page());
  qc.setQueryData(KEYS.warning, page());
  qc.setQueryData(KEYS.lowRating, page());
  qc.setQueryData(KEYS.all, page('e1', 'e9'));
  qc.setQueryData(KEYS.dispatchedOnly, page());
  qc.setQueryData(KEYS.mine, page());
  qc.setQueryData(KEYS.map, { points: [{ id: 'e1' }], truncated: false });
  qc.setQueryData(KEYS.e1, { id: 'e1', merged: [] });
  qc.setQueryData(KEYS.e2, { id: 'e2', merged: [{ id: 'e7' }] });
  qc.setQueryData(KEYS.categories, []);
  qc.setQueryData(KEYS.dashboard, {});
  return qc;
}

function invalidated(qc: QueryClient): string[] {
  return Object.entries(KEYS)
    .filter(([, key]) => qc.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

const msg = (m: Partial<FeedEvent>): FeedEvent => ({
  kind: 'event',
  id: 'x',
  action: 'triage',
  status: 'triaged',
  domain: null,
  townId: null,
  teamId: null,
  ...m,
});

describe('live feed → query invalidation', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a new report refreshes the queue it enters, the unfiltered list and the map, not the other queues', () => {
    const qc = cache();
    applyEventChanges(qc, [msg({ id: 'new', action: 'report', status: 'reported' })], 'feed');
    expect(invalidated(qc)).toEqual(['all', 'map', 'untriaged']);
  });

  it('a step refreshes the record, the lists that hold the event and the queues its new status may enter', () => {
    const qc = cache();
    applyEventChanges(qc, [msg({ id: 'e1', action: 'triage', status: 'triaged' })], 'feed');
    // overdue and warning too: the step's message does not say the escalation level (see the next test).
    expect(invalidated(qc)).toEqual(['all', 'e1', 'map', 'overdue', 'toDispatch', 'untriaged', 'warning']);
  });

  it("the answer to one's own step carries the level: no refetch of queues it cannot enter", () => {
    const qc = cache();
    applyEventChanges(qc, [msg({ id: 'e1', action: 'triage', status: 'triaged', escalation: 'none' })], 'own');
    expect(invalidated(qc)).toEqual(['all', 'e1', 'map', 'toDispatch', 'untriaged']);
  });

  it('a step whose message has no escalation level refreshes the overdue and warning queues (errs to a refetch)', () => {
    const qc = cache();
    applyEventChanges(qc, [msg({ id: 'e5', action: 'dispatch', status: 'dispatched' })], 'feed');
    expect(invalidated(qc)).toEqual(['dispatchedOnly', 'overdue', 'warning']);
  });

  it('an escalation to red enters the overdue queue, not the warning queue', () => {
    const qc = cache();
    applyEventChanges(qc, [msg({ id: 'e5', action: 'escalate', status: 'accepted', escalation: 'red' })], 'feed');
    expect(invalidated(qc)).toEqual(['overdue']);
  });

  it('a change of a merged report refreshes its master', () => {
    const qc = cache();
    applyEventChanges(qc, [msg({ id: 'e7', action: 'urge', status: 'merged' })], 'feed');
    expect(invalidated(qc)).toEqual(['e2']);
  });

  it("one's own report enters 'my reports'; another's does not", () => {
    const other = cache();
    applyEventChanges(other, [msg({ id: 'n1', action: 'report', status: 'reported' })], 'feed');
    expect(invalidated(other)).not.toContain('mine');
    const own = cache();
    applyEventChanges(own, [msg({ id: 'n2', action: 'report', status: 'reported' })], 'own');
    expect(invalidated(own)).toContain('mine');
  });

  it("the feed's echo of one's own step is not applied again", () => {
    const qc = cache();
    const step = msg({ id: 'e1', action: 'triage', status: 'triaged' });
    applyEventChanges(qc, [step], 'own');
    for (const key of Object.values(KEYS)) qc.setQueryData(key, qc.getQueryData(key)); // fresh again
    applyEventChanges(qc, [{ ...step }], 'feed');
    expect(invalidated(qc)).toEqual([]);
  });

  it('the big screen figures are refreshed once for a burst, after a pause; other resources never', () => {
    const qc = cache();
    for (let i = 0; i < 20; i++)
      applyEventChanges(qc, [msg({ id: `b${i}`, action: 'report', status: 'reported' })], 'feed');
    expect(qc.getQueryState(KEYS.dashboard)?.isInvalidated).toBe(false);
    vi.advanceTimersByTime(3_000);
    expect(qc.getQueryState(KEYS.dashboard)?.isInvalidated).toBe(true);
    expect(qc.getQueryState(KEYS.categories)?.isInvalidated).toBe(false);
  });
});
