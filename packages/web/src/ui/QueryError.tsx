import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../app/i18n.tsx';
import { ApiErrorAlert } from './errors.tsx';

/** What this needs of a TanStack query result (useQuery, useQueries, useInfiniteQuery). */
export interface Retryable {
  error: unknown;
  isError: boolean;
  isFetching?: boolean;
  refetch: () => unknown;
}

/**
 * The one display of a failed read: the server's message (and its rule details unless `compact`) with a retry
 * button that refetches every failed query given. Renders nothing while none has failed.
 *
 * Test hooks: `[data-testid=query-error]` (or `testId`), its button `query-retry`.
 */
export function QueryError({
  query,
  queries,
  compact = false,
  style,
  testId = 'query-error',
}: {
  query?: Retryable | null;
  queries?: readonly (Retryable | null | undefined)[];
  compact?: boolean;
  style?: CSSProperties;
  testId?: string;
}) {
  const { t } = useI18n();
  const failed = [query, ...(queries ?? [])].filter((q): q is Retryable => !!q?.isError);
  if (failed.length === 0) return null;
  return (
    <ApiErrorAlert
      error={failed[0]!.error}
      compact={compact}
      style={style}
      testId={testId}
      action={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={failed.some((q) => q.isFetching)}
          onClick={() => failed.forEach((q) => void q.refetch())}
          data-testid="query-retry"
        >
          {t('common.retry')}
        </Button>
      }
    />
  );
}

/**
 * Props for an antd Select whose options come from a query: a spinner while loading, a red outline and the error
 * with a retry in the dropdown when it failed (instead of an empty list with no message).
 */
export function selectQueryProps(
  query: Retryable & { isPending?: boolean; isLoading?: boolean },
  notFound?: ReactNode,
): { loading: boolean; status: 'error' | undefined; notFoundContent: ReactNode } {
  return {
    loading: !!query.isLoading || !!query.isFetching,
    status: query.isError ? 'error' : undefined,
    notFoundContent: query.isError ? <QueryError query={query} compact testId="select-error" /> : notFound,
  };
}
