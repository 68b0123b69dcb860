export * from './events.schema.ts';
export {
  createEventsService,
  EVENT_FEED_CHANNEL,
  eventNo,
  type EventsService,
  type FeedMessage,
} from './events.service.ts';
export { registerEventRoutes } from './events.routes.ts';
export { createPhotoStore, type PhotoStore } from './photos.ts';
