import { z } from 'zod';
import { EVENT_SOURCES, FEED_REFETCH_MS } from '@openenforce/domain/events';

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
  /**
   * How an answer is held to its route's response schema. `lenient` (production): undeclared fields are dropped; an
   * answer that does not fit is logged and sent as it is (never a 500 for the client). `strict` (the tests and the
   * e2e run): an answer that does not fit, or that has a field the schema would drop, fails the request — so the
   * contracts the web imports cannot drift from what the server sends.
   */
  RESPONSE_CHECK: z.enum(['lenient', 'strict']).default('lenient'),
  /** Largest JSON body accepted, in bytes; uploads have their own limit. */
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  UPLOAD_LIMIT: z.coerce.number().int().min(1024).default(10_485_760),
  /**
   * Where file bytes (photos, documents) are stored: `local` = the directory DATA_DIR/evidence; `s3` = a bucket of
   * any S3-compatible object storage (AWS S3, MinIO, Ceph, Aliyun OSS / Tencent COS in S3 mode) — then S3_BUCKET is
   * required. Keys are the same in both (`ab/<sha256>.<ext>`): a directory can be copied into a bucket as it is.
   */
  FILE_STORE: z.enum(['local', 's3']).default('local'),
  /** The S3 API's base URL, e.g. `http://minio.internal:9000`; unset = AWS itself (by S3_REGION). */
  S3_ENDPOINT: z.string().url().optional(),
  /** The bucket's region (many S3-compatible servers accept any value). */
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().min(3).optional(),
  /** Access key; unset = the SDK's own chain (AWS_* environment variables, profile, instance role). */
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** `true`: path-style URLs (`endpoint/bucket/key`), as MinIO and most self-hosted servers need. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Largest event photo, in bytes (JPEG, PNG or WebP). */
  EVENT_PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).default(8_388_608),
  /** Largest evidence file of a penalty case (photo, scanned record, PDF), in bytes. */
  CASE_EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).default(20_971_520),
  /**
   * Open311 publication (GET requests, public): the sources whose reports are published — by default only the
   * reports that came in through Open311 (a hotline caller or a grid worker did not publish theirs) — and, when set,
   * only these categories (service codes). Decided at intake: a published event gets a random public id (its
   * service_request_id); narrowing the setting hides published events at once, widening it publishes new reports.
   */
  OPEN311_PUBLISH_SOURCES: list.pipe(z.array(z.enum(EVENT_SOURCES)).min(1)).default(['open311']),
  OPEN311_PUBLISH_CATEGORIES: list.pipe(z.array(z.string().regex(/^[a-z0-9_]{1,40}$/)).min(1)).optional(),
  /** An event turns yellow (临期) once less than this fraction of its dispatch-to-deadline time remains. */
  EVENT_WARN_FRACTION: z.coerce.number().min(0).max(1).default(0.25),
  /**
   * How often the deadline escalation job runs (yellow at the warning time, red at the due time, for every kind of
   * deadline — the name is kept from when events were its only clocks). Once per interval across all server
   * processes; 0 = never (tests run it by hand).
   */
  EVENT_ESCALATION_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * The big screen's figures and the command map's points are computed once per data scope (and filter) in a window
   * this long and shared by every viewer in it (platform/shared-results.ts): an answer holds every change committed
   * more than this before the request. Below the web's refetch delays after a live-feed message (FEED_REFETCH_MS),
   * so that a refetch made for a change sees it. 0 = computed for each request.
   */
  DASHBOARD_SHARE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(FEED_REFETCH_MS.dashboard - 500)
    .default(2_000),
  MAP_SHARE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(FEED_REFETCH_MS.lists - 200)
    .default(250),
  /**
   * Background jobs (platform/jobs): how often each process looks for due jobs besides the wake-up it gets when one
   * is enqueued (0 = this process runs no jobs by itself), how many one-off jobs it runs at once, and how long a
   * claimed job stays claimed without renewal (a process that died frees its jobs after this).
   */
  JOBS_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(2_000),
  /**
   * Open311 jurisdiction_id values this server answers for (comma-separated); empty = the county's region code and
   * name. A request naming another jurisdiction is answered 404, as GeoReport v2 has it.
   */
  OPEN311_JURISDICTION_IDS: z.string().max(500).default(''),
  /**
   * TIME-4: administrators are warned (banner + notification) this many days before the working-day calendar data
   * ends, naming the State Council notice to enter; the check runs once per CALENDAR_CHECK_INTERVAL_MS across all
   * processes (0 = never: tests run it by hand).
   */
  CALENDAR_WARN_DAYS: z.coerce.number().int().min(0).max(366).default(60),
  CALENDAR_CHECK_INTERVAL_MS: z.coerce.number().int().min(0).default(21_600_000),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  JOBS_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * Fonts of enforcement documents (platform/documents): the deployment's licensed 仿宋 (body) and 小标宋 (title)
   * TTF/OTF files; unset = the open Noto Serif SC that npm installs. DOCUMENT_FONT_FALLBACK: a font for rare
   * characters the body font lacks (e.g. a CJK Extension B font); without it such a character is refused.
   */
  DOCUMENT_FONT_BODY: z.string().min(1).optional(),
  DOCUMENT_FONT_TITLE: z.string().min(1).optional(),
  DOCUMENT_FONT_FALLBACK: z.string().min(1).optional(),
  /** The public address printed in a document's verification QR code (`<url>/verify/<code>`). */
  DOCUMENT_VERIFY_URL: z.string().url().default('http://localhost:3000'),
  /** Worker threads for CPU-heavy work (PDF rendering, exports, large imports), started on first use. */
  WORKER_THREADS: z.coerce.number().int().min(1).max(32).default(1),
  /**
   * Where notifications go besides the app (comma-separated): log (default), dingtalk, wecom. SMS needs a vendor
   * adapter of the deployment's own. Delivery goes through an outbox written with the notification: retried with
   * a growing pause after a failure, parked (kept and counted) after NOTIFY_MAX_ATTEMPTS.
   */
  NOTIFY_CHANNELS: z
    .string()
    .default('log')
    .pipe(list)
    .pipe(z.array(z.enum(['log', 'dingtalk', 'wecom']))),
  /** Attempts at delivering one notification to one adapter before it is parked (dead letter). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** The pause after a failed delivery, doubled after each further failure up to NOTIFY_RETRY_MAX_MS. */
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(100).default(30_000),
  NOTIFY_RETRY_MAX_MS: z.coerce.number().int().min(100).default(3_600_000),
  /**
   * How often each server process drains the notification outbox (0 = never; it is drained after every commit that
   * writes notifications anyway): retries, and what a process that stopped left behind.
   */
  NOTIFY_DRAIN_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
  /** DingTalk custom robot webhook (https://oapi.dingtalk.com/robot/send?access_token=…) and its signing secret. */
  DINGTALK_WEBHOOK_URL: z.string().url().optional(),
  DINGTALK_SECRET: z.string().optional(),
  /** WeCom group robot webhook (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). */
  WECOM_WEBHOOK_URL: z.string().url().optional(),
  /** Video-AI webhooks: accepted clock skew of the signed timestamp, in seconds (older → refused as a replay). */
  WEBHOOK_MAX_SKEW_SECONDS: z.coerce.number().int().min(1).default(300),
});

/** Settings that depend on each other. */
const checked = schema.superRefine((c, ctx) => {
  if (c.FILE_STORE === 's3' && !c.S3_BUCKET)
    ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when FILE_STORE=s3' });
  if (Boolean(c.S3_ACCESS_KEY_ID) !== Boolean(c.S3_SECRET_ACCESS_KEY))
    ctx.addIssue({ code: 'custom', path: ['S3_SECRET_ACCESS_KEY'], message: 'set both S3 keys or neither' });
});

/** Settings whose default depends on another setting. */
const withDerived = checked.transform(({ DEMO_MODE, ...c }) => ({
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
