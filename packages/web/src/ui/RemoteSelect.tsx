import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { api, type Page, type Query } from '../app/api.ts';

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

/** A select that searches a list endpoint as the user types (first 50 matches; refine by typing). */
export function RemoteSelect<T extends { id: string }>(props: RemoteSelectProps<T>) {
  const { endpoint, query, value, onChange, optionLabel, initialLabel, placeholder, allowClear = true } = props;
  const [q, setQ] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, T>());
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    const ctl = new AbortController();
    const timer = setTimeout(
      () => {
        setLoading(true);
        api<Page<T>>(endpoint, { query: { ...(JSON.parse(queryKey) as Query), q, limit: 50 }, signal: ctl.signal })
          .then((p) => {
            for (const it of p.items) known.current.set(it.id, it);
            setItems(p.items);
          })
          .catch(() => setItems([]))
          .finally(() => !ctl.signal.aborted && setLoading(false));
      },
      q ? 250 : 0,
    );
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [endpoint, queryKey, q]);

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
      data-testid={props['data-testid']}
      style={props.style}
      disabled={props.disabled}
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear={allowClear}
      loading={loading}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={(v: string | undefined) => onChange?.(v ?? null, v ? known.current.get(v) : undefined)}
      onOpenChange={(open) => !open && q && setQ('')}
    />
  );
}
