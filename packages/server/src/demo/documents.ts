import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../platform/audit/index.ts';
import type { Db } from '../platform/db/index.ts';
import { documents, type DocumentService } from '../platform/documents/index.ts';
import { SAMPLE_DATA } from '../platform/documents/sample-data.ts';

/** The demo documents' subject: what the browser tests and a first look at `/verify/<code>` use. */
export const DEMO_DOCUMENT_SUBJECT = { subjectType: 'demo', subjectId: 'demo-1' };
const DEMO_ISSUER = { id: 'demo-bureau', name: '温岭市综合行政执法局', numberPrefix: '温综执' };

/**
 * A few enforcement documents for the demo county, once (`npm start` with SEED_DEMO): a 行政处罚决定书 and a
 * 行政处罚事先告知书 issued (numbered, stored, verifiable), a 送达回证 left as a draft. Made through the engine, so
 * their PDFs are in this installation's file store.
 */
export async function seedDemoDocuments(db: Db, service: DocumentService, now: Date): Promise<number> {
  const existing = await db.select({ id: documents.id }).from(documents).where(eq(documents.subjectType, 'demo'));
  if (existing.length > 0) return 0;
  const make = (kind: string) =>
    db.transaction((tx) =>
      service.createDraft(
        tx,
        { ...DEMO_DOCUMENT_SUBJECT, kind, data: SAMPLE_DATA[kind]!, issuer: DEMO_ISSUER },
        SYSTEM_ACTOR,
        now,
      ),
    );
  await service.issue(await make('prior_notice'), SYSTEM_ACTOR);
  await service.issue(await make('penalty_decision'), SYSTEM_ACTOR);
  await make('service_receipt');
  return 3;
}
