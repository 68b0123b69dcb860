import type { Config } from '../config.ts';
import type { AuditWriter } from './audit/index.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/index.ts';
import type { Notifier } from './notifications/outbox.ts';

/** What every use case may need, built by hand in main.ts (no DI container). */
export interface PlatformDeps {
  database: Database;
  audit: AuditWriter;
  clock: Clock;
  config: Config;
  /** Delivery outside the app (SMS / DingTalk / WeCom adapters) through the outbox; absent in seeders and tools. */
  notifier?: Notifier;
}
