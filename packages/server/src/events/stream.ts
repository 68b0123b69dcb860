import type { ServerResponse } from 'node:http';
import type { Database } from '../platform/db/index.ts';
import type { NotifyLog } from '../platform/notify/index.ts';
import { EVENT_FEED_CHANNEL, type FeedMessage } from './events.service.ts';
import type { NotificationFeed } from './notifications.ts';
import type { Reader } from './notifications.repository.ts';

/*
 * The live stream (SPEC §3 "notifications in the app (server-sent events)"): one hub per process, subscribed once
 * to the feed's NOTIFY channel, relays each message to the clients that may see it: event messages by data scope
 * (a town user only their town's), notifications to their addressees (the user, their teams, their role). Every
 * process relays every committed step, whichever process took it, so clients may connect to any of them.
 */

type ChannelMessage = FeedMessage | NotificationFeed;

interface Client {
  reader: Reader;
  /** The session the stream was opened with: a logout ends the stream. */
  tokenHash: string;
  res: ServerResponse;
}

/** A client that reads slower than this many buffered bytes is dropped (it reconnects and reloads its lists). */
const MAX_BUFFERED = 1 << 20;

export interface StreamHubOptions {
  heartbeatMs?: number;
}

export function visibleTo(r: Reader, m: ChannelMessage): boolean {
  const town = r.scope.kind === 'county' || m.townId === r.scope.townId;
  if (m.kind === 'event') return town;
  const addressed =
    (m.userId !== null && m.userId === r.userId) ||
    (m.teamId !== null && r.teamIds.includes(m.teamId)) ||
    (m.role !== null && m.role === r.role);
  return addressed && (town || m.eventId === null);
}

export function createStreamHub(database: Database, log: NotifyLog, opts: StreamHubOptions = {}) {
  const clients = new Set<Client>();
  const heartbeatMs = opts.heartbeatMs ?? 25_000;
  let unlisten: (() => Promise<void>) | null = null;
  let subscribing: Promise<void> | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let closed = false;
  let relayed = 0;

  function write(c: Client, text: string) {
    if (c.res.writableEnded || c.res.destroyed) return remove(c);
    if (c.res.writableLength > MAX_BUFFERED) {
      log.warn({ userId: c.reader.userId }, 'event stream: slow client dropped');
      c.res.end();
      return remove(c);
    }
    c.res.write(text);
  }

  function onMessage(payload: string) {
    let m: ChannelMessage;
    try {
      m = JSON.parse(payload) as ChannelMessage;
    } catch {
      return;
    }
    if (clients.size === 0) return;
    const frame = `event: ${m.kind}\ndata: ${payload}\n\n`;
    for (const c of clients) {
      if (visibleTo(c.reader, m)) {
        write(c, frame);
        relayed += 1;
      }
    }
  }

  /** LISTEN on first use: a process no one watches holds no connection for it. */
  function subscribe(): Promise<void> {
    subscribing ??= database.listen(EVENT_FEED_CHANNEL, onMessage, endAll).then((u) => {
      unlisten = u;
    });
    return subscribing;
  }

  /**
   * Changes were missed while the database connection was down: end every stream. Each browser reconnects by
   * itself (the `retry` above) and its page reloads what it shows, rather than trust a feed with a hole in it.
   */
  function endAll() {
    for (const c of [...clients]) {
      c.res.end();
      remove(c);
    }
  }

  function remove(c: Client) {
    clients.delete(c);
    if (clients.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = null;
    }
  }

  return {
    subscribe,

    /** Subscribe (once), then write the stream's head and keep the response open until the client leaves. */
    async add(reader: Reader, tokenHash: string, res: ServerResponse): Promise<void> {
      if (closed) {
        res.writeHead(503).end();
        return;
      }
      await subscribe();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-content-type-options': 'nosniff',
        // nginx and similar proxies would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      const c: Client = { reader, tokenHash, res };
      clients.add(c);
      res.on('close', () => remove(c));
      res.write(`retry: 5000\n: connected\n\n`);
      heartbeat ??= setInterval(() => {
        for (const x of clients) write(x, `: heartbeat\n\n`);
      }, heartbeatMs);
      heartbeat.unref();
    },

    /**
     * A session ended (SESSIONS_CHANNEL key `token:<hash>` or `user:<id>`, from any process): end its streams, so
     * that a signed-out or disabled user hears nothing more. The client's reconnect then meets 401.
     */
    revoke(key: string): void {
      for (const c of [...clients]) {
        if (key === `token:${c.tokenHash}` || key === `user:${c.reader.userId}`) {
          c.res.end();
          remove(c);
        }
      }
    },

    /** For tests and health: clients connected to this process, messages relayed. */
    stats: () => ({ clients: clients.size, relayed, subscribed: unlisten !== null }),

    /** End every stream (app close: the server cannot close while responses stay open) and UNLISTEN. */
    async close(): Promise<void> {
      closed = true;
      endAll();
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      if (subscribing) await subscribing.catch(() => undefined);
      if (unlisten) await unlisten();
      unlisten = null;
    },
  };
}

export type StreamHub = ReturnType<typeof createStreamHub>;
