import { z } from 'zod';
import { bilingualText } from '../common/schemas.ts';

/*
 * HTTP contracts of one's own notifications (server platform/notifications): about any subject, addressed to a user,
 * a team or a role.
 */

export const notificationLevel = z.enum(['info', 'yellow', 'red']);

export const notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  level: notificationLevel,
  title: bilingualText,
  /** What it is about (the kind of record, its id and the number people read); null: nothing in particular. */
  subject: z.object({ type: z.string(), id: z.string(), label: z.string() }).nullable(),
  to: z.object({ userId: z.string().nullable(), teamId: z.string().nullable(), role: z.string().nullable() }),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notification>;

/** GET /api/notifications: newest first, with the count of unread ones. */
export const notificationPage = z.object({
  items: z.array(notification),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPage>;
