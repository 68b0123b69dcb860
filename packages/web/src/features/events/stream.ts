import { useEffect, useRef, useState } from 'react';
import type { FeedEvent, FeedNotification } from './types.ts';

/**
 * The live feed (GET /api/events/stream, server-sent events): `event: event` when an event changes, `event:
 * notification` for the signed-in user's notifications. One EventSource per page, shared by every subscriber; the
 * browser reconnects by itself after a network error, and a refused stream (e.g. a server without it) is tried
 * again every 30 s. Pages poll more often while the feed is down (see `live`). Pages use it through
 * `useLiveEvents` (live.ts), which turns the messages into query invalidations.
 */
export interface FeedListener {
  onEvent?: (m: FeedEvent) => void;
  onNotification?: (n: FeedNotification) => void;
}

const listeners = new Set<{ current: FeedListener }>();
const liveListeners = new Set<(live: boolean) => void>();
let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | null = null;
let live = false;

function setLive(next: boolean) {
  if (live === next) return;
  live = next;
  for (const l of liveListeners) l(next);
}

function parse<T>(e: MessageEvent): T | null {
  try {
    return JSON.parse(String(e.data)) as T;
  } catch {
    return null;
  }
}

function open() {
  if (source || typeof EventSource === 'undefined') return;
  const es = new EventSource('/api/events/stream', { withCredentials: true });
  source = es;
  es.onopen = () => setLive(true);
  es.addEventListener('event', (e) => {
    const m = parse<FeedEvent>(e as MessageEvent);
    if (m) for (const l of listeners) l.current.onEvent?.(m);
  });
  es.addEventListener('notification', (e) => {
    const n = parse<FeedNotification>(e as MessageEvent);
    if (n) for (const l of listeners) l.current.onNotification?.(n);
  });
  es.onerror = () => {
    setLive(false);
    if (es.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
    source = null;
    if (listeners.size > 0 && !retry)
      retry = setTimeout(() => {
        retry = null;
        if (listeners.size > 0) open();
      }, 30_000);
  };
}

function close() {
  source?.close();
  source = null;
  if (retry) clearTimeout(retry);
  retry = null;
  setLive(false);
}

/** Subscribes to the live feed while the component is mounted; returns whether the feed is connected. */
export function useEventFeed(listener: FeedListener): boolean {
  const ref = useRef(listener);
  ref.current = listener;
  const [isLive, setIsLive] = useState(live);
  useEffect(() => {
    const holder = ref;
    listeners.add(holder);
    liveListeners.add(setIsLive);
    open();
    setIsLive(live);
    return () => {
      listeners.delete(holder);
      liveListeners.delete(setIsLive);
      if (listeners.size === 0) close();
    };
  }, []);
  return isLive;
}

/** Runs `fn` every `ms` while mounted (and the tab is visible). */
export function useInterval(fn: () => void, ms: number | null): void {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    if (ms === null) return;
    const id = setInterval(() => {
      if (document.visibilityState !== 'hidden') fnRef.current();
    }, ms);
    return () => clearInterval(id);
  }, [ms]);
}
