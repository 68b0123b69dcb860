import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@openenforce/domain/errors';
import { categoryCode, channelReportResult, lat, lng } from '@openenforce/domain/events';
import type { PlatformDeps } from '../../platform/deps.ts';
import { PUBLIC, typed } from '../../platform/http/index.ts';
import { eventNo, type EventsService } from '../events.service.ts';
import { clientActor, clientById, signatureMatches, webhookSignature } from '../../platform/auth/api-clients.ts';

/*
 * Video-AI alarms (SPEC §3: illegal parking, street vending, exposed garbage, business outside the shop).
 *
 * Each delivery is signed: X-Client-Id (an api_clients row of kind video_ai), X-Timestamp (unix seconds) and
 * X-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>. The signature is checked over the raw
 * bytes before the body is parsed (this plugin reads application/json as a buffer), compared in constant time; a
 * timestamp further than WEBHOOK_MAX_SKEW_SECONDS from now is refused as a replay. Within the window a replayed
 * delivery is harmless: intake is idempotent by (client, alarmId), and a redelivery answers 200 with the same event.
 */

const tags = ['webhooks'];

export const videoAiAlarm = z.object({
  alarmId: z.string().trim().min(1).max(60),
  /** An event category that video AI may raise (videoAi true). */
  type: categoryCode,
  cameraId: z.string().trim().min(1).max(80),
  lng,
  lat,
  capturedAt: z.iso.datetime({ offset: true, message: 'iso_datetime' }),
  confidence: z.number().min(0, 'confidence_range').max(1, 'confidence_range'),
  imageUrl: z
    .string()
    .max(500)
    .regex(/^https?:\/\/\S+$/, 'http_url')
    .optional(),
});

const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

export function registerVideoAiWebhook(app: FastifyInstance, events: EventsService, deps: PlatformDeps): void {
  const db = deps.database.db;
  app.register(async (child) => {
    // The signature covers the exact bytes: keep them, parse only after verifying.
    child.removeContentTypeParser('application/json');
    child.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    typed(child).post(
      '/api/webhooks/video-ai',
      {
        config: PUBLIC, // its own credential: the HMAC signature
        schema: {
          tags,
          summary: '视频智能告警 Video-AI alarm (HMAC-signed; idempotent by alarmId)',
          description:
            'Headers: X-Client-Id, X-Timestamp (unix seconds), X-Signature: sha256=<hex HMAC-SHA256(secret, ' +
            'timestamp + "." + rawBody)>. 201 with the new event; 200 with the same event on redelivery.',
          body: videoAiAlarm,
          response: { 201: channelReportResult, 200: channelReportResult },
        },
        preValidation: async (req) => {
          const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          const clientId = header(req, 'x-client-id');
          const timestamp = header(req, 'x-timestamp') ?? '';
          const signature = header(req, 'x-signature') ?? '';
          const client = clientId && clientId.length <= 100 ? await clientById(db, clientId, 'video_ai') : undefined;
          if (!client?.hmacSecret)
            throw new DomainError('WEBHOOK_SIGNATURE_INVALID', [{ path: 'headers.x-client-id', rule: 'client_known' }]);
          if (!signatureMatches(signature, webhookSignature(client.hmacSecret, timestamp, raw)))
            throw new DomainError('WEBHOOK_SIGNATURE_INVALID', [{ path: 'headers.x-signature', rule: 'hmac_sha256' }]);
          const skew = Math.abs(deps.clock.now().getTime() / 1000 - Number(timestamp));
          if (!/^\d{1,12}$/.test(timestamp) || !(skew <= deps.config.WEBHOOK_MAX_SKEW_SECONDS))
            throw new DomainError('WEBHOOK_REPLAYED', [
              { path: 'headers.x-timestamp', rule: `max_skew_seconds:${deps.config.WEBHOOK_MAX_SKEW_SECONDS}` },
            ]);
          try {
            req.body = JSON.parse(raw.toString('utf8'));
          } catch {
            throw new DomainError('MALFORMED_JSON', [{ path: 'body', rule: 'json_syntax' }]);
          }
          req.videoAiClient = client;
        },
      },
      async (req, reply) => {
        const a = req.body;
        const category = events.category(a.type);
        if (!category?.videoAi)
          throw new DomainError('EVENT_CATEGORY_UNKNOWN', [{ path: 'body.type', rule: 'video_ai_category' }]);
        const client = req.videoAiClient!;
        const percent = Math.round(a.confidence * 100);
        const out = await events.report(
          {
            category: category.code,
            description:
              `视频智能发现：${category.zh}（摄像头 ${a.cameraId}，置信度 ${percent}%）` +
              (a.imageUrl ? `\n抓拍 Image: ${a.imageUrl}` : ''),
            lng: a.lng,
            lat: a.lat,
            urgency: 'normal',
            photoIds: [],
            // Alarm ids are the vendor's: two platforms may use the same one.
            externalId: `${client.id}:${a.alarmId}`,
            occurredAt: a.capturedAt,
          },
          { source: 'video_ai', actor: clientActor(client, req), userId: null },
        );
        return reply.status(out.replay ? 200 : 201).send({
          id: out.event.id,
          no: eventNo(out.event),
          status: out.event.status,
          replay: out.replay,
        });
      },
    );
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    videoAiClient?: Awaited<ReturnType<typeof clientById>>;
  }
}
