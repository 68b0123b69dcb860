import { personCreate, personPatch, ROLE_LABELS, type Role } from '@openenforce/domain/organization';
import { Badge, Form, Input, Select, Switch, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../app/i18n.tsx';
import type { EntityFormConfig } from '../../ui/EntityFormModal.tsx';
import { noWrap } from '../../ui/cells.tsx';
import { EntityListPage } from '../../ui/EntityListPage.tsx';
import { GridSelect, RoleSelect, TeamSelect, TownSelect } from './selects.tsx';
import { ORG_API, type Person } from './types.ts';
import { useTowns } from './lookups.ts';

type Values = Pick<
  Person,
  | 'employeeNo'
  | 'name'
  | 'gender'
  | 'phone'
  | 'idNumber'
  | 'role'
  | 'isAuxiliary'
  | 'teamId'
  | 'townId'
  | 'gridId'
  | 'active'
>;

/** Personal data arrives masked (e.g. 138****5678) for most readers: such a value is shown, never sent back. */
const isMasked = (v: string | null) => !!v && v.includes('*');
const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

const ROLE_COLORS: Partial<Record<Role, string>> = {
  admin: 'magenta',
  command_operator: 'purple',
  team_leader: 'geekblue',
  officer: 'blue',
  auxiliary: 'cyan',
  grid_worker: 'green',
  legal_reviewer: 'gold',
  supervisor: 'volcano',
};

export default function PeoplePage() {
  const { t, pick } = useI18n();
  const { townName, query: townsQuery } = useTowns();

  const columns: ColumnsType<Person> = [
    { title: t('field.employeeNo'), dataIndex: 'employeeNo', render: noWrap },
    {
      title: t('field.personName'),
      dataIndex: 'name',
      width: 110,
      render: (v: string, r) => (
        <span>
          {v}
          {r.isAuxiliary && (
            <Tag color="default" style={{ marginInlineStart: 6 }}>
              {t('person.auxiliaryShort')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('field.gender'),
      dataIndex: 'gender',
      width: 60,
      render: (v: Person['gender']) => (v ? t(`gender.${v}`) : ''),
    },
    {
      title: t('field.role'),
      dataIndex: 'role',
      width: 130,
      render: (v: Role) => <Tag color={ROLE_COLORS[v]}>{pick(ROLE_LABELS[v])}</Tag>,
    },
    { title: t('field.team'), dataIndex: 'teamName', render: (v: string | null | undefined) => noWrap(v) },
    { title: t('field.town'), dataIndex: 'townId', width: 110, render: (v: string | null) => townName(v) || '—' },
    { title: t('field.phone'), dataIndex: 'phone', render: noWrap },
    { title: t('field.idNumber'), dataIndex: 'idNumber', render: noWrap },
    {
      title: t('field.status'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) =>
        v ? (
          <Badge status="success" text={t('person.active')} />
        ) : (
          <Badge status="default" text={t('person.inactive')} />
        ),
    },
  ];

  const form: EntityFormConfig<Person, Values> = {
    noun: 'noun.person',
    allowCreate: true,
    width: 720,
    defaults: {
      role: 'officer',
      isAuxiliary: false,
      active: true,
      gender: null,
      teamId: null,
      townId: null,
      gridId: null,
    },
    toValues: (p) => ({
      employeeNo: p.employeeNo,
      name: p.name,
      gender: p.gender,
      phone: isMasked(p.phone) ? null : p.phone,
      idNumber: isMasked(p.idNumber) ? null : p.idNumber,
      role: p.role,
      isAuxiliary: p.isAuxiliary,
      teamId: p.teamId,
      townId: p.townId,
      gridId: p.gridId,
      active: p.active,
    }),
    toBody: (v) => ({
      ...v,
      employeeNo: v.employeeNo?.trim(),
      gender: v.gender ?? null,
      phone: blankToNull(v.phone),
      idNumber: blankToNull(v.idNumber)?.toUpperCase() ?? null,
      teamId: v.teamId ?? null,
      townId: v.townId ?? null,
      gridId: v.gridId ?? null,
    }),
    maskedFields: (p) => (['phone', 'idNumber'] as const).filter((k) => isMasked(p[k])),
    createSchema: personCreate,
    patchSchema: personPatch,
    fields: ({ record, form: f }) => (
      <>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 16 }}>
          <Form.Item
            name="employeeNo"
            label={t('field.employeeNo')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('field.personName')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="gender" label={t('field.gender')}>
            <Select
              allowClear
              options={[
                { value: 'male', label: t('gender.male') },
                { value: 'female', label: t('gender.female') },
              ]}
            />
          </Form.Item>
          <Form.Item name="role" label={t('field.role')} rules={[{ required: true, message: t('common.required') }]}>
            <RoleSelect />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('field.phone')}
            extra={isMasked(record?.phone ?? null) && t('person.maskedHint')}
          >
            <Input maxLength={11} placeholder={isMasked(record?.phone ?? null) ? record!.phone! : undefined} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('field.idNumber')}
            extra={isMasked(record?.idNumber ?? null) && t('person.maskedHint')}
          >
            <Input maxLength={18} placeholder={isMasked(record?.idNumber ?? null) ? record!.idNumber! : undefined} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 16 }}>
          <Form.Item name="teamId" label={t('field.team')}>
            <TeamSelect initialLabel={record?.teamName} placeholder={t('common.none')} />
          </Form.Item>
          <Form.Item name="townId" label={t('field.town')}>
            <TownSelect placeholder={t('common.none')} onChange={() => f.setFieldValue('gridId', null)} />
          </Form.Item>
          <Form.Item noStyle dependencies={['townId']}>
            {() => (
              <Form.Item name="gridId" label={t('field.grid')}>
                <GridSelect townId={f.getFieldValue('townId') as string | null} placeholder={t('common.none')} />
              </Form.Item>
            )}
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 48 }}>
          <Form.Item
            name="isAuxiliary"
            label={t('field.isAuxiliary')}
            valuePropName="checked"
            extra={t('person.auxiliaryHint')}
          >
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>
      </>
    ),
  };

  return (
    <EntityListPage<Person, Values>
      testId="page-people"
      lookups={[townsQuery]}
      title="menu.people"
      description="person.description"
      endpoint={ORG_API.people}
      columns={columns}
      searchPlaceholder="person.search"
      filters={(values, set) => (
        <>
          <TownSelect style={{ width: 150 }} value={values.townId} onChange={(v) => set('townId', v ?? undefined)} />
          <TeamSelect style={{ width: 200 }} value={values.teamId} onChange={(v) => set('teamId', v ?? undefined)} />
          <RoleSelect style={{ width: 150 }} value={values.role} onChange={(v) => set('role', v ?? undefined)} />
        </>
      )}
      form={form}
    />
  );
}
