import pg from 'pg';

/**
 * Every NOTIFY channel of a process on one PostgreSQL connection of its own, outside the pool (a LISTEN per
 * channel would each hold a pooled connection for the life of the process and leave fewer for queries).
 *
 * The connection can drop (a PostgreSQL restart, a failover, an idle timeout in a proxy). Notifications sent
 * meanwhile are lost, so after reconnecting — at once, then with a growing pause up to 30 s while it fails —
 * every channel is listened to again and each subscriber's `onGap` is called: a cache drops what it holds, a live
 * feed tells its clients to reload. A lost connection never takes the process down.
 */
export interface Listener {
  listen(channel: string, onMessage: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface Subscription {
  onMessage(payload: string): void;
  onGap?: (() => void) | undefined;
}

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 30_000;

export function createPgListener(url: string, log: (msg: string, err?: unknown) => void = () => undefined): Listener {
  const channels = new Map<string, Set<Subscription>>();
  let current: Promise<pg.Client> | null = null;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | null = null;

  function connect(): Promise<pg.Client> {
    const attempt: Promise<pg.Client> = (async () => {
      const client = new pg.Client({ connectionString: url, application_name: 'openenforce-listen' });
      const lost = (err?: unknown) => {
        if (current !== attempt || closed) return;
        current = null;
        log('NOTIFY connection lost; reconnecting', err);
        client.end().catch(() => undefined);
        scheduleReconnect();
      };
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', (n) => {
        for (const s of channels.get(n.channel) ?? []) s.onMessage(n.payload ?? '');
      });
      await client.connect();
      for (const channel of channels.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return client;
    })();
    current = attempt;
    // A failed attempt is forgotten, so that the next listen() or retry opens a new one.
    attempt.catch(() => {
      if (current === attempt) current = null;
    });
    return attempt;
  }

  function scheduleReconnect() {
    if (closed || retryTimer || channels.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (closed || current) return;
      connect().then(
        () => {
          retryMs = FIRST_RETRY_MS;
          log('NOTIFY connection back; subscribers resynchronise');
          for (const subs of channels.values()) for (const s of subs) s.onGap?.();
        },
        (err: unknown) => {
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
          log(`NOTIFY reconnect failed; next try in ${retryMs} ms`, err);
          scheduleReconnect();
        },
      );
    }, retryMs);
    retryTimer.unref();
  }

  return {
    async listen(channel, onMessage, onGap) {
      let subs = channels.get(channel);
      const fresh = !subs;
      if (!subs) channels.set(channel, (subs = new Set()));
      // A subscription of its own, so that the same callback listening twice unsubscribes once per subscription.
      const sub: Subscription = { onMessage: (p) => onMessage(p), onGap };
      subs.add(sub);
      const client = await (current ?? connect());
      // A new connection listens to every channel already; an existing one is told about a new channel.
      if (fresh) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        subs.delete(sub);
        if (subs.size === 0 && channels.get(channel) === subs) {
          channels.delete(channel);
          const c = await current?.catch(() => null);
          await c?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      channels.clear();
      const c = await current?.catch(() => null);
      current = null;
      await c?.end().catch(() => undefined);
    },
  };
}
