import { useQuery } from '@tanstack/react-query';
import type { Retryable } from '../../ui/QueryError.tsx';
import { agenciesQuery, townsQuery } from './queries.ts';
import type { Region } from './types.ts';

/*
 * Small reference lists (a county has a few dozen towns and agencies), read whole and shared through the query
 * cache, to show names where a record carries only an id and to fill selects. A save of a region or an agency
 * invalidates them (EntityListPage invalidates its resource). `query` goes to the page's error display.
 */

export function useTowns(): {
  towns: Region[];
  townName: (id: string | null | undefined) => string;
  query: Retryable;
} {
  const query = useQuery(townsQuery);
  const list = query.data ?? [];
  return { towns: list, townName: (id) => (id ? (list.find((t) => t.id === id)?.name ?? id) : ''), query };
}

export function useAgencyNames(): { agencyName: (id: string | null | undefined) => string; query: Retryable } {
  const query = useQuery(agenciesQuery);
  const list = query.data ?? [];
  return { agencyName: (id) => (id ? (list.find((a) => a.id === id)?.name ?? id) : ''), query };
}
