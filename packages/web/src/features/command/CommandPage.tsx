import { DashboardOutlined, ReloadOutlined } from '@ant-design/icons';
import { EVENT_SOURCES, EVENT_STATUSES, SOURCE_LABELS, STATUS_LABELS } from '@openenforce/domain/events';
import { Badge, Button, Card, Empty, Segmented, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { listEvents, loadCategories } from '../events/api.ts';
import { categoryLabel, EscalationTag, StatusTag } from '../events/labels.tsx';
import { useEventsI18n, type EventsKey } from '../events/messages.ts';
import { useDebounced, useEventFeed, useInterval } from '../events/stream.ts';
import type { CategoryInfo, EventSummary } from '../events/types.ts';
import { EventDrawer } from './EventDrawer.tsx';
import { missingEndpoint } from './missing.ts';
import { EventMap, type MapPoint } from './EventMap.tsx';
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

/** The map's points: GET /api/events/map, or (a server without it) the latest events of the list. */
async function loadPoints(f: Filters, signal: AbortSignal): Promise<{ points: MapPoint[]; truncated: boolean }> {
  const query = {
    status: f.status.join(',') || undefined,
    category: f.category,
    source: f.source,
    days: f.days,
  };
  try {
    return await api<{ points: MapPoint[]; truncated: boolean }>('/api/events/map', { query, signal });
  } catch (err) {
    if (!missingEndpoint(err)) throw err;
    const page = await listEvents(
      {
        ...query,
        days: undefined,
        from: dayjs()
          .subtract(f.days - 1, 'day')
          .format('YYYY-MM-DD'),
        limit: 200,
      },
      signal,
    );
    return { points: page.items, truncated: page.nextCursor !== null };
  }
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
        <div
          key={e.id}
          className={`oe-queue-row${e.id === selectedId ? ' selected' : ''}`}
          onClick={() => onSelect(e.id)}
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
 * dispatches, arbitrates, merges, dismisses and urges. The live feed refreshes what changed.
 *
 * Test hooks: `[data-testid=event-map]` (data-points), queue tabs `queue-tab-<key>` with `data-count`, rows
 * `queue-row` with `data-event-id`, the drawer `event-drawer` with `action-<step>` buttons.
 */
export default function CommandPage() {
  const { te, pick } = useEventsI18n();
  const [filters, setFilters] = useState<Filters>({ status: [], days: 7 });
  const [categories, setCategories] = useState<CategoryInfo[]>([]);
  const [points, setPoints] = useState<MapPoint[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [queues, setQueues] = useState<Partial<Record<QueueKey, QueueState>>>({});
  const [active, setActive] = useState<QueueKey>('untriaged');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [drawerKey, setDrawerKey] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const ctlRef = useRef<AbortController | null>(null);

  useEffect(() => {
    loadCategories()
      .then(setCategories)
      .catch(() => undefined);
  }, []);

  const reload = useCallback(() => {
    ctlRef.current?.abort();
    const ctl = new AbortController();
    ctlRef.current = ctl;
    const common = { category: filters.category, source: filters.source, limit: QUEUE_LIMIT };
    const from = dayjs()
      .subtract(filters.days - 1, 'day')
      .format('YYYY-MM-DD');
    const lists = [...QUEUES, 'all' as const].map((q) =>
      listEvents(
        q === 'all' ? { ...common, status: filters.status.join(',') || undefined, from } : { ...common, queue: q },
        ctl.signal,
      ).then((p) => [q, { items: p.items, more: p.nextCursor !== null }] as const),
    );
    Promise.all([Promise.all(lists), loadPoints(filters, ctl.signal)])
      .then(([qs, map]) => {
        setQueues(Object.fromEntries(qs));
        setPoints(map.points);
        setTruncated(map.truncated);
        setError(null);
        setUpdatedAt(new Date());
      })
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) setError(err);
      });
  }, [filters]);

  useEffect(() => {
    reload();
    return () => ctlRef.current?.abort();
  }, [reload]);

  const debounced = useDebounced(reload, 600);
  const live = useEventFeed({
    onEvent: (m) => {
      debounced();
      if (m.id === selectedId) setDrawerKey((k) => k + 1);
    },
  });
  // The feed carries changes; the clock (warnings turning red) and a feed outage need a poll.
  useInterval(reload, live ? 120_000 : 20_000);

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
          {updatedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {te('ev.updatedAt', { time: dayjs(updatedAt).format('HH:mm:ss') })}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={te('ev.refresh')} />
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
            style={{ minWidth: 200 }}
            options={categories.map((c) => ({ value: c.code, label: pick(c) }))}
            value={filters.category}
            onChange={(category) => setFilters((f) => ({ ...f, category }))}
            data-testid="filter-category"
          />
          <Select
            allowClear
            placeholder={te('ev.filter.source')}
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
          {truncated && <Tag color="orange">{te('ev.mapTruncated')}</Tag>}
        </Space>
      </Card>
      {error ? <ApiErrorAlert error={error} /> : null}
      <div style={{ display: 'flex', gap: 12, alignItems: 'stretch', minHeight: 560 }}>
        <Card size="small" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 0 } }}>
          <EventMap points={points} selectedId={selectedId} onSelect={setSelectedId} height="calc(100vh - 250px)" />
        </Card>
        <Card
          size="small"
          style={{ width: 440, flex: 'none' }}
          styles={{ body: { padding: 0, height: 'calc(100vh - 250px)', overflow: 'auto' } }}
        >
          <div className="oe-queue-tiles" data-testid="queue-tabs">
            {[...QUEUES, 'all' as const].map((q) => (
              <button
                type="button"
                key={q}
                className={`oe-queue-tile ${q}${q === active ? ' active' : ''}`}
                onClick={() => setActive(q)}
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
      <EventDrawer
        id={selectedId}
        reloadKey={drawerKey}
        onClose={() => setSelectedId(null)}
        onChanged={reload}
        onOpen={setSelectedId}
      />
    </PageContainer>
  );
}
