import { z } from 'zod';

/** GET /api/health: the process answers. */
export const health = z.object({ status: z.literal('ok') });

/** GET /api/ready: the database answers. */
export const readiness = z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) });

/** GET /api/config/public: what the web app needs before login (no secrets). */
export const publicConfig = z.object({ mapTileUrl: z.string().nullable(), mapTileAttribution: z.string().nullable() });
export type PublicConfig = z.infer<typeof publicConfig>;
