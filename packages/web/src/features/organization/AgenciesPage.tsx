import { agencyCreate, agencyPatch } from '@openenforce/domain/organization';
import { Form, Input, Select, Switch } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../app/i18n.tsx';
import type { EntityFormConfig } from '../../ui/EntityFormModal.tsx';
import { noWrap } from '../../ui/cells.tsx';
import { EntityListPage } from '../../ui/EntityListPage.tsx';
import { DomainTags, useDomainOptions, YesNo } from './labels.tsx';
import { TownSelect } from './selects.tsx';
import { ORG_API, type Agency } from './types.ts';
import { useTowns } from './lookups.ts';

type Values = Pick<Agency, 'code' | 'name' | 'kind' | 'mayActInOwnName' | 'townId' | 'domains'>;
const KINDS = ['bureau', 'department', 'town_government'] as const;

export default function AgenciesPage() {
  const { t } = useI18n();
  const { townName, query: townsQuery } = useTowns();
  const domainOptions = useDomainOptions();

  const columns: ColumnsType<Agency> = [
    { title: t('field.code'), dataIndex: 'code', render: noWrap },
    { title: t('field.name'), dataIndex: 'name', render: noWrap },
    {
      title: t('field.agencyKind'),
      dataIndex: 'kind',
      width: 130,
      render: (v: Agency['kind']) => t(`agencyKind.${v}`),
    },
    {
      title: t('field.mayActInOwnName'),
      dataIndex: 'mayActInOwnName',
      width: 110,
      render: (v: boolean) => <YesNo value={v} />,
    },
    { title: t('field.town'), dataIndex: 'townId', width: 120, render: (v: string | null) => townName(v) || '—' },
    { title: t('field.domains'), dataIndex: 'domains', render: (v: string[]) => <DomainTags domains={v} /> },
  ];

  const form: EntityFormConfig<Agency, Values> = {
    noun: 'noun.agency',
    allowCreate: true,
    defaults: { kind: 'department', mayActInOwnName: true, townId: null, domains: [] },
    toValues: (a) => ({
      code: a.code,
      name: a.name,
      kind: a.kind,
      mayActInOwnName: a.mayActInOwnName,
      townId: a.townId,
      domains: a.domains,
    }),
    toBody: (v) => ({ ...v, code: v.code?.trim(), townId: v.townId ?? null, domains: v.domains ?? [] }),
    createSchema: agencyCreate,
    patchSchema: agencyPatch,
    fields: () => (
      <>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 2fr', gap: 16 }}>
          <Form.Item name="code" label={t('field.code')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="name" label={t('field.name')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={60} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
          <Form.Item name="kind" label={t('field.agencyKind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`agencyKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="townId" label={t('field.town')} extra={t('agency.townHint')}>
            <TownSelect placeholder={t('common.none')} />
          </Form.Item>
        </div>
        <Form.Item
          name="mayActInOwnName"
          label={t('field.mayActInOwnName')}
          valuePropName="checked"
          extra={t('agency.mayActHint')}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="domains" label={t('field.domains')}>
          <Select mode="multiple" options={domainOptions} allowClear />
        </Form.Item>
      </>
    ),
  };

  return (
    <EntityListPage<Agency, Values>
      testId="page-agencies"
      lookups={[townsQuery]}
      title="menu.agencies"
      description="agency.description"
      endpoint={ORG_API.agencies}
      columns={columns}
      searchPlaceholder="agency.search"
      form={form}
    />
  );
}
