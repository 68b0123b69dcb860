import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from '../db/index.ts';
import { createAuditWriter, type AuditWriter } from './audit.ts';
import {
  createCheckpointJob,
  directoryStore,
  type CheckpointJob,
  type CheckpointLog,
  type CheckpointStore,
} from './checkpoint.ts';
import { loadAuditKeys, loadSigningKeys, type AuditKeys, type SigningKeys } from './keys.ts';

/** Everything a server process needs of the audit log, built from the settings. */
export interface Audit {
  writer: AuditWriter;
  keys: AuditKeys;
  signing: SigningKeys;
  store: CheckpointStore;
  checkpoints: CheckpointJob;
}

export const checkpointDir = (config: Config): string =>
  config.AUDIT_CHECKPOINT_DIR ?? join(config.DATA_DIR, 'audit-checkpoints');

/**
 * Keys (created on first start unless `create` is false), the checkpoint store and job, and a writer anchored to the newest checkpoint.
 * Refuses (throws) when the chain is keyed with another key than the one configured here.
 */
export async function openAudit(
  config: Config,
  database: Database,
  deps: { now: () => Date; log: CheckpointLog; create?: boolean },
): Promise<Audit> {
  const create = deps.create ?? true;
  const keys = loadAuditKeys(config, { create });
  const signing = loadSigningKeys(config, { create });
  const store = directoryStore(checkpointDir(config));
  const checkpoints = createCheckpointJob({ database, store, keys: signing, now: deps.now, log: deps.log });
  await checkpoints.load();
  const writer = createAuditWriter({
    hash: config.AUDIT_HASH,
    keys,
    anchor: checkpoints.latest,
    alert: (message, detail) => deps.log.error(detail, message),
  });
  await writer.checkKey(database.db);
  return { writer, keys, signing, store, checkpoints };
}
