import { FEED_REFETCH_MS, OPEN_STATUSES } from '@openenforce/domain/events';
import { useQueryClient, type Query as CachedQuery, type QueryClient } from '@tanstack/react-query';
import type { Page } from '../../app/api.ts';
import { DASHBOARD_API, EVENTS_API, NOTIFICATIONS_API } from './api.ts';
import { useEventFeed } from './stream.ts';
import type { EventDetail, EventSummary, FeedEvent } from './types.ts';

/*
 * The live feed → the query cache. A feed message (or the answer to the user's own step) names one event, what
 * happened to it and its new status; only the cached queries it can touch are invalidated:
 *
 * - the event's record, and records that show it (a master's merged reports);
 * - a list or the map that holds it (it may have changed or left), or that it may now enter: a queue by the
 *   status the message carries, a status filter by that status, an unfiltered list only by a new report (lists
 *   are by report time, so an older event does not join them by changing). Where the message does not carry
 *   what a queue selects on (a step's message has no escalation level), the queue is refreshed: erring towards a
 *   refetch, never towards a stale queue. The server's queue conditions stay the rule; this only picks refetches.
 * - the big screen's figures, at most every few seconds.
 *
 * Messages arriving together are applied together, after a short pause (a burst of intake is one refetch).
 */

// The server shares its answers for less than these (FEED_REFETCH_MS): a refetch made for a change sees it.
const FLUSH_MS = FEED_REFETCH_MS.lists;
const DASHBOARD_MS = FEED_REFETCH_MS.dashboard;
/** The feed's echo of one's own step comes within this time; it is not applied twice. */
const ECHO_MS = 10_000;

type Source = 'feed' | 'own';

/** The level the message tells, or undefined (a step's message does not say); a new report has none yet. */
function escalationOf(m: FeedEvent): string | undefined {
  return m.escalation ?? (m.action === 'report' ? 'none' : undefined);
}

/** The queue a message may enter, by the fields it carries (see above). */
function mayEnterQueue(queue: string, m: FeedEvent, source: Source): boolean {
  switch (queue) {
    case 'untriaged':
      return m.status === 'reported';
    case 'to_dispatch':
      return m.status === 'triaged';
    case 'returned':
      return m.status === 'returned';
    case 'overdue':
      return OPEN_STATUSES.includes(m.status) && [undefined, 'red'].includes(escalationOf(m));
    case 'warning':
      return OPEN_STATUSES.includes(m.status) && [undefined, 'yellow'].includes(escalationOf(m));
    case 'low_rating':
      return m.action === 'rate';
    case 'mine':
      return OPEN_STATUSES.includes(m.status);
    case 'reported_by_me':
      // The feed does not say who reported; one's own reports are added by the report's own answer.
      return source === 'own' && m.action === 'report';
    default:
      return true;
  }
}

function mayEnter(params: Record<string, unknown>, m: FeedEvent, source: Source): boolean {
  if (typeof params.queue === 'string') return mayEnterQueue(params.queue, m, source);
  if (typeof params.townId === 'string' && m.townId !== params.townId) return false;
  if (typeof params.teamId === 'string' && m.teamId !== params.teamId) return false;
  if (typeof params.status === 'string') return params.status.split(',').includes(m.status);
  return m.action === 'report';
}

function holds(data: unknown, id: string): boolean {
  if (!data || typeof data !== 'object') return false;
  const d = data as Partial<Page<EventSummary>> & { points?: { id: string }[] } & Partial<EventDetail> & {
      pages?: Page<EventSummary>[];
    };
  return (
    d.id === id ||
    !!d.items?.some((e) => e.id === id) ||
    !!d.pages?.some((p) => p.items.some((e) => e.id === id)) ||
    !!d.points?.some((p) => p.id === id) ||
    d.master?.id === id ||
    d.suggestedMasterId === id ||
    !!d.merged?.some((e) => e.id === id)
  );
}

/** Whether a change of event `m` can touch this cached query. */
export function touches(query: CachedQuery, m: FeedEvent, source: Source): boolean {
  const [resource, view, params] = query.queryKey as [unknown, unknown, unknown];
  if (resource !== EVENTS_API) return false;
  if (view === 'detail') return params === m.id || holds(query.state.data, m.id);
  // A count or the team's board changes when an event enters or leaves it: any change may, and they are cheap.
  if (view === 'count' || view === 'board') return true;
  if (view !== 'list' && view !== 'map' && view !== 'pages') return false;
  return holds(query.state.data, m.id) || mayEnter((params ?? {}) as Record<string, unknown>, m, source);
}

/** The change an event's own step made, as the feed would tell it. */
export function changeOf(e: EventSummary, action: string): FeedEvent {
  return {
    kind: 'event',
    id: e.id,
    action,
    status: e.status,
    townId: e.townId,
    domain: e.domain,
    teamId: e.teamId,
    escalation: e.escalation,
  };
}

const echoKey = (m: FeedEvent) => `${m.id}:${m.action}:${m.status}`;

/** What the bridge remembers, per query client (the app has one; each test its own). */
interface LiveState {
  /** Own changes applied lately, by echo key, with when. */
  recentOwn: Map<string, number>;
  pending: FeedEvent[];
  flushTimer: ReturnType<typeof setTimeout> | null;
  dashboardTimer: ReturnType<typeof setTimeout> | null;
}
const states = new WeakMap<QueryClient, LiveState>();
function stateOf(queryClient: QueryClient): LiveState {
  let s = states.get(queryClient);
  if (!s) states.set(queryClient, (s = { recentOwn: new Map(), pending: [], flushTimer: null, dashboardTimer: null }));
  return s;
}

/**
 * Invalidates what these changes touch. `own`: the answer to the user's own step, applied at once; the feed's echo
 * of it is skipped.
 */
export function applyEventChanges(queryClient: QueryClient, changes: readonly FeedEvent[], source: Source): void {
  const state = stateOf(queryClient);
  const now = Date.now();
  for (const [k, at] of state.recentOwn) if (now - at > ECHO_MS) state.recentOwn.delete(k);
  const fresh = source === 'own' ? changes : changes.filter((m) => !state.recentOwn.has(echoKey(m)));
  if (source === 'own') for (const m of changes) state.recentOwn.set(echoKey(m), now);
  if (fresh.length === 0) return;
  void queryClient.invalidateQueries({ predicate: (q) => fresh.some((m) => touches(q, m, source)) });
  state.dashboardTimer ??= setTimeout(() => {
    state.dashboardTimer = null;
    void queryClient.invalidateQueries({ queryKey: [DASHBOARD_API] });
  }, DASHBOARD_MS);
}

/** Several components of a page subscribe to the feed; each message is applied once. */
const seen = new WeakSet<object>();

function enqueue(queryClient: QueryClient, m: FeedEvent) {
  if (seen.has(m)) return;
  seen.add(m);
  const state = stateOf(queryClient);
  state.pending.push(m);
  state.flushTimer ??= setTimeout(() => {
    state.flushTimer = null;
    applyEventChanges(queryClient, state.pending.splice(0), 'feed');
  }, FLUSH_MS);
}

/**
 * Keeps the cached events current from the live feed while mounted (and the signed-in user's notifications);
 * returns whether the feed is connected (pages poll more often while it is not).
 */
export function useLiveEvents(): boolean {
  const queryClient = useQueryClient();
  return useEventFeed({
    onEvent: (m) => enqueue(queryClient, m),
    onNotification: (n) => {
      if (seen.has(n)) return;
      seen.add(n);
      void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_API] });
    },
  });
}
