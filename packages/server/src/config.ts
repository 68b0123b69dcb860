import { z } from 'zod';

/**
 * Every environment variable, parsed and documented once. A wrong value stops the process at start-up with the
 * variable's name, rather than failing later in a request.
 */
const schema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on. */
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… to use a PostgreSQL server; unset = embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * postgres://… of the role that owns the tables, for migrations (and the demo seed) only; the server then runs as
   * DATABASE_URL's role, which cannot alter the audit log or switch its triggers off (docs/architecture.md). Unset =
   * DATABASE_URL migrates too (that role then owns the tables).
   */
  DATABASE_OWNER_URL: z.string().url().optional(),
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
  /**
   * The audit chain's HMAC key (≥ 32 bytes, hex or base64), the same on every server process. Unset = the key file
   * AUDIT_KEY_DIR/audit-chain.key, created on first start. Never in the database: back it up apart from it.
   */
  AUDIT_HMAC_KEY: z.string().min(1).optional(),
  /** The master key that wraps each data subject's audit key (crypto-shredding); unset = AUDIT_KEY_DIR/audit-personal.key. */
  AUDIT_PII_KEY: z.string().min(1).optional(),
  /** Where the audit key files and the checkpoint signing key live; unset = DATA_DIR/keys. */
  AUDIT_KEY_DIR: z.string().min(1).optional(),
  /** Where signed audit checkpoints are written (outside the database); unset = DATA_DIR/audit-checkpoints. */
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** How often each process writes a signed checkpoint of the audit chain's head, when it moved (0 = off). */
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).default(300_000),
  /** Session lifetime: idle timeout and absolute maximum, in minutes. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  /** Consecutive failed logins before a temporary lockout, and its length. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Failed logins from one address within 15 minutes before further attempts are throttled. */
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(20),
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
    .transform((v) =>
      v
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c.length > 0),
    )
    .pipe(z.array(z.enum(['log', 'dingtalk', 'wecom']))),
  /** DingTalk custom robot webhook (https://oapi.dingtalk.com/robot/send?access_token=…) and its signing secret. */
  DINGTALK_WEBHOOK_URL: z.string().url().optional(),
  DINGTALK_SECRET: z.string().optional(),
  /** WeCom group robot webhook (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). */
  WECOM_WEBHOOK_URL: z.string().url().optional(),
  /** Video-AI webhooks: accepted clock skew of the signed timestamp, in seconds (older → refused as a replay). */
  WEBHOOK_MAX_SKEW_SECONDS: z.coerce.number().int().min(1).default(300),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
