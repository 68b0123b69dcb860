/**
 * One computation shared by every reader of the same key (a data scope, a filter) for a short window: a screen that
 * many people watch costs one query per window, not one per viewer. Readers that arrive while it runs wait for it.
 *
 * The guarantee: an answer comes from a computation that started at most `windowMs` before the request, so it holds
 * every change committed more than `windowMs` before the request (never older data). A client that refetches on a
 * change notification sees the change if it waits longer than `windowMs` after the notification before it asks
 * (the notification is sent after the commit). With `windowMs` 0 nothing is shared (tests). Per process: each server
 * process computes its own. A computation that fails is not shared with later readers.
 */
export function sharedResults<T>(windowMs: number, now: () => number = () => performance.now()) {
  const entries = new Map<string, { startedAt: number; value: Promise<T> }>();

  return (key: string, compute: () => Promise<T>): Promise<T> => {
    if (windowMs <= 0) return compute();
    const t = now();
    const hit = entries.get(key);
    if (hit && t - hit.startedAt <= windowMs) return hit.value;
    // Keys are bounded by the readers' filters; drop the expired ones when the map grows.
    if (entries.size >= 256) for (const [k, e] of entries) if (t - e.startedAt > windowMs) entries.delete(k);
    const entry = { startedAt: t, value: compute() };
    entries.set(key, entry);
    entry.value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return entry.value;
  };
}
