import { z } from 'zod';
import { documentData } from './template.ts';

/* API contracts of the document engine (platform/documents routes). */

export const documentKind = z.string().regex(/^[a-z][a-z0-9_]{1,49}$/);

/** Template editor backend: render a preview of a (possibly unsaved) template body with sample data. */
export const previewRequest = z.object({
  kind: documentKind,
  /** The body to preview; absent = the kind's current version. */
  body: z.unknown().optional(),
  data: documentData,
  issuerName: z.string().min(1).max(100),
  format: z.enum(['pdf', 'docx']).default('pdf'),
});
export type PreviewRequest = z.infer<typeof previewRequest>;

export const saveTemplateRequest = z.object({ body: z.unknown() });

export const templateVersionView = z.object({
  kind: z.string(),
  version: z.number().int(),
  body: z.unknown(),
  createdAt: z.string(),
});

export const templateListView = z.object({
  items: z.array(z.object({ kind: z.string(), version: z.number().int(), title: z.string() })),
});

export const documentIdParams = z.object({ id: z.uuid() });
export const documentFileQuery = z.object({ format: z.enum(['pdf', 'docx']).default('pdf') });

export const verifyParams = z.object({ code: z.string().regex(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/) });

/** What /verify shows: enough to check a paper copy, no personal data. */
export const verifyView = z.object({
  title: z.string(),
  number: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  sha256: z.string(),
  state: z.enum(['issued', 'served']),
  superseded: z.boolean(),
});
export type VerifyView = z.infer<typeof verifyView>;

/* Documents of a subject (the DocumentsPanel), their transitions, and batch rendering. */

/** The state a screen shows: the stored state, or superseded once a reissue replaced it. */
export const DOCUMENT_VIEW_STATES = ['draft', 'issued', 'served', 'superseded'] as const;

/**
 * How a document was served (送达方式): on the spot, by post, left at the residence (留置), electronically — only
 * with the party's signed consent (APL-61) — or by public notice (公告).
 */
export const SERVICE_METHODS = ['direct', 'mail', 'left_at_residence', 'electronic', 'public_notice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_WORDS: Record<ServiceMethod, { zh: string; en: string }> = {
  direct: { zh: '直接送达', en: 'in person' },
  mail: { zh: '邮寄送达', en: 'by post' },
  left_at_residence: { zh: '留置送达', en: 'left at the residence' },
  electronic: { zh: '电子送达', en: 'electronically (with signed consent)' },
  public_notice: { zh: '公告送达', en: 'by public notice' },
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const serviceRecord = z
  .object({
    method: z.enum(SERVICE_METHODS),
    /** The day of service (China date): the day the party's time limits start from. */
    servedOn: isoDate,
    recipient: z.string().trim().min(1).max(100),
    /** Electronic service: the party's signed consent (a file in platform/files), APL-61. */
    consentFileId: z.uuid().optional(),
    /** Left at the residence: the witnesses; public notice: where it was published. */
    note: z.string().trim().max(500).optional(),
    /** The signed 送达回证, when it is a document of its own. */
    receiptDocumentId: z.uuid().optional(),
  })
  .superRefine((r, ctx) => {
    // APL-61: electronic service only with the party's signed consent.
    if (r.method === 'electronic' && !r.consentFileId)
      ctx.addIssue({ code: 'custom', path: ['consentFileId'], message: 'apl_61_consent' });
    if ((r.method === 'left_at_residence' || r.method === 'public_notice') && !r.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'required' });
  });
export type ServiceRecord = z.infer<typeof serviceRecord>;

export const documentView = z.object({
  id: z.uuid(),
  subjectType: z.string(),
  subjectId: z.string(),
  kind: z.string(),
  title: z.string(),
  templateVersion: z.number().int(),
  state: z.enum(DOCUMENT_VIEW_STATES),
  number: z.string().nullable(),
  sha256: z.string().nullable(),
  fileId: z.uuid().nullable(),
  sizeBytes: z.number().int().nullable(),
  verificationCode: z.string().nullable(),
  issuedAt: z.string().nullable(),
  service: z.unknown().nullable(),
  supersedes: z.uuid().nullable(),
  supersededBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type DocumentView = z.infer<typeof documentView>;

export const documentListQuery = z.object({
  subjectType: z.string().min(1).max(50),
  subjectId: z.string().min(1).max(100),
});
export const documentListView = z.object({ items: z.array(documentView) });

export const issueView = z.object({
  id: z.uuid(),
  number: z.string(),
  sha256: z.string(),
  verificationCode: z.string(),
  sizeBytes: z.number().int(),
  fileId: z.uuid(),
});

/** A reissue: the corrected data (absent = the same data on the current template version). */
export const reissueRequest = z.object({ data: documentData.optional() });

export const serveRequest = serviceRecord;

export const batchRequest = z.object({ documentIds: z.array(z.uuid()).min(1).max(500) });
export const batchAccepted = z.object({ jobId: z.number().int() });
