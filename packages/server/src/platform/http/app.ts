import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { safeError } from './log-safety.ts';
import { installOriginCheck, registerSecurityHeaders, requestIdOf, trustedProxies } from './security.ts';
import { publicPlugins, refuseAnonymous, withSecurity } from './access.ts';
import { answerClientError, answerError, installErrorHandling } from './errors.ts';
import { declareErrorResponses, responseSerializer, withMediaResponses } from './responses.ts';
import { validatorCompiler } from './validation.ts';
import { registerCompression, registerWebApp } from './web-app.ts';

export const SESSION_COOKIE = 'oe_session';

export type App = FastifyInstance;

/**
 * Fastify with: zod validation (the same schemas produce /api/docs), one error shape, cookie sessions, request ids in
 * every log line, and logs that carry no personal data (no query strings, bodies or cookies).
 */
export async function createHttpApp(
  config: Config,
  auth: AuthService,
  opts: { logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: config.BODY_LIMIT,
    trustProxy: trustedProxies(config),
    // A client's X-Request-Id only when short and plain (see requestIdOf); otherwise a fresh UUID.
    requestIdHeader: false,
    genReqId: requestIdOf,
    logger: {
      level: config.LOG_LEVEL,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      serializers: {
        // A failed statement's parameters (phones, ID numbers) never reach the log (log-safety.ts).
        err: safeError,
        // Path only: query strings may carry names and phone numbers typed into a search box.
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method,
          path: req.url.split('?')[0],
          id: req.id,
        }),
      },
    },
    ajv: { customOptions: { removeAdditional: false } },
    // A URL the router cannot read (bad percent-encoding, an over-long parameter) fails before there is a route.
    frameworkErrors: answerError,
    // …and a request the HTTP parser refuses never becomes one.
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Answers are written with their route's response schema (responses.ts); failures are declared on every route.
  app.setSerializerCompiler(responseSerializer(config.RESPONSE_CHECK, (o, msg) => app.log.error(o, msg)));
  declareErrorResponses(app);
  const webDist = resolve(config.WEB_DIST ?? new URL('../../../../web/dist', import.meta.url).pathname);
  const serveWeb = existsSync(resolve(webDist, 'index.html'));
  installErrorHandling(app, serveWeb);

  // First: the compression hook must see every reply, the web app's files included.
  await registerCompression(app);
  await app.register(cookie);
  await registerSecurityHeaders(app, config);
  installOriginCheck(app, config, SESSION_COOKIE);
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_LIMIT, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OpenEnforce API',
        version: '0.1.0',
        description:
          '综合行政执法平台 API. Errors: {code, message:{zh,en}, details:[{path, rule, message:{zh,en}}]} ' +
          "(a rule's words from the rule catalogue, packages/domain/src/errors/rules.ts).",
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: withSecurity(withMediaResponses(jsonSchemaTransform)),
    // Schemas with an id (the error shape) are components, referenced rather than repeated on every route.
    transformObject: jsonSchemaTransformObject,
  });
  await publicPlugins(app, () => app.register(swaggerUi, { routePrefix: '/api/docs' }));

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && token.length <= 128) req.user = await auth.authenticate(token);
    refuseAnonymous(req);
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  if (serveWeb) await registerWebApp(app, webDist);
  return app;
}

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
