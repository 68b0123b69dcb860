import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { loadTeams } from '../events/api.ts';
import type { Team } from '../events/types.ts';

interface Props {
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  multiple?: boolean;
  exclude?: readonly (string | null | undefined)[];
  placeholder?: string;
  'data-testid'?: string;
}

/** Teams of the county (searchable by name), single or multiple. */
export function TeamPicker(props: Props) {
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => {
    loadTeams()
      .then(setTeams)
      .catch(() => setTeams([]));
  }, []);
  const exclude = new Set(props.exclude?.filter(Boolean));
  return (
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
      options={teams.filter((t) => !exclude.has(t.id)).map((t) => ({ value: t.id, label: t.name }))}
    />
  );
}
