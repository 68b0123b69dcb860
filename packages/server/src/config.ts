import { z } from 'zod';

/**
 * Every environment variable, parsed and documented once. A wrong value stops the process at start-up with the
 * variable's name, rather than failing later in a request.
 */
/** A comma-separated list; blanks dropped. */
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0),
);

const schema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on. */
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… to use a PostgreSQL server; unset = embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database (DATA_DIR/pglite) and local files live. */
  DATA_DIR: z.string().default('./data'),
  /** Seed the demo county on first start (an empty database). */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How many demo events (a year of them, before today) the first start seeds; 0 = none. */
  DEMO_EVENTS: z.coerce.number().int().min(0).max(2_000_000).default(100_000),
  /** Audit-log hash: sha256 (default) or sm3 (GM/T 0004). Applies to new records; verify reads each row's own. */
  AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  /** Session lifetime: idle timeout and absolute maximum, in minutes. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  /**
   * Login throttling: progressive delays, never a lock an attacker can hold. Failures are counted per account from one
   * address and per address (any account) within LOGIN_WINDOW_MINUTES; past the free number, each further attempt
   * waits 1, 2, 4 … seconds after the last failure, up to LOGIN_MAX_DELAY_MINUTES. An account is never locked for
   * every address: another address (the owner's) is not delayed by someone else's failures. Administrators clear an
   * account's failures ("unlock") in the users screen or with `npm run user:unlock -- <username>`.
   */
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_IP_FREE_FAILURES: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
  LOGIN_MAX_DELAY_MINUTES: z.coerce.number().int().min(1).default(15),
  /**
   * Reverse proxies whose X-Forwarded-For / -Proto / -Host are believed, comma-separated addresses or CIDRs (or
   * `loopback`, `linklocal`, `uniquelocal`). Unset (the default): none — the client address is the TCP peer and a
   * client-chosen X-Forwarded-For is ignored, so it cannot dodge login throttling.
   */
  TRUST_PROXY: list.optional(),
  /**
   * Origins (scheme://host[:port]) besides the server's own from which a browser may send state-changing requests
   * with the session cookie (a portal on another host name, say). Unset: same origin only.
   */
  ALLOWED_ORIGINS: list.pipe(z.array(z.url())).optional(),
  /**
   * Demo mode: the seeded demo accounts keep their published password. Outside demo mode (`false`) they must change
   * it at the first login. Default: on when SEED_DEMO is on (so `npm start` just works), off otherwise.
   */
  DEMO_MODE: z.enum(['true', 'false']).optional(),
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Map tiles, e.g. 天地图 `https://t{s}.tianditu.gov.cn/…&tk=KEY`; unset = blank background. */
  MAP_TILE_URL: z.string().optional(),
  MAP_TILE_ATTRIBUTION: z.string().optional(),
  /** Where the built web app is served from. */
  WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest JSON body accepted, in bytes; uploads have their own limit. */
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  UPLOAD_LIMIT: z.coerce.number().int().min(1024).default(10_485_760),
  /** Largest event photo, in bytes (JPEG, PNG or WebP). */
  EVENT_PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).default(8_388_608),
  /** An event turns yellow (临期) once less than this fraction of its dispatch-to-deadline time remains. */
  EVENT_WARN_FRACTION: z.coerce.number().min(0).max(1).default(0.25),
  /** How often each server process runs the escalation job (every process may; each event is handled once). */
  EVENT_ESCALATION_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * Where notifications go besides the app (comma-separated): log (default), dingtalk, wecom. SMS needs a vendor
   * adapter of the deployment's own. Delivery is best effort after the commit; failures are logged.
   */
  NOTIFY_CHANNELS: z
    .string()
    .default('log')
    .pipe(list)
    .pipe(z.array(z.enum(['log', 'dingtalk', 'wecom']))),
  /** DingTalk custom robot webhook (https://oapi.dingtalk.com/robot/send?access_token=…) and its signing secret. */
  DINGTALK_WEBHOOK_URL: z.string().url().optional(),
  DINGTALK_SECRET: z.string().optional(),
  /** WeCom group robot webhook (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). */
  WECOM_WEBHOOK_URL: z.string().url().optional(),
  /** Video-AI webhooks: accepted clock skew of the signed timestamp, in seconds (older → refused as a replay). */
  WEBHOOK_MAX_SKEW_SECONDS: z.coerce.number().int().min(1).default(300),
});

/** Settings whose default depends on another setting. */
const withDerived = schema.transform(({ DEMO_MODE, ...c }) => ({
  ...c,
  DEMO_MODE: DEMO_MODE === undefined ? c.SEED_DEMO : DEMO_MODE === 'true',
}));

export type Config = z.infer<typeof withDerived>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = withDerived.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
