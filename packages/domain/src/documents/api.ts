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
