import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, requirePermission, typed } from '../platform/http/index.ts';
import type { NotificationRow, NotificationsService } from './notifications.ts';
import type { StreamHub } from './stream.ts';

const tags = ['events'];

const listQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(40).optional(),
});

const present = (n: NotificationRow) => ({
  id: n.id,
  kind: n.kind,
  level: n.level,
  title: n.title,
  eventId: n.eventId,
  to: { userId: n.userId, teamId: n.teamId, role: n.role },
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/** Notifications and the live stream. Routes are thin: validate (zod) → authorize → one use case → present. */
export function registerNotificationRoutes(
  app: FastifyInstance,
  notifications: NotificationsService,
  hub: StreamHub,
): void {
  const r = typed(app);

  r.get(
    '/api/events/stream',
    {
      schema: {
        tags,
        summary:
          '实时推送 Live stream (text/event-stream): `event: event` (事件变化, by data scope), `event: notification` (通知, to you, your team or role); a comment line every 25 s',
        // Documents the stream's media type (the reply is hijacked: nothing is serialised).
        produces: ['text/event-stream'],
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const user = requirePermission(req, 'event.read');
      const reader = await notifications.readerOf(user);
      await hub.subscribe(); // before the hand-over, so that a failure is still answered as an error
      // The response stays open: Fastify hands it over (no serializer, no onSend hooks).
      reply.hijack();
      await hub.add(reader, user.tokenHash, reply.raw);
      return reply;
    },
  );

  r.get(
    '/api/notifications',
    { schema: { tags, summary: '我的通知 My notifications (newest first)', querystring: listQuery } },
    async (req) => {
      const user = requirePermission(req, 'event.read');
      const page = await notifications.list(user, req.query);
      return { items: page.items.map(present), nextCursor: page.nextCursor, unread: page.unread };
    },
  );

  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '标为已读 Mark a notification read (your own only)',
        params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
      },
    },
    async (req) =>
      present(await notifications.markRead(requirePermission(req, 'event.read'), req.params.id, actorOf(req))),
  );
}
