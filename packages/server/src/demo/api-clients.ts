import { apiClients } from '../platform/auth/api-clients.schema.ts';
import { SYSTEM_ACTOR } from '../platform/audit/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { createHash } from 'node:crypto';

/**
 * Demo machine clients of the intake channels, with fixed, documented credentials (README "Demo logins"). They are
 * demo values: a real deployment creates its own clients with random keys and secrets.
 */
export const DEMO_API_CLIENTS = {
  open311: { id: 'demo-open311', name: '演示 Open311 应用 Demo Open311 app', key: 'demo-open311-key' },
  hotline: { id: 'demo-hotline', name: '演示 12345 热线 Demo 12345 hotline', key: 'demo-hotline-key' },
  videoAi: { id: 'demo-video-ai', name: '演示视频智能平台 Demo video-AI platform', secret: 'demo-video-ai-secret' },
} as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Insert the demo clients that are missing (by id), with one audit record per client inserted. */
export async function seedDemoApiClients(deps: PlatformDeps): Promise<number> {
  const { open311, hotline, videoAi } = DEMO_API_CLIENTS;
  const now = deps.clock.now();
  const rows = [
    { id: open311.id, name: open311.name, kind: 'open311' as const, keyHash: sha256(open311.key), createdAt: now },
    { id: hotline.id, name: hotline.name, kind: 'hotline' as const, keyHash: sha256(hotline.key), createdAt: now },
    { id: videoAi.id, name: videoAi.name, kind: 'video_ai' as const, hmacSecret: videoAi.secret, createdAt: now },
  ];
  return deps.database.db.transaction(async (tx) => {
    const inserted = await tx.insert(apiClients).values(rows).onConflictDoNothing().returning();
    await deps.audit.append(
      tx,
      SYSTEM_ACTOR,
      inserted.map((c) => ({
        action: 'demo.seed',
        entityType: 'api_client',
        entityId: c.id,
        after: { id: c.id, name: c.name, kind: c.kind },
      })),
      now,
    );
    return inserted.length;
  });
}
