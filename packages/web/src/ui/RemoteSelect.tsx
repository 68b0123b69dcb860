import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Query } from '../app/api.ts';
import { pageQuery } from '../app/query.tsx';
import { selectQueryProps } from './QueryError.tsx';

export interface RemoteSelectProps<T extends { id: string }> {
  /** A keyset list endpoint that accepts `q` (e.g. /api/org/teams). */
  endpoint: string;
  query?: Query;
  value?: string | null;
  onChange?: (value: string | null, item: T | undefined) => void;
  optionLabel: (item: T) => string;
  /** Label of the current value before the options are loaded (e.g. `teamName` that came with a person). */
  initialLabel?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  /** Set by Form.Item so that the label points at the control. */
  id?: string;
  'data-testid'?: string;
}

/** `value`, once it has not changed for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * A select that searches a list endpoint as the user types (first 50 matches; refine by typing). The searches are
 * queries `[endpoint, 'search', {…query, q, limit}]`: typed again, a term is answered from the cache; a save that
 * invalidates `[endpoint]` refreshes them. A failed search shows its error with a retry in the dropdown.
 */
export function RemoteSelect<T extends { id: string }>(props: RemoteSelectProps<T>) {
  const { endpoint, query, value, onChange, optionLabel, initialLabel, placeholder, allowClear = true } = props;
  const [q, setQ] = useState('');
  const term = useDebouncedValue(q, 250);
  const search = useQuery({
    ...pageQuery<T>(endpoint, { ...query, q: q ? term : '', limit: 50 }, 'search'),
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => search.data?.items ?? [], [search.data]);
  const known = useRef(new Map<string, T>());
  for (const it of items) known.current.set(it.id, it);

  const options = useMemo(() => {
    const opts = items.map((it) => ({ value: it.id, label: optionLabel(it) }));
    if (value && !opts.some((o) => o.value === value)) {
      const k = known.current.get(value);
      opts.unshift({ value, label: k ? optionLabel(k) : (initialLabel ?? value) });
    }
    return opts;
  }, [items, value, initialLabel, optionLabel]);

  return (
    <Select
      id={props.id}
      // Outside a Form.Item (a filter) no label points at it: its placeholder names it.
      aria-label={props.id ? undefined : placeholder}
      data-testid={props['data-testid']}
      style={props.style}
      disabled={props.disabled}
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear={allowClear}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={(v: string | undefined) => onChange?.(v ?? null, v ? known.current.get(v) : undefined)}
      onOpenChange={(open) => !open && q && setQ('')}
      {...selectQueryProps(search)}
    />
  );
}
