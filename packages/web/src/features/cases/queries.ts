import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CaseActionsView,
  CaseDetail,
  CaseOpen,
  CaseStepAction,
  CaseStepResult,
  CaseSummary,
} from '@openenforce/domain/cases';
import { api, type Query } from '../../app/api.ts';
import { cleanParams, detailQuery, pageQuery } from '../../app/query.tsx';

/*
 * The case screens' reads and writes (keys: docs/adr/0002-web-data-layer.md): `[CASES_API, 'list' | 'detail' |
 * 'actions', …]`. A step or an opening invalidates `[CASES_API]`: the record, its actions and every list and queue.
 */

export const CASES_API = '/api/cases';

/** The queues of issue 10 §9, in tab order ('all' is the filtered list). */
export const CASE_QUEUE_TABS = ['all', 'mine', 'approve', 'review', 'hearings_week', 'due_today', 'overdue'] as const;
export type CaseQueueTab = (typeof CASE_QUEUE_TABS)[number];

/** A queue's count is the length of its first page of this many (shown as "200+" beyond). */
export const QUEUE_COUNT_LIMIT = 200;

export const caseListQuery = (params: Query) => pageQuery<CaseSummary>(CASES_API, params);

export const caseQuery = (id: string) => detailQuery<CaseDetail>(CASES_API, id);

export const caseActionsQuery = (id: string) =>
  queryOptions({
    queryKey: [CASES_API, 'actions', id],
    queryFn: ({ signal }) => api<CaseActionsView>(`${CASES_API}/${encodeURIComponent(id)}/actions`, { signal }),
  });

/** The Excel link of a list: the same filters and queue, no paging. */
export function caseExportUrl(params: Query): string {
  const query = cleanParams({ ...params, cursor: undefined, limit: undefined });
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return `${CASES_API}/export${search.size ? `?${search}` : ''}`;
}

/** One step of the procedure (`POST /api/cases/:id/steps/:action`), the body carrying the version last read. */
export function useCaseStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: CaseStepAction; body: Record<string, unknown> }) =>
      api<CaseStepResult>(`${CASES_API}/${encodeURIComponent(v.id)}/steps/${v.action}`, {
        method: 'POST',
        body: v.body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [CASES_API] }),
  });
}

/** Opens a case (`POST /api/cases`). */
export function useOpenCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseOpen) => api<CaseStepResult>(CASES_API, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [CASES_API] }),
  });
}
