import { LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { LIST_TYPES, MATTER_KINDS, type MatterSummary } from '@openenforce/domain/catalog';
import { Button, Card, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../ui/QueryError.tsx';
import { noWrap } from '../../ui/cells.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { domainLabel, useDomainOptions } from '../organization/labels.tsx';
import { FlagTags, kindLabel, ListTypeTag, StatusTag } from './labels.tsx';
import { useCatalogI18n } from './messages.ts';

/** The search term marked in a name (the server matches substrings, case-insensitively). */
export function Highlight({ text, term }: { text: string; term: string }) {
  if (!term) return <>{text}</>;
  const at = text.toLowerCase().indexOf(term.toLowerCase());
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{text.slice(at, at + term.length)}</mark>
      {text.slice(at + term.length)}
    </>
  );
}

const PAGE_SIZES = [20, 50, 100];

/**
 * Ranked catalog search: a search box, filters by domain, list type and kind, the total and a compact table with
 * the flags. Used by the console (/catalog) and the public portal (/portal) with their own endpoints and links.
 */
export function MatterSearch(props: {
  endpoint: string;
  linkTo: (id: string) => string;
  /** Buttons right of the filters (e.g. 新增事项). */
  extra?: ReactNode;
  /** The portal shows only published matters: no status column. */
  showStatus?: boolean;
}) {
  const i18n = useCatalogI18n();
  const { t, tc, lang } = i18n;
  const domainOptions = useDomainOptions();
  const [q, setQ] = useState('');
  const [domain, setDomain] = useState<string>();
  const [listType, setListType] = useState<string>();
  const [kind, setKind] = useState<string>();
  const [limit, setLimit] = useState(20);
  const query = useMemo(() => ({ q, domain, listType, kind }), [q, domain, listType, kind]);
  const list = useKeysetList<MatterSummary & { version: number }>(props.endpoint, query, limit);

  const columns: ColumnsType<MatterSummary> = [
    {
      key: 'rank',
      title: '#',
      width: 56,
      render: (_: unknown, __: MatterSummary, i: number) => noWrap(list.pageIndex * limit + i + 1),
    },
    {
      dataIndex: 'code',
      title: tc('field.matterCode'),
      render: (code: string | null) => noWrap(code ? <Highlight text={code} term={q} /> : '—'),
    },
    {
      dataIndex: 'name',
      title: tc('field.matterName'),
      render: (name: string, m) => (
        <Link
          to={props.linkTo(m.id)}
          data-testid={`matter-link-${m.id}`}
          style={{ display: 'inline-block', minWidth: 280 }}
        >
          <Highlight text={name} term={q} />
          {/* The portal has no status column, but a withdrawn matter says so. */}
          {props.showStatus === false && m.withdrawn && (
            <>
              {' '}
              <StatusTag published={m.published} withdrawn />
            </>
          )}
        </Link>
      ),
    },
    { dataIndex: 'domain', title: tc('field.domain'), render: (d: string) => noWrap(domainLabel(d, lang)) },
    {
      dataIndex: 'listType',
      title: tc('field.listType'),
      render: (lt: string) => <ListTypeTag listType={lt} short />,
    },
    { dataIndex: 'kind', title: tc('field.kind'), render: (k: string) => noWrap(kindLabel(tc, k)) },
    {
      key: 'flags',
      title: tc('field.flags'),
      render: (_: unknown, m) => <FlagTags flags={m} />,
    },
    {
      dataIndex: 'lawNames',
      title: tc('field.lawNames'),
      ellipsis: true,
      width: 240,
      render: (l: string) => <Highlight text={l} term={q} />,
    },
    ...(props.showStatus === false
      ? []
      : [
          {
            key: 'status',
            title: tc('field.status'),
            render: (_: unknown, m: MatterSummary) => <StatusTag published={m.published} withdrawn={m.withdrawn} />,
          },
        ]),
    {
      key: 'version',
      title: tc('field.effectiveFrom'),
      render: (_: unknown, m: MatterSummary) => noWrap(`${m.effectiveFrom} · v${m.version}`),
    },
  ];

  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Input.Search
          allowClear
          data-testid="catalog-search"
          placeholder={tc('cat.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 300 }}
          enterButton
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={tc('cat.allDomains')}
          aria-label={tc('field.domain')}
          value={domain}
          onChange={setDomain}
          options={domainOptions}
          style={{ width: 160 }}
          data-testid="filter-domain"
        />
        <Select
          allowClear
          placeholder={tc('cat.allListTypes')}
          aria-label={tc('field.listType')}
          value={listType}
          onChange={setListType}
          options={LIST_TYPES.map((l) => ({ value: l, label: tc(`listType.${l}`) }))}
          style={{ width: 140 }}
          data-testid="filter-list-type"
        />
        <Select
          allowClear
          placeholder={tc('cat.allKinds')}
          aria-label={tc('field.kind')}
          value={kind}
          onChange={setKind}
          options={MATTER_KINDS.map((k) => ({ value: k, label: kindLabel(tc, k) }))}
          style={{ width: 140 }}
          data-testid="filter-kind"
        />
        <div style={{ flex: 1 }} />
        <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
        {props.extra}
      </div>
      <QueryError query={list.query} style={{ marginBottom: 12 }} />
      <Table<MatterSummary>
        size="small"
        bordered
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="catalog-table"
      />
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 8, marginTop: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="catalog-total">
          {list.total !== undefined ? `${tc('cat.total', { n: list.total.toLocaleString() })} · ` : ''}
          {t('list.page', { n: list.pageIndex + 1 })}
        </Typography.Text>
        <Button size="small" icon={<LeftOutlined />} disabled={!list.hasPrev || list.loading} onClick={list.prev}>
          {t('list.prev')}
        </Button>
        <Button size="small" disabled={!list.hasNext || list.loading} onClick={list.next}>
          {t('list.next')} <RightOutlined />
        </Button>
        <Select
          size="small"
          value={limit}
          onChange={setLimit}
          aria-label={t('list.pageSize')}
          style={{ width: 100 }}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('list.perPage', { n }) }))}
        />
      </div>
    </Card>
  );
}
