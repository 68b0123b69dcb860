import type { Database } from '../db/index.ts';
import type { Actor, AuditWriter } from './audit.ts';
import type { SecretKey } from './keys.ts';
import { deleteSubjectKey, parseSubject } from './personal.ts';

export interface ErasureResult {
  /** The subject as stored (a phone number becomes its keyed digest). */
  subject: string;
  /** false: there was no key (never audited with personal data, or erased before). */
  erased: boolean;
  keyCreatedAt: string | null;
}

/**
 * Erase a data subject's personal data from the audit log (PIPL art. 47; procedure in docs/architecture.md): delete
 * the subject's key, so that every field sealed under it can no longer be read by anyone; the records and the chain
 * stay as they are and still verify. The erasure is itself audited, in the same transaction (the subject's stored
 * name only: a phone number appears as its keyed digest).
 */
export async function eraseSubject(
  deps: { database: Database; audit: AuditWriter; master: SecretKey },
  subjectText: string,
  actor: Actor,
  now: Date,
  /** The ground (consent withdrawn, retention expired, …), kept with the erasure's own record. */
  reason: string | null = null,
): Promise<ErasureResult> {
  const subject = parseSubject(deps.master, subjectText);
  return deps.database.db.transaction(async (tx) => {
    const keyCreatedAt = await deleteSubjectKey(tx, subject);
    await deps.audit.append(
      tx,
      actor,
      {
        action: 'audit.erase',
        entityType: 'audit_subject',
        entityId: subject,
        after: { erased: keyCreatedAt !== null, keyCreatedAt, reason },
      },
      now,
    );
    return { subject, erased: keyCreatedAt !== null, keyCreatedAt };
  });
}
