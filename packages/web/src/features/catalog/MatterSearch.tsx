import { LeftOutlined, ReloadOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { LIST_TYPES, MATTER_KINDS, type MatterSummary } from '@openenforce/domain/catalog';
import { Button, Empty } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { COLORS } from '../../app/theme.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { NativeSelect, TextInput } from '../../ui/NativeFields.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { domainLabel, useDomainOptions } from '../organization/labels.tsx';
import { FlagTags, kindLabel, ListTypeTag, StatusTag } from './labels.tsx';
import { useCatalogI18n } from './messages.ts';
import './matter-search.css';

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
 * The browser's own controls and a light table (cards on a phone): the portal's first load on a phone stays small.
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
  const [typed, setTyped] = useState('');
  const [domain, setDomain] = useState<string>();
  const [listType, setListType] = useState<string>();
  const [kind, setKind] = useState<string>();
  const [limit, setLimit] = useState(20);
  const query = useMemo(() => ({ q, domain, listType, kind }), [q, domain, listType, kind]);
  const list = useKeysetList<MatterSummary & { version: number }>(props.endpoint, query, limit);

  const columns: DataColumn<MatterSummary>[] = [
    {
      key: 'rank',
      title: '#',
      label: '#',
      width: 56,
      nowrap: true,
      render: (_, i) => list.pageIndex * limit + i + 1,
    },
    {
      key: 'code',
      title: tc('field.matterCode'),
      label: tc('field.matterCode'),
      nowrap: true,
      render: (m) => (m.code ? <Highlight text={m.code} term={q} /> : '—'),
    },
    {
      key: 'name',
      title: tc('field.matterName'),
      label: tc('field.matterName'),
      minWidth: 280,
      render: (m) => (
        <Link to={props.linkTo(m.id)} data-testid={`matter-link-${m.id}`}>
          <Highlight text={m.name} term={q} />
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
    {
      key: 'domain',
      title: tc('field.domain'),
      label: tc('field.domain'),
      nowrap: true,
      render: (m) => domainLabel(m.domain, lang),
    },
    {
      key: 'listType',
      title: tc('field.listType'),
      label: tc('field.listType'),
      render: (m) => <ListTypeTag listType={m.listType} short />,
    },
    {
      key: 'kind',
      title: tc('field.kind'),
      label: tc('field.kind'),
      nowrap: true,
      render: (m) => kindLabel(tc, m.kind),
    },
    { key: 'flags', title: tc('field.flags'), label: tc('field.flags'), render: (m) => <FlagTags flags={m} /> },
    {
      key: 'lawNames',
      title: tc('field.lawNames'),
      label: tc('field.lawNames'),
      ellipsis: 240,
      render: (m) => (
        <span title={m.lawNames}>
          <Highlight text={m.lawNames} term={q} />
        </span>
      ),
    },
    ...(props.showStatus === false
      ? []
      : [
          {
            key: 'status',
            title: tc('field.status'),
            label: tc('field.status'),
            render: (m: MatterSummary) => <StatusTag published={m.published} withdrawn={m.withdrawn} />,
          },
        ]),
    {
      key: 'version',
      title: tc('field.effectiveFrom'),
      label: tc('field.effectiveFrom'),
      nowrap: true,
      render: (m) => `${m.effectiveFrom} · v${m.version}`,
    },
  ];

  return (
    <section className="oe-panel">
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <form
          role="search"
          data-testid="catalog-search"
          className="oe-search"
          onSubmit={(e) => {
            e.preventDefault();
            setQ(typed.trim());
          }}
        >
          <TextInput
            type="search"
            value={typed}
            aria-label={tc('cat.search')}
            placeholder={tc('cat.search')}
            onChange={(e) => {
              setTyped(e.target.value);
              // Cleared (the field's ✕ or emptied): the whole list again, as antd's allowClear did.
              if (!e.target.value) setQ('');
            }}
          />
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} aria-label={tc('cat.search')} />
        </form>
        <NativeSelect
          clearable
          placeholder={tc('cat.allDomains')}
          aria-label={tc('field.domain')}
          value={domain}
          onValueChange={setDomain}
          options={domainOptions}
          className="oe-filter"
          data-testid="filter-domain"
        />
        <NativeSelect
          clearable
          placeholder={tc('cat.allListTypes')}
          aria-label={tc('field.listType')}
          value={listType}
          onValueChange={setListType}
          options={LIST_TYPES.map((l) => ({ value: l, label: tc(`listType.${l}`) }))}
          className="oe-filter"
          data-testid="filter-list-type"
        />
        <NativeSelect
          clearable
          placeholder={tc('cat.allKinds')}
          aria-label={tc('field.kind')}
          value={kind}
          onValueChange={setKind}
          options={MATTER_KINDS.map((k) => ({ value: k, label: kindLabel(tc, k) }))}
          className="oe-filter"
          data-testid="filter-kind"
        />
        <div style={{ flex: 1 }} />
        <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
        {props.extra}
      </div>
      <QueryError query={list.query} style={{ marginBottom: 12 }} />
      <DataTable<MatterSummary>
        columns={columns}
        rows={list.items}
        rowKey={(m) => m.id}
        loading={list.loading}
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        caption={tc('portal.catalog')}
        testId="catalog-table"
      />
      <div className="oe-pager">
        <span style={{ fontSize: 13, color: COLORS.textSecondary }} data-testid="catalog-total">
          {list.total !== undefined ? `${tc('cat.total', { n: list.total.toLocaleString() })} · ` : ''}
          {t('list.page', { n: list.pageIndex + 1 })}
        </span>
        <Button size="small" icon={<LeftOutlined />} disabled={!list.hasPrev || list.loading} onClick={list.prev}>
          {t('list.prev')}
        </Button>
        <Button size="small" disabled={!list.hasNext || list.loading} onClick={list.next}>
          {t('list.next')} <RightOutlined />
        </Button>
        <NativeSelect
          value={String(limit)}
          onValueChange={(v) => setLimit(Number(v ?? 20))}
          placeholder={t('list.pageSize')}
          aria-label={t('list.pageSize')}
          className="oe-filter oe-page-size"
          options={PAGE_SIZES.map((n) => ({ value: String(n), label: t('list.perPage', { n }) }))}
        />
      </div>
    </section>
  );
}
