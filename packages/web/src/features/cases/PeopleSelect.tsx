import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { pageQuery } from '../../app/query.tsx';
import { selectQueryProps } from '../../ui/QueryError.tsx';
import { useDebouncedValue } from '../../ui/RemoteSelect.tsx';
import { ORG_API, type Person } from '../organization/types.ts';

/**
 * Officers and other people of the county, searched by name or employee number as the user types (single or
 * several). The server loads the chosen people's certificates (APL-42) from their ids.
 */
export function PeopleSelect({
  id,
  value,
  onChange,
  multiple,
  testId,
}: {
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  multiple: boolean;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const term = useDebouncedValue(q, 250);
  const search = useQuery({
    ...pageQuery<Person>(ORG_API.people, { q: q ? term : '', limit: 50 }, 'search'),
    placeholderData: keepPreviousData,
  });
  const known = useRef(new Map<string, Person>());
  for (const p of search.data?.items ?? []) known.current.set(p.id, p);
  const options = useMemo(() => {
    const items = search.data?.items ?? [];
    const opts = items.map((p) => ({ value: p.id, label: `${p.name}（${p.employeeNo}）` }));
    const chosen = value ? (Array.isArray(value) ? value : [value]) : [];
    for (const v of chosen)
      if (!opts.some((o) => o.value === v)) {
        const p = known.current.get(v);
        opts.unshift({ value: v, label: p ? `${p.name}（${p.employeeNo}）` : v });
      }
    return opts;
  }, [search.data, value]);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      data-testid={testId}
      value={value ?? undefined}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? (multiple ? [] : null))}
      onOpenChange={(open) => !open && q && setQ('')}
      style={{ minWidth: 260 }}
      {...selectQueryProps(search)}
    />
  );
}
