import { queryOptions } from '@tanstack/react-query';
import type { DocumentView, TemplateBody, VerifyView } from '@openenforce/domain/documents';
import { api } from '../../app/api.ts';

/** The document engine's resources (platform/documents routes). */
export const TEMPLATES_API = '/api/document-templates';
export const DOCUMENTS_API = '/api/documents';

export interface TemplateListItem {
  kind: string;
  version: number;
  title: string;
}
export interface TemplateVersion {
  kind: string;
  version: number;
  body: TemplateBody;
  createdAt: string;
}

export const templatesQuery = queryOptions({
  queryKey: [TEMPLATES_API, 'list'],
  queryFn: ({ signal }) => api<{ items: TemplateListItem[] }>(TEMPLATES_API, { signal }),
});

export const templateQuery = (kind: string) =>
  queryOptions({
    queryKey: [TEMPLATES_API, 'detail', { kind }],
    queryFn: ({ signal }) => api<TemplateVersion>(`${TEMPLATES_API}/${kind}`, { signal }),
  });

export const subjectDocumentsQuery = (subjectType: string, subjectId: string) =>
  queryOptions({
    queryKey: [DOCUMENTS_API, 'list', { subjectType, subjectId }],
    queryFn: ({ signal }) =>
      api<{ items: DocumentView[] }>(DOCUMENTS_API, { query: { subjectType, subjectId }, signal }),
  });

/** Public: no login (the verify page is outside the console). */
export const verifyQuery = (code: string) =>
  queryOptions({
    queryKey: ['/api/verify', 'detail', { code }],
    queryFn: ({ signal }) => api<VerifyView>(`/api/verify/${encodeURIComponent(code)}`, { signal }),
  });

export const fileUrl = (id: string, format: 'pdf' | 'docx') => `${DOCUMENTS_API}/${id}/file?format=${format}`;
