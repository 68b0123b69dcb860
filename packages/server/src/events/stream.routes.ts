import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { requirePermission, typed } from '../platform/http/index.ts';
import type { LiveHub, NotificationsService } from '../platform/notifications/index.ts';

const tags = ['events'];

/** The live stream of the event centre: the platform's hub, for readers of events. */
export function registerStreamRoute(app: FastifyInstance, notifications: NotificationsService, hub: LiveHub): void {
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
}
