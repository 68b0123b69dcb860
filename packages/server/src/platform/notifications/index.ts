// Notifications of every context about a subject, read state per reader, delivery to the adapters through an
// outbox, and the live stream (SSE) that carries every context's feed messages.
export * from './adapters.ts';
export * from './live.ts';
export * from './notifications.ts';
export * from './notifications.routes.ts';
export * from './outbox.ts';
export type { NotificationDraft, NotificationRow, Reader, Subject } from './notifications.repository.ts';
export { notificationOutbox, notificationReads, notifications } from './notifications.schema.ts';
