import { EditOutlined, LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useImperativeHandle, useMemo, useState, type ReactNode, type Ref } from 'react';
import type { Query } from '../app/api.ts';
import { useAuth } from '../app/auth.tsx';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { EntityFormModal, type EntityFormConfig, type FormMode, type Versioned } from './EntityFormModal.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { PageContainer } from './PageContainer.tsx';
import { QueryError, type Retryable } from './QueryError.tsx';
import { useKeysetList } from './useKeysetList.ts';

export type FilterValues = Record<string, string | undefined>;

/** What a page can do to its list from outside the toolbar and the table (e.g. from a tree or a detail panel). */
export interface EntityListHandle<T extends Versioned, V extends object> {
  /** Opens the create modal; `initial` goes on top of the form config's defaults. */
  openCreate: (initial?: Partial<V>) => void;
  openEdit: (record: T) => void;
  reload: () => void;
}

export interface EntityListPageProps<T extends Versioned, V extends object> {
  title: MessageKey;
  description?: MessageKey;
  /** List endpoint; create is POST here, edit is PATCH `${endpoint}/:id`, reload is GET `${endpoint}/:id`. */
  endpoint: string;
  columns: ColumnsType<T>;
  searchPlaceholder: MessageKey;
  /** Filters set from outside the toolbar (e.g. the region tree). */
  query?: Query;
  /** Toolbar filters: render controls bound to `values`, call `set` on change. */
  filters?: (values: FilterValues, set: (name: string, value: string | undefined) => void) => ReactNode;
  /** Omit for read-only lists. */
  form?: EntityFormConfig<T, V>;
  /** A panel left of the table (e.g. a tree). */
  side?: ReactNode;
  /** A panel above the table, right of `side` (e.g. the selected record's details). */
  above?: ReactNode;
  handle?: Ref<EntityListHandle<T, V>>;
  /** Reference lists the columns or filters read (e.g. town names): a failed one is shown with a retry. */
  lookups?: readonly Retryable[];
  testId?: string;
}

const PAGE_SIZES = [20, 50, 100];

/**
 * The one list page of the console: search box, filters, compact table, keyset pagination and the create/edit
 * modal. Write buttons show only for users with `org.write` (the server checks again).
 */
export function EntityListPage<T extends Versioned, V extends object>(props: EntityListPageProps<T, V>) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [filterValues, setFilterValues] = useState<FilterValues>({});
  const [limit, setLimit] = useState(20);
  const [modal, setModal] = useState<{ mode: FormMode; record: T | null; initial?: Partial<V> } | null>(null);

  const query = useMemo<Query>(() => ({ ...props.query, ...filterValues, q }), [props.query, filterValues, q]);
  const list = useKeysetList<T>(props.endpoint, query, limit);
  const queryClient = useQueryClient();
  // A write reloads every list and record of the resource (this table, its selects, other pages' lookups).
  const { endpoint } = props;
  const invalidate = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: [endpoint] }),
    [queryClient, endpoint],
  );
  const writable = !!props.form && can('org.write');

  useImperativeHandle(
    props.handle,
    () => ({
      openCreate: (initial) => setModal({ mode: 'create', record: null, initial }),
      openEdit: (record) => setModal({ mode: 'edit', record }),
      reload: invalidate,
    }),
    [invalidate],
  );

  const columns = useMemo<ColumnsType<T>>(() => {
    if (!writable) return props.columns;
    return [
      ...props.columns,
      {
        key: '_actions',
        title: t('common.actions'),
        fixed: 'right',
        width: 80,
        render: (_: unknown, record: T) => (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            data-testid={`edit-${record.id}`}
            onClick={() => setModal({ mode: 'edit', record })}
          >
            {t('common.edit')}
          </Button>
        ),
      },
    ];
  }, [props.columns, writable, t]);

  const setFilter = (name: string, value: string | undefined) =>
    setFilterValues((f) => ({ ...f, [name]: value || undefined }));

  return (
    <PageContainer
      testId={props.testId}
      title={t(props.title)}
      description={props.description ? t(props.description) : undefined}
    >
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
        {props.side}
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
          {props.above}
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
              <Input.Search
                allowClear
                data-testid="list-search"
                placeholder={t(props.searchPlaceholder)}
                onSearch={(v) => setQ(v.trim())}
                style={{ width: 240 }}
              />
              {props.filters?.(filterValues, setFilter)}
              <div style={{ flex: 1 }} />
              <Space>
                <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
                {writable && props.form?.allowCreate && (
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    data-testid="create"
                    onClick={() => setModal({ mode: 'create', record: null })}
                  >
                    {t('common.create')}
                  </Button>
                )}
              </Space>
            </div>
            <QueryError queries={[list.query, ...(props.lookups ?? [])]} style={{ marginBottom: 12 }} />
            <Table<T>
              size="small"
              bordered
              rowKey="id"
              columns={columns}
              dataSource={list.items}
              loading={list.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="list-table"
            />
            <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 8, marginTop: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {list.total !== undefined ? `${t('list.total', { n: list.total })} · ` : ''}
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
        </div>
      </div>
      {props.form && (
        <EntityFormModal<T, V>
          endpoint={props.endpoint}
          config={props.form}
          mode={modal?.mode ?? 'create'}
          record={modal?.record ?? null}
          initialValues={modal?.initial}
          open={!!modal}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            invalidate();
          }}
          onChanged={invalidate}
        />
      )}
    </PageContainer>
  );
}
