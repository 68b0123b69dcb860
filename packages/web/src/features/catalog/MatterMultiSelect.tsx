import type { MatterSummary } from '@openenforce/domain/catalog';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { pageQuery } from '../../app/query.tsx';
import { selectQueryProps } from '../../ui/QueryError.tsx';
import { useDebouncedValue } from '../../ui/RemoteSelect.tsx';
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
  const term = useDebouncedValue(q, 250);
  const search = useQuery({
    ...pageQuery<MatterSummary>(CATALOG_API.matters, { q: term, limit: 50 }, 'search'),
    enabled: !!q && !!term,
    placeholderData: keepPreviousData,
  });
  const found = useMemo(() => (q ? (search.data?.items ?? []) : []), [q, search.data]);
  const known = useRef(new Map<string, MatterSummary>());
  for (const m of props.initial ?? []) if (!known.current.has(m.id)) known.current.set(m.id, m);
  for (const m of found) known.current.set(m.id, m);

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
      {...selectQueryProps(search)}
      placeholder={tc('wd.mattersHint')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onBlur={() => setQ('')}
      maxTagCount="responsive"
      style={{ width: '100%' }}
    />
  );
}
