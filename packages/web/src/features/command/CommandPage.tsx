import { DashboardOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { EVENT_SOURCES, EVENT_STATUSES, SOURCE_LABELS, STATUS_LABELS } from '@openenforce/domain/events';
import { keepPreviousData, useInfiniteQuery, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Segmented, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Query } from '../../app/api.ts';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError, selectQueryProps } from '../../ui/QueryError.tsx';
import { EVENTS_API } from '../events/api.ts';
import { categoryLabel, EscalationTag, StatusTag } from '../events/labels.tsx';
import { useLiveEvents } from '../events/live.ts';
import { useEventsI18n, type EventsKey } from '../events/messages.ts';
import { categoriesQuery, eventCountQuery, eventMapQuery, eventPagesQuery } from '../events/queries.ts';
import { EventDrawer } from './EventDrawer.tsx';
import { EventMap } from './EventMap.tsx';
import { ListFigures } from './EventSearchPage.tsx';
import { useScreensI18n } from './messages.ts';
import { NotificationBell } from './NotificationBell.tsx';

const QUEUES = ['untriaged', 'to_dispatch', 'returned', 'overdue', 'warning', 'low_rating'] as const;
type QueueKey = (typeof QUEUES)[number] | 'all';

interface Filters {
  status: string[];
  category?: string;
  source?: string;
  days: number;
}

/** The active queue, page by page (keyset cursors), with its count: "load more" goes past any first page. */
function QueueList({
  params,
  total,
  refetchInterval,
  selectedId,
  onSelect,
}: {
  params: Query;
  total: number | undefined;
  refetchInterval: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { te, pick } = useEventsI18n();
  const { ts } = useScreensI18n();
  const list = useInfiniteQuery({ ...eventPagesQuery(params), refetchInterval });
  const items = list.data?.pages.flatMap((p) => p.items);
  if (list.isError) return <QueryError query={list} />;
  if (!items) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={te('ev.queueEmpty')} />;
  return (
    <div data-testid="queue-list" data-shown={items.length}>
      {items.map((e) => (
        // A button to the keyboard too: Tab reaches each row, Enter or Space opens the event (as a click does).
        <div
          key={e.id}
          role="button"
          tabIndex={0}
          aria-current={e.id === selectedId ? 'true' : undefined}
          className={`oe-queue-row${e.id === selectedId ? ' selected' : ''}`}
          onClick={() => onSelect(e.id)}
          onKeyDown={(k) => {
            if (k.key !== 'Enter' && k.key !== ' ') return;
            k.preventDefault();
            onSelect(e.id);
          }}
          data-testid="queue-row"
          data-event-id={e.id}
          data-status={e.status}
        >
          <Space size={6} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space size={6}>
              <Typography.Text strong style={{ fontSize: 13 }}>
                {categoryLabel(pick, e.category)}
              </Typography.Text>
              {e.urgency === 'urgent' && <Tag color="red">{te('ev.urgency.urgent')}</Tag>}
              <EscalationTag level={e.escalation} />
            </Space>
            <StatusTag status={e.status} />
          </Space>
          <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '2px 0', fontSize: 13 }}>
            {e.description}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.no} · {e.townName ?? '—'} · {dayjs(e.reportedAt).format('MM-DD HH:mm')}
            {e.teamName ? ` · ${e.teamName}` : ''}
            {e.rating !== null ? ` · ${te('ev.ratingN', { n: e.rating })}` : ''}
          </Typography.Text>
        </div>
      ))}
      <Space style={{ padding: 8, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {total !== undefined ? ts('cs.shown', { shown: items.length, total }) : null}
        </Typography.Text>
        {list.hasNextPage && (
          <Button
            size="small"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
            data-testid="queue-more"
          >
            {ts('cs.more')}
          </Button>
        )}
      </Space>
    </div>
  );
}

/**
 * 指挥中心 (SPEC §3): the live map, the queues with their counts, and the event drawer where the operator triages,
 * dispatches, arbitrates, merges, dismisses and urges. The live feed refreshes the queries a change touches
 * (features/events/live.ts), not every queue.
 *
 * Test hooks: `[data-testid=event-map]` (data-points), queue tabs `queue-tab-<key>` with `data-count`, rows
 * `queue-row` with `data-event-id`, the drawer `event-drawer` with `action-<step>` buttons.
 */
