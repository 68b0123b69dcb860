import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notification, notificationPage } from '@openenforce/domain/notifications';
import { actorOf, requireUser, typed } from '../http/index.ts';
import type { NotificationRow } from './notifications.repository.ts';
import { subjectOf, type NotificationsService } from './notifications.ts';

const tags = ['notifications'];

const listQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(40).optional(),
});

const present = (n: NotificationRow): z.infer<typeof notification> => ({
  id: n.id,
  kind: n.kind,
  level: n.level,
  title: n.title,
  subject: subjectOf(n),
  to: { userId: n.userId, teamId: n.teamId, role: n.role },
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/**
 * One's own notifications, about any subject: every signed-in user has them (what they may read is what was
 * addressed to them, within their data scope). Routes are thin: validate (zod) → authorize → one use case → present.
 */
export function registerNotificationRoutes(app: FastifyInstance, notifications: NotificationsService): void {
  const r = typed(app);

  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的通知 My notifications (newest first)',
        querystring: listQuery,
        response: { 200: notificationPage },
      },
    },
    async (req) => {
      const page = await notifications.list(requireUser(req), req.query);
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
        response: { 200: notification },
      },
    },
    async (req) => present(await notifications.markRead(requireUser(req), req.params.id, actorOf(req))),
  );
}
