import { DownloadOutlined } from '@ant-design/icons';
import {
  EVENT_EXPORT_MAX_ROWS,
  EVENT_SOURCES,
  EVENT_STATUSES,
  SOURCE_LABELS,
  STATUS_LABELS,
} from '@openenforce/domain/events';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Query } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError, selectQueryProps } from '../../ui/QueryError.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { townsQuery } from '../organization/queries.ts';
import { EVENTS_API } from '../events/api.ts';
import { categoryLabel, EscalationTag, StatusTag } from '../events/labels.tsx';
import { useEventsI18n } from '../events/messages.ts';
import { categoriesQuery, eventCountQuery, eventExportUrl } from '../events/queries.ts';
import type { EventSummary } from '../events/types.ts';
import { EventDrawer } from './EventDrawer.tsx';
import { useScreensI18n } from './messages.ts';

const PAGE_SIZE = 50;

interface Filters {
  no?: string;
  q?: string;
  phone?: string;
  status?: string[];
  category?: string;
  source?: string;
  townId?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(f: Filters): Query {
  return {
    no: f.no?.trim() || undefined,
    q: f.q?.trim() || undefined,
    phone: f.phone?.trim() || undefined,
    status: f.status?.length ? f.status.join(',') : undefined,
    category: f.category,
    source: f.source,
    townId: f.townId,
    from: f.period?.[0]?.format('YYYY-MM-DD'),
    to: f.period?.[1]?.format('YYYY-MM-DD'),
  };
}

/** The count, the pages and the Excel link of one list: the same filters everywhere, so the figures agree. */
export function ListFigures({ query }: { query: Query }) {
  const { ts } = useScreensI18n();
  const count = useQuery({ ...eventCountQuery(query), placeholderData: keepPreviousData });
  return (
    <Space size={12}>
      <Typography.Text strong data-testid="list-total" data-total={count.data?.total ?? ''}>
        {count.data ? ts('cs.total', { n: count.data.total }) : '…'}
      </Typography.Text>
      <Tooltip title={ts('cs.exportHint', { n: EVENT_EXPORT_MAX_ROWS })}>
        <Button icon={<DownloadOutlined />} href={eventExportUrl(query)} download data-testid="list-export">
          {ts('cs.export')}
        </Button>
      </Tooltip>
      <QueryError query={count} compact />
    </Space>
  );
}

/**
 * 事件查询 (SPEC §3; the supervisor's landing page, the operator's search): every event in the user's scope by
 * number, address or description, reporter phone (with `pii.read`), status, category, source, town and date; paged
 * by the server's cursors with the matching count; Excel export of the same selection. A row opens the event's
 * record, whose buttons are exactly what the server allows this user (a supervisor reads; urging if allowed).
 */
export default function EventSearchPage() {
  const { ts } = useScreensI18n();
  const { te, pick } = useEventsI18n();
  const { can } = useAuth();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const query = toQuery(filters);
  const list = useKeysetList<EventSummary>(EVENTS_API, query, PAGE_SIZE);
  const categories = useQuery(categoriesQuery);
  const towns = useQuery({ ...townsQuery, enabled: can('org.read') });

  return (
    <PageContainer
      testId="event-search-page"
      title={ts('cs.search.title')}
      description={ts('cs.search.description')}
      extra={<ListFigures query={query} />}
    >
      <Card size="small">
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => setFilters(v)}
          style={{ rowGap: 8 }}
          data-testid="event-search-form"
        >
          <Form.Item name="no" label={ts('cs.search.no')}>
            <Input allowClear style={{ width: 200 }} placeholder={ts('cs.search.noHint')} data-testid="search-no" />
          </Form.Item>
          <Form.Item name="q" label={ts('cs.search.q')}>
            <Input allowClear style={{ width: 200 }} data-testid="search-q" />
          </Form.Item>
          {can('pii.read') && (
            <Form.Item name="phone" label={ts('cs.search.phone')}>
              <Input allowClear style={{ width: 140 }} inputMode="numeric" data-testid="search-phone" />
            </Form.Item>
          )}
          <Form.Item name="status" label={te('ev.filter.status')}>
            <Select
              mode="multiple"
              allowClear
              maxTagCount={2}
              style={{ minWidth: 200 }}
              aria-label={te('ev.filter.status')}
              options={EVENT_STATUSES.map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) }))}
            />
          </Form.Item>
          <Form.Item name="category" label={te('ev.filter.category')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 180 }}
              aria-label={te('ev.filter.category')}
              options={(categories.data ?? []).map((c) => ({ value: c.code, label: pick(c) }))}
              {...selectQueryProps(categories)}
            />
          </Form.Item>
          <Form.Item name="source" label={te('ev.filter.source')}>
            <Select
              allowClear
              style={{ minWidth: 140 }}
              aria-label={te('ev.filter.source')}
              options={EVENT_SOURCES.map((s) => ({ value: s, label: pick(SOURCE_LABELS[s]) }))}
            />
          </Form.Item>
          {can('org.read') && (
            <Form.Item name="townId" label={ts('cs.search.town')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 160 }}
                aria-label={ts('cs.search.town')}
                options={(towns.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
                {...selectQueryProps(towns)}
              />
            </Form.Item>
          )}
          <Form.Item name="period" label={ts('cs.search.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="search-submit">
              {ts('cs.search.submit')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {ts('cs.search.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <QueryError query={list.query} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<EventSummary>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          locale={{ emptyText: ts('cs.empty') }}
          data-testid="event-search-table"
          onRow={(e) => ({ onClick: () => setSelectedId(e.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: ts('cs.col.no'),
              dataIndex: 'no',
              width: 180,
              render: (no: string, e) => (
                <Typography.Link
                  onClick={(ev) => {
                    ev.stopPropagation();
                    setSelectedId(e.id);
                  }}
                  data-testid="search-row"
                  data-event-id={e.id}
                >
                  {no}
                </Typography.Link>
              ),
            },
            { title: ts('cs.col.category'), dataIndex: 'category', render: (c: string) => categoryLabel(pick, c) },
            {
              title: ts('cs.col.status'),
              key: 'status',
              render: (_, e) => (
                <Space size={4}>
                  <StatusTag status={e.status} />
                  <EscalationTag level={e.escalation} />
                </Space>
              ),
            },
            {
              title: ts('cs.col.description'),
              dataIndex: 'description',
              ellipsis: true,
            },
            {
              title: ts('cs.col.place'),
              key: 'place',
              ellipsis: true,
              render: (_, e) => [e.townName, e.address].filter(Boolean).join(' · ') || '—',
            },
            { title: ts('cs.col.team'), dataIndex: 'teamName', render: (t: string | null) => t ?? '—' },
            {
              title: ts('cs.col.reportedAt'),
              dataIndex: 'reportedAt',
              width: 130,
              render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
        <Space style={{ padding: 8, justifyContent: 'flex-end', width: '100%' }}>
          <Typography.Text type="secondary" data-testid="search-page">
            {ts('cs.page', { n: list.pageIndex + 1 })}
          </Typography.Text>
          <Button onClick={list.prev} disabled={!list.hasPrev} data-testid="search-prev">
            {ts('cs.prev')}
          </Button>
          <Button onClick={list.next} disabled={!list.hasNext} data-testid="search-next">
            {ts('cs.next')}
          </Button>
        </Space>
      </Card>
      <EventDrawer id={selectedId} onClose={() => setSelectedId(null)} onOpen={setSelectedId} />
    </PageContainer>
  );
}
