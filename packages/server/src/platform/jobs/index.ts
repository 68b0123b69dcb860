export * from './runner.ts';
export { JOBS_CHANNEL, type ClaimedJob, type ParkedJob } from './jobs.repository.ts';
export * from './worker.ts';
export * from './progress.ts';
export { registerJobRoutes } from './jobs.routes.ts';
