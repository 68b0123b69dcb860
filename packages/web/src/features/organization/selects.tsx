import { ROLE_LABELS, ROLES } from '@openenforce/domain/organization';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { selectQueryProps } from '../../ui/QueryError.tsx';
import { RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { ORG_API, type Agency, type Person, type Region, type Team } from './types.ts';
import { useTowns } from './lookups.ts';

interface ValueProps {
  /** Set by Form.Item so that the label points at the control; without it (a filter) the placeholder names it. */
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
}

export function TownSelect({ id, value, onChange, placeholder, style, disabled }: ValueProps) {
  const { t } = useI18n();
  const { towns, query } = useTowns();
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={disabled}
      style={style}
      value={value ?? undefined}
      placeholder={placeholder ?? t('field.town')}
      aria-label={id ? undefined : (placeholder ?? t('field.town'))}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={towns.map((r) => ({ value: r.id, label: r.name }))}
      {...selectQueryProps(query)}
    />
  );
}

export function AgencySelect(props: ValueProps & { initialLabel?: string | null }) {
  const { t } = useI18n();
  return (
    <RemoteSelect<Agency>
      endpoint={ORG_API.agencies}
      optionLabel={(a) => a.name}
      placeholder={props.placeholder ?? t('field.agency')}
      {...props}
    />
  );
}

export function TeamSelect(props: ValueProps & { initialLabel?: string | null }) {
  const { t } = useI18n();
  return (
    <RemoteSelect<Team>
      endpoint={ORG_API.teams}
      optionLabel={(x) => x.name}
      placeholder={props.placeholder ?? t('field.team')}
      {...props}
    />
  );
}

export function PersonSelect(props: ValueProps & { initialLabel?: string | null }) {
  const { t } = useI18n();
  return (
    <RemoteSelect<Person>
      endpoint={ORG_API.people}
      optionLabel={(p) => `${p.name}（${p.employeeNo}）`}
      placeholder={props.placeholder ?? t('field.person')}
      {...props}
    />
  );
}

export function GridSelect(props: ValueProps & { townId?: string | null }) {
  const { t } = useI18n();
  const { townId, ...rest } = props;
  return (
    <RemoteSelect<Region>
      endpoint={ORG_API.regions}
      query={{ level: 'grid', townId: townId ?? undefined }}
      optionLabel={(r) => r.name}
      placeholder={props.placeholder ?? t('field.grid')}
      {...rest}
    />
  );
}

export function RoleSelect({ id, value, onChange, placeholder, style }: ValueProps) {
  const { t, pick } = useI18n();
  return (
    <Select
      id={id}
      allowClear
      style={style}
      value={value ?? undefined}
      placeholder={placeholder ?? t('field.role')}
      aria-label={id ? undefined : (placeholder ?? t('field.role'))}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
    />
  );
}
