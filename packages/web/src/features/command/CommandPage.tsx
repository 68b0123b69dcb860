import { DashboardOutlined, ReloadOutlined } from '@ant-design/icons';
import { EVENT_SOURCES, EVENT_STATUSES, SOURCE_LABELS, STATUS_LABELS } from '@openenforce/domain/events';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Segmented, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError, selectQueryProps } from '../../ui/QueryError.tsx';
import { EVENTS_API } from '../events/api.ts';
import { categoryLabel, EscalationTag, StatusTag } from '../events/labels.tsx';
import { useLiveEvents } from '../events/live.ts';
import { useEventsI18n, type EventsKey } from '../events/messages.ts';
import { categoriesQuery, eventListQuery, eventMapQuery } from '../events/queries.ts';
import type { EventSummary } from '../events/types.ts';
import { EventDrawer } from './EventDrawer.tsx';
import { EventMap } from './EventMap.tsx';
import { NotificationBell } from './NotificationBell.tsx';

const QUEUES = ['untriaged', 'to_dispatch', 'returned', 'overdue', 'warning', 'low_rating'] as const;
type QueueKey = (typeof QUEUES)[number] | 'all';
const QUEUE_LIMIT = 100;

interface Filters {
  status: string[];
  category?: string;
  source?: string;
  days: number;
}

interface QueueState {
  items: EventSummary[];
  more: boolean;
}

function QueueList({
  state,
  selectedId,
  onSelect,
}: {
  state: QueueState | undefined;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { te, pick } = useEventsI18n();
  if (!state) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (state.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={te('ev.queueEmpty')} />;
  return (
    <div data-testid="queue-list">
      {state.items.map((e) => (
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
              {e.locationUnresolved && <Tag color="orange">{te('ev.locationUnresolved')}</Tag>}
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
      {state.more && (
        <Typography.Text type="secondary" style={{ display: 'block', padding: 8, fontSize: 12 }}>
          {te('ev.queueMore', { n: QUEUE_LIMIT })}
        </Typography.Text>
      )}
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
  const common = { category: filters.category, source: filters.source, limit: QUEUE_LIMIT };
  const status = filters.status.join(',') || undefined;
  const keys = [...QUEUES, 'all' as const];
  const lists = useQueries({
    queries: keys.map((q) => ({
      ...eventListQuery(q === 'all' ? { ...common, status, from } : { ...common, queue: q }),
      refetchInterval,
      placeholderData: keepPreviousData,
    })),
  });
  const map = useQuery({
    ...eventMapQuery({ status, category: filters.category, source: filters.source, days: filters.days }),
    refetchInterval,
    placeholderData: keepPreviousData,
  });
  const queues: Partial<Record<QueueKey, QueueState>> = Object.fromEntries(
    keys.flatMap((q, i) => {
      const data = lists[i]!.data;
      return data ? [[q, { items: data.items, more: data.nextCursor !== null }]] : [];
    }),
  );
  const updatedAt = Math.max(map.dataUpdatedAt, ...lists.map((l) => l.dataUpdatedAt));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [EVENTS_API] });

  const statusOptions = useMemo(() => EVENT_STATUSES.map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) })), [pick]);

  const count = (q: QueueKey) => {
    const s = queues[q];
    return s ? (s.more ? `${s.items.length}+` : String(s.items.length)) : '…';
  };

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
      <QueryError queries={[...lists, map]} />
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
                data-count={queues[q]?.items.length ?? ''}
              >
                <span className="n">{count(q)}</span>
                <span className="l">{te(`ev.queue.${q}` as EventsKey)}</span>
              </button>
            ))}
          </div>
          <QueueList state={queues[active]} selectedId={selectedId} onSelect={setSelectedId} />
        </Card>
      </div>
      <EventDrawer id={selectedId} onClose={() => setSelectedId(null)} onOpen={setSelectedId} />
    </PageContainer>
  );
}
