import type { ServerResponse } from 'node:http';
import { inScope, scopeDomains } from '@openenforce/domain/organization';
import type { Database, Db } from '../db/index.ts';
import type { NotifyLog, SubjectRef } from './adapters.ts';
import type { Reader } from './notifications.repository.ts';

/*
 * The live stream (SPEC §3 "notifications in the app (server-sent events)"): one hub per process, subscribed once
 * to one NOTIFY channel, relays each message to the clients that may see it. Every context publishes its own
 * messages on it (`publishLive`, in the transaction of the change: sent on commit), each with a `kind` (the SSE
 * event name the browser listens for) and the `townId` of what it is about: a town user gets only their town's.
 * Notifications go to their addressees only (the user, their teams, their role). Every process relays every
 * committed message, whichever process wrote it, so clients may connect to any of them.
 */

/** The NOTIFY channel of the live feed: every process relays it to its SSE clients. */
export const LIVE_CHANNEL = 'live_feed';

/** The kind of the platform's own messages: a notification, for its addressees. */
export const NOTIFICATION_KIND = 'notification';

/** What every message on the feed carries, beside what its kind says. */
export interface LiveMessage {
  /** The SSE event name; a context's own (`notification` is the platform's). */
  kind: string;
  /** The town of what it is about, for data scope (null: a county user's only, or everyone's for a notification). */
  townId: string | null;
  /**
   * The domain (执法领域) of what it is about, for a scope limited to some domains (a county agency's); a message
   * without one reaches such a scope only when it is a notification addressed to the reader.
   */
  domain?: string | null;
}

/** A notification on the feed: the hub routes it to its addressees. */
export interface NotificationLive extends LiveMessage {
  kind: typeof NOTIFICATION_KIND;
  id: number;
  /** The notification's kind (dispatch, urge, red …). */
  type: string;
  level: 'info' | 'yellow' | 'red';
  title: { zh: string; en: string };
  subject: SubjectRef | null;
  userId: string | null;
  teamId: string | null;
  role: string | null;
  createdAt: string;
}

/** Publish messages on the live feed in the transaction `on` (delivered on commit) or at once (`db`). */
export function publishLive(database: Database, on: Db, messages: LiveMessage | readonly LiveMessage[]): Promise<void> {
  const list = Array.isArray(messages) ? (messages as readonly LiveMessage[]) : [messages as LiveMessage];
  return database.notify(
    on,
    LIVE_CHANNEL,
    list.map((m) => JSON.stringify(m)),
  );
}

const isNotification = (m: LiveMessage): m is NotificationLive => m.kind === NOTIFICATION_KIND;

export function visibleTo(r: Reader, m: LiveMessage): boolean {
  const town = inScope(r.scope, m.townId);
  if (!isNotification(m)) {
    const domains = scopeDomains(r.scope);
    return town && (domains === null || (typeof m.domain === 'string' && domains.includes(m.domain)));
  }
  const addressed =
    (m.userId !== null && m.userId === r.userId) ||
    (m.teamId !== null && r.teamIds.includes(m.teamId)) ||
    (m.role !== null && m.role === r.role);
  return addressed && (town || m.subject === null);
}

interface Client {
  reader: Reader;
  /** The session the stream was opened with: a logout ends the stream. */
  tokenHash: string;
  res: ServerResponse;
}

/** A client that reads slower than this many buffered bytes is dropped (it reconnects and reloads its lists). */
const MAX_BUFFERED = 1 << 20;

export interface LiveHubOptions {
  heartbeatMs?: number;
}

export function createLiveHub(database: Database, log: NotifyLog, opts: LiveHubOptions = {}) {
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
      log.warn({ userId: c.reader.userId }, 'live stream: slow client dropped');
      c.res.end();
      return remove(c);
    }
    c.res.write(text);
  }

  function onMessage(payload: string) {
    let m: LiveMessage;
    try {
      m = JSON.parse(payload) as LiveMessage;
    } catch {
      return;
    }
    if (clients.size === 0 || typeof m.kind !== 'string' || !/^[a-z_]+$/.test(m.kind)) return;
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
    subscribing ??= database.listen(LIVE_CHANNEL, onMessage, endAll).then((u) => {
      unlisten = u;
    });
    return subscribing;
  }

  /**
   * Changes were missed while the database connection was down: end every stream. Each browser reconnects by
   * itself (the `retry` below) and its page reloads what it shows, rather than trust a feed with a hole in it.
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

export type LiveHub = ReturnType<typeof createLiveHub>;
