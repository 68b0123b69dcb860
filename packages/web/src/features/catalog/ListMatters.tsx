import type { MatterSummary } from '@openenforce/domain/catalog';
import { Table } from 'antd';
import { Link } from 'react-router';
import { noWrap } from '../../ui/cells.tsx';
import { domainLabel } from '../organization/labels.tsx';
import { FlagTags, ListTypeTag } from './labels.tsx';
import { useCatalogI18n } from './messages.ts';

/** The matters of a published list (console and portal). */
export function ListMatters({ matters, linkTo }: { matters: MatterSummary[]; linkTo: (id: string) => string }) {
  const { tc, lang } = useCatalogI18n();
  return (
    <Table<MatterSummary>
      size="small"
      bordered
      rowKey="id"
      dataSource={matters}
      pagination={matters.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'i', title: '#', width: 56, render: (_: unknown, __: MatterSummary, i: number) => i + 1 },
        { dataIndex: 'code', title: tc('field.matterCode'), render: (c: string | null) => noWrap(c ?? '—') },
        {
          dataIndex: 'name',
          title: tc('field.matterName'),
          render: (n: string, m) => <Link to={linkTo(m.id)}>{n}</Link>,
        },
        { dataIndex: 'domain', title: tc('field.domain'), render: (d: string) => noWrap(domainLabel(d, lang)) },
        {
          dataIndex: 'listType',
          title: tc('field.listType'),
          render: (l: string) => <ListTypeTag listType={l} short />,
        },
        { key: 'flags', title: tc('field.flags'), render: (_: unknown, m) => <FlagTags flags={m} /> },
        { dataIndex: 'sourceDepartment', title: tc('field.sourceDepartment') },
      ]}
    />
  );
}
