import type { AuditVerification } from '@openenforce/domain/audit';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

export const AUDIT_API = '/api/audit';
const VERIFICATION_API = '/api/audit/verification';

/** The chain's verification as last run (GET /api/audit/verification); polled while a run is under way. */
export const verificationQuery = queryOptions({
  queryKey: [VERIFICATION_API, 'detail'],
  queryFn: ({ signal }) => api<AuditVerification>(VERIFICATION_API, { signal }),
  refetchInterval: (q) => (q.state.data?.state === 'running' ? 2_000 : false),
});

/** Verify the whole chain now (POST: answers when the run has finished). */
export function useVerifyChain() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<AuditVerification>(VERIFICATION_API, { method: 'POST' }),
    onSuccess: (data) => client.setQueryData(verificationQuery.queryKey, data),
  });
}
