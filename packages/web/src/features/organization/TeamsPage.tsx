import { teamCreate, teamPatch } from '@openenforce/domain/organization';
import { Form, Input, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../app/i18n.tsx';
import type { EntityFormConfig } from '../../ui/EntityFormModal.tsx';
import { noWrap } from '../../ui/cells.tsx';
import { EntityListPage } from '../../ui/EntityListPage.tsx';
import { DomainTags, useDomainOptions } from './labels.tsx';
import { AgencySelect, TeamSelect, TownSelect } from './selects.tsx';
import { ORG_API, type Team } from './types.ts';
import { useAgencyNames, useTowns } from './lookups.ts';

type Values = Pick<Team, 'code' | 'name' | 'agencyId' | 'parentId' | 'level' | 'kind' | 'townId' | 'domains'>;
const LEVELS = ['team', 'brigade', 'squad'] as const;
const KINDS = ['comprehensive', 'professional', 'mobile', 'town', 'dispatched'] as const;
const LEVEL_COLORS = { team: 'geekblue', brigade: 'blue', squad: 'cyan' } as const;

export default function TeamsPage() {
  const { t } = useI18n();
  const { townName, query: townsQuery } = useTowns();
  const { agencyName, query: agenciesQuery } = useAgencyNames();
  const domainOptions = useDomainOptions();

  const columns: ColumnsType<Team> = [
    { title: t('field.code'), dataIndex: 'code', render: noWrap },
    { title: t('field.name'), dataIndex: 'name', render: noWrap },
    {
      title: t('field.agency'),
      dataIndex: 'agencyName',
      render: (v: string | undefined, r) => noWrap(v ?? agencyName(r.agencyId)),
    },
    {
      title: t('field.teamLevel'),
      dataIndex: 'level',
      width: 80,
      render: (v: Team['level']) => <Tag color={LEVEL_COLORS[v]}>{t(`teamLevel.${v}`)}</Tag>,
    },
    { title: t('field.teamKind'), dataIndex: 'kind', width: 110, render: (v: Team['kind']) => t(`teamKind.${v}`) },
    { title: t('field.town'), dataIndex: 'townId', width: 120, render: (v: string | null) => townName(v) || '—' },
    { title: t('field.domains'), dataIndex: 'domains', render: (v: string[]) => <DomainTags domains={v} /> },
  ];

  const form: EntityFormConfig<Team, Values> = {
    noun: 'noun.team',
    allowCreate: true,
    width: 680,
    defaults: { level: 'squad', kind: 'dispatched', parentId: null, townId: null, domains: [] },
    toValues: (x) => ({
      code: x.code,
      name: x.name,
      agencyId: x.agencyId,
      parentId: x.parentId,
      level: x.level,
      kind: x.kind,
      townId: x.townId,
      domains: x.domains,
    }),
    toBody: (v) => ({
      ...v,
      code: v.code?.trim(),
      parentId: v.parentId ?? null,
      townId: v.townId ?? null,
      domains: v.domains ?? [],
    }),
    createSchema: teamCreate,
    patchSchema: teamPatch,
    fields: ({ record }) => (
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
          <Form.Item
            name="agencyId"
            label={t('field.agency')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <AgencySelect initialLabel={record?.agencyName} />
          </Form.Item>
          <Form.Item name="parentId" label={t('field.parentTeam')}>
            <TeamSelect placeholder={t('common.none')} />
          </Form.Item>
          <Form.Item name="level" label={t('field.teamLevel')} rules={[{ required: true }]}>
            <Select options={LEVELS.map((l) => ({ value: l, label: t(`teamLevel.${l}`) }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('field.teamKind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`teamKind.${k}`) }))} />
          </Form.Item>
        </div>
        <Form.Item name="townId" label={t('field.town')}>
          <TownSelect placeholder={t('common.none')} />
        </Form.Item>
        <Form.Item name="domains" label={t('field.domains')}>
          <Select mode="multiple" options={domainOptions} allowClear />
        </Form.Item>
      </>
    ),
  };

  return (
    <EntityListPage<Team, Values>
      testId="page-teams"
      lookups={[townsQuery, agenciesQuery]}
      title="menu.teams"
      description="team.description"
      endpoint={ORG_API.teams}
      columns={columns}
      searchPlaceholder="team.search"
      form={form}
    />
  );
}
