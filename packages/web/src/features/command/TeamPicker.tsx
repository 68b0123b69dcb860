import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { QueryError, selectQueryProps } from '../../ui/QueryError.tsx';
import { teamsQuery } from '../organization/queries.ts';

interface Props {
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  multiple?: boolean;
  exclude?: readonly (string | null | undefined)[];
  placeholder?: string;
  /** Names of teams the caller already knows (the event's team), shown while the list is not there. */
  names?: Record<string, string | null | undefined>;
  'data-testid'?: string;
}

/**
 * Teams of the county (searchable by name), single or multiple. A failed team list says so, under the picker and
 * in its dropdown, with a retry (not an empty list).
 */
export function TeamPicker(props: Props) {
  const teams = useQuery(teamsQuery);
  const exclude = new Set(props.exclude?.filter(Boolean));
  const options = (teams.data ?? []).filter((t) => !exclude.has(t.id)).map((t) => ({ value: t.id, label: t.name }));
  for (const id of [props.value ?? []].flat()) {
    const name = props.names?.[id];
    if (name && !options.some((o) => o.value === id)) options.push({ value: id, label: name });
  }
  return (
    <>
      <Select
        id={props.id}
        data-testid={props['data-testid']}
        mode={props.multiple ? 'multiple' : undefined}
        value={props.value ?? (props.multiple ? [] : undefined)}
        onChange={(v) => props.onChange?.(v ?? null)}
        placeholder={props.placeholder}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        style={{ width: '100%' }}
        options={options}
        {...selectQueryProps(teams)}
      />
      <QueryError query={teams} compact style={{ marginTop: 6 }} testId="team-picker-error" />
    </>
  );
}