export default function CommandPage() {
  const { te, pick } = useEventsI18n();
  const { ts } = useScreensI18n();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<Filters>({ status: [], days: 7 });
  const [active, setActive] = useState<QueueKey>('untriaged');
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const live = useLiveEvents();
  // The feed carries changes; a feed outage needs a poll (and the escalation job's changes come by the feed too).
  const refetchInterval = live ? 120_000 : 20_000;
  const categories = useQuery(categoriesQuery);
  const from = dayjs()
    .subtract(filters.days - 1, 'day')
    .format('YYYY-MM-DD');
  const common = { category: filters.category, source: filters.source };
  const status = filters.status.join(',') || undefined;
  const keys = [...QUEUES, 'all' as const];
  const paramsOf = (q: QueueKey): Query => (q === 'all' ? { ...common, status, from } : { ...common, queue: q });
  // Each tile's figure is the count of its list's own condition (GET /api/events/count), so it matches the pages.
  const counts = useQueries({
    queries: keys.map((q) => ({ ...eventCountQuery(paramsOf(q)), refetchInterval, placeholderData: keepPreviousData })),
  });
  const map = useQuery({
    ...eventMapQuery({ status, category: filters.category, source: filters.source, days: filters.days }),
    refetchInterval,
    placeholderData: keepPreviousData,
  });
  const totals: Partial<Record<QueueKey, number>> = Object.fromEntries(
    keys.flatMap((q, i) => {
      const data = counts[i]!.data;
      return data ? [[q, data.total]] : [];
    }),
  );
  const updatedAt = Math.max(map.dataUpdatedAt, ...counts.map((l) => l.dataUpdatedAt));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [EVENTS_API] });

  const statusOptions = useMemo(() => EVENT_STATUSES.map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) })), [pick]);

  const count = (q: QueueKey) => (totals[q] !== undefined ? String(totals[q]) : '…');

  return (
    <PageContainer
      testId="command-page"
      title={te('ev.command.title')}
      description={te('ev.command.description')}
      extra={
        <Space>
          <Tooltip title={live ? te('ev.liveOn') : te('ev.liveOff')}>
            <Badge status={live ? 'processing' : 'default'} text={live ? te('ev.live') : te('ev.polling')} />
          </Tooltip>
          {updatedAt > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {te('ev.updatedAt', { time: dayjs(updatedAt).format('HH:mm:ss') })}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={te('ev.refresh')} />
          <NotificationBell onOpenEvent={setSelectedId} />
          <ListFigures query={paramsOf(active)} />
          <Link to="/events">
            <Button icon={<SearchOutlined />} data-testid="command-search">
              {ts('cs.search.title')}
            </Button>
          </Link>
          <Link to="/bigscreen" target="_blank">
            <Button icon={<DashboardOutlined />}>{te('ev.bigscreen')}</Button>
          </Link>
        </Space>
      }
    >
      <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
        <Space wrap size={8} data-testid="command-filters">
          <Select
            mode="multiple"
            allowClear
            maxTagCount={2}
            placeholder={te('ev.filter.status')}
            aria-label={te('ev.filter.status')}
            style={{ minWidth: 220 }}
            options={statusOptions}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            data-testid="filter-status"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={te('ev.filter.category')}
            aria-label={te('ev.filter.category')}
            style={{ minWidth: 200 }}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: pick(c) }))}
            value={filters.category}
            onChange={(category) => setFilters((f) => ({ ...f, category }))}
            data-testid="filter-category"
            {...selectQueryProps(categories)}
          />
          <Select
            allowClear
            placeholder={te('ev.filter.source')}
            aria-label={te('ev.filter.source')}
            style={{ minWidth: 160 }}
            options={EVENT_SOURCES.map((s) => ({ value: s, label: pick(SOURCE_LABELS[s]) }))}
            value={filters.source}
            onChange={(source) => setFilters((f) => ({ ...f, source }))}
            data-testid="filter-source"
          />
          <Segmented<number>
            value={filters.days}
            onChange={(days) => setFilters((f) => ({ ...f, days }))}
            options={[1, 7, 30, 90].map((d) => ({ value: d, label: te('ev.lastDays', { n: d }) }))}
            data-testid="filter-days"
          />
          {map.data?.truncated && <Tag color="orange">{te('ev.mapTruncated')}</Tag>}
        </Space>
      </Card>
      <QueryError queries={[...counts, map]} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'stretch', minHeight: 560 }}>
        <Card size="small" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 0 } }}>
          <EventMap
            points={map.data?.points ?? []}
            selectedId={selectedId}
            onSelect={setSelectedId}
            height="calc(100vh - 250px)"
          />
        </Card>
        <Card
          size="small"
          style={{ width: 440, flex: 'none' }}
          styles={{ body: { padding: 0, height: 'calc(100vh - 250px)', overflow: 'auto' } }}
        >
          <div className="oe-queue-tiles" data-testid="queue-tabs">
            {keys.map((q) => (
              <button
                type="button"
                key={q}
                className={`oe-queue-tile ${q}${q === active ? ' active' : ''}`}
                onClick={() => setActive(q)}
                aria-pressed={q === active}
                data-testid={`queue-tab-${q}`}
                data-count={totals[q] ?? ''}
              >
                <span className="n">{count(q)}</span>
                <span className="l">{te(`ev.queue.${q}` as EventsKey)}</span>
              </button>
            ))}
          </div>
          <QueueList
            key={active}
            params={paramsOf(active)}
            total={totals[active]}
            refetchInterval={refetchInterval}
            selectedId={selectedId}
            onSelect={setSelectedId}
          />
        </Card>
      </div>
      <EventDrawer id={selectedId} onClose={() => setSelectedId(null)} onOpen={setSelectedId} />
    </PageContainer>
  );
}
