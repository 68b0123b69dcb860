import type { MatterSummary } from '@openenforce/domain/catalog';
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type Page } from '../../app/api.ts';
import { useCatalogI18n } from './messages.ts';
import { CATALOG_API } from './types.ts';

/** Picks matters by searching the catalog as the user types (ranked, first 50); chosen ones keep their names. */
export function MatterMultiSelect(props: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Matters already chosen (e.g. the current list), so that their names show before any search. */
  initial?: MatterSummary[];
  id?: string;
  'data-testid'?: string;
}) {
  const { tc } = useCatalogI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<MatterSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, MatterSummary>());
  for (const m of props.initial ?? []) if (!known.current.has(m.id)) known.current.set(m.id, m);

  useEffect(() => {
    if (!q) {
      setFound([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api<Page<MatterSummary>>(CATALOG_API.matters, { query: { q, limit: 50 }, signal: ctl.signal })
        .then((p) => {
          for (const m of p.items) known.current.set(m.id, m);
          setFound(p.items);
        })
        .catch(() => setFound([]))
        .finally(() => !ctl.signal.aborted && setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q]);

  const label = (m: MatterSummary) => `${m.code ? `${m.code} ` : ''}${m.name}`;
  const options = useMemo(() => {
    const ids = new Set(found.map((m) => m.id));
    const chosen = (props.value ?? []).filter((id) => !ids.has(id));
    return [
      ...found.map((m) => ({ value: m.id, label: label(m) })),
      ...chosen.map((id) => {
        const m = known.current.get(id);
        return { value: id, label: m ? label(m) : id };
      }),
    ];
  }, [found, props.value]);

  return (
    <Select
      id={props.id}
      data-testid={props['data-testid']}
      mode="multiple"
      allowClear
      value={props.value ?? []}
      onChange={(ids: string[]) => props.onChange?.(ids)}
      options={options}
      loading={loading}
      placeholder={tc('wd.mattersHint')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onBlur={() => setQ('')}
      maxTagCount="responsive"
      style={{ width: '100%' }}
    />
  );
}
