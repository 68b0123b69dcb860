import { AimOutlined, ClockCircleOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { STATUS_LABELS } from '@openenforce/domain/events';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Spin, Tag } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { COLORS } from '../../app/theme.ts';
import { NativeSelect } from '../../ui/NativeFields.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { SegmentedTabs } from '../../ui/SegmentedTabs.tsx';
import { useScreensI18n } from '../command/messages.ts';
import { categoryLabel, EscalationTag, StatusTag, timeLeft } from './labels.tsx';
import { useLiveEvents } from './live.ts';
import { useEventsI18n } from './messages.ts';
import { PhoneLayout } from './PhoneLayout.tsx';
import { eventPagesQuery } from './queries.ts';
import type { EventSummary } from './types.ts';

// A task's page loads when one is opened: the list is what the officer's phone opens first (issue 13 §3.6). The list
// uses the light controls (NativeFields, SegmentedTabs), not antd's Select and Segmented with their form library.
const FieldTask = lazy(() => import('./FieldTask.tsx'));

type Grouping = 'deadline' | 'status';

/** The deadline group of a task, by the China day of its deadline and the server's level. */
function deadlineGroup(e: EventSummary, now: dayjs.Dayjs): 'overdue' | 'today' | 'later' | 'noDeadline' {
  if (!e.deadline) return 'noDeadline';
  if (e.escalation === 'red' || dayjs(e.deadline).isBefore(now)) return 'overdue';
  return dayjs(e.deadline).isSame(now, 'day') ? 'today' : 'later';
}

function TaskCard({ e }: { e: EventSummary }) {
  const { te, pick } = useEventsI18n();
  const { ts } = useScreensI18n();
  const navigate = useNavigate();
  const open = () => navigate(`/field/${e.id}`);
  return (
    // The card opens the task on a tap; to the keyboard the task's name is the link (Tab, Enter), so that the
    // map-app link inside is not nested in another control.
    <div
      className="oe-phone-card tappable"
      onClick={open}
      data-testid="task-card"
      data-event-id={e.id}
      data-status={e.status}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <Space size={4} wrap>
          <Link to={`/field/${e.id}`} onClick={(k) => k.stopPropagation()} style={{ color: 'inherit' }}>
            <strong>{categoryLabel(pick, e.category)}</strong>
          </Link>
          {e.urgency === 'urgent' && <Tag color="red">{te('ev.urgency.urgent')}</Tag>}
          <EscalationTag level={e.escalation} />
        </Space>
        <StatusTag status={e.status} />
      </div>
      <p className="oe-clamp-2" style={{ margin: '4px 0', fontSize: 13 }}>
        {e.description}
      </p>
      <div style={{ fontSize: 12, color: '#595959', display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span>
          <EnvironmentOutlined /> {[e.townName, e.address].filter(Boolean).join(' · ') || '—'}
        </span>
        {/* The phone's map app (geo: URI) routes to the spot; no tile key or map account needed. */}
        <a
          href={`geo:${e.lat},${e.lng}?q=${e.lat},${e.lng}`}
          onClick={(k) => k.stopPropagation()}
          data-testid="task-navigate"
          style={{ whiteSpace: 'nowrap' }}
        >
          <AimOutlined /> {ts('cs.tasks.navigate')}
        </a>
      </div>
      {e.deadline && (
        <div
          style={{
            fontSize: 12,
            color: e.escalation === 'red' ? '#cf1322' : e.escalation === 'yellow' ? '#ad6800' : '#595959',
          }}
        >
          <ClockCircleOutlined /> {dayjs(e.deadline).format('MM-DD HH:mm')} · {timeLeft(te, e.deadline)}
        </div>
      )}
    </div>
  );
}

/** The officer's tasks: every page of them, a status filter, grouped by deadline or by status. */
function TaskList() {
  const { te, pick } = useEventsI18n();
  const { ts } = useScreensI18n();
  const live = useLiveEvents();
  // The feed invalidates the list; the poll covers a feed outage.
  const list = useInfiniteQuery({
    ...eventPagesQuery({ queue: 'mine', limit: 100 }),
    refetchInterval: live ? 300_000 : 30_000,
  });
  const [grouping, setGrouping] = useState<Grouping>('deadline');
  const [status, setStatus] = useState<string>('all');
  const all = list.data?.pages.flatMap((p) => p.items) ?? null;
  const items = (all ?? []).filter((e) => status === 'all' || e.status === status);
  const statuses = [...new Set((all ?? []).map((e) => e.status))];

  // Most urgent first: overdue, then warning, then the nearest deadline.
  const sorted = [...items].sort((a, b) => {
    const rank = (e: EventSummary) => (e.escalation === 'red' ? 0 : e.escalation === 'yellow' ? 1 : 2);
    return rank(a) - rank(b) || (a.deadline ?? '9').localeCompare(b.deadline ?? '9');
  });
  const now = dayjs();
  const groups: [string, string, EventSummary[]][] =
    grouping === 'deadline'
      ? (['overdue', 'today', 'later', 'noDeadline'] as const).map((g) => [
          g,
          ts(`cs.tasks.${g}`),
          sorted.filter((e) => deadlineGroup(e, now) === g),
        ])
      : statuses.map((s) => [s, pick(STATUS_LABELS[s]), sorted.filter((e) => e.status === s)]);

  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <span style={{ color: COLORS.textSecondary }} data-testid="task-count">
          {te('ev.field.count', { n: all?.length ?? 0 })}
        </span>
        <Button size="small" icon={<ReloadOutlined />} loading={list.isFetching} onClick={() => void list.refetch()}>
          {te('ev.refresh')}
        </Button>
      </Space>
      <NativeSelect
        value={status}
        onValueChange={(v) => setStatus(v ?? 'all')}
        placeholder={te('ev.filter.status')}
        aria-label={te('ev.filter.status')}
        options={[
          { value: 'all', label: ts('cs.tasks.filterAll') },
          ...statuses.map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) })),
        ]}
        data-testid="task-status-filter"
      />
      <QueryError query={list} />
      <SegmentedTabs<Grouping>
        value={grouping}
        onChange={setGrouping}
        label={ts('cs.tasks.group')}
        tabs={[
          { value: 'deadline', label: ts('cs.tasks.byDeadline'), testId: 'task-grouping-deadline' },
          { value: 'status', label: ts('cs.tasks.byStatus'), testId: 'task-grouping-status' },
        ]}
      >
        {all === null && !list.isError && <Spin />}
        {all?.length === 0 && <Empty description={te('ev.field.empty')} />}
        {groups
          .filter(([, , g]) => g.length > 0)
          .map(([key, label, g]) => (
            <section
              key={key}
              data-testid={`task-group-${key}`}
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            >
              <h2 style={{ margin: 0, fontSize: 13, fontWeight: 600 }}>
                {label} · {g.length}
              </h2>
              {g.map((e) => (
                <TaskCard key={e.id} e={e} />
              ))}
            </section>
          ))}
      </SegmentedTabs>
      {list.hasNextPage && (
        <Button block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {ts('cs.more')}
        </Button>
      )}
    </>
  );
}

const FIELD_CASES_LINK = { zh: '现场办案（简易程序当场处罚）›', en: 'Cases on the spot (simple procedure) ›' };

/** 执法人员移动端 (SPEC §3, 360×740): my tasks, accept or return, handle with photos, re-check a rectification. */

export default function FieldPage() {
  const { te, pick } = useEventsI18n();
  const { can } = useAuth();
  const { id } = useParams();
  const navigate = useNavigate();
  return (
    <PhoneLayout
      title={id ? te('ev.field.task') : te('ev.field.title')}
      back={id ? () => navigate('/field') : undefined}
      testId="field-page"
    >
      {id ? (
        <Suspense fallback={<Spin />}>
          <FieldTask key={id} id={id} />
        </Suspense>
      ) : (
        <>
          {/* The simple procedure lives in its own lazily loaded page: /field's first load carries none of it. */}
          {can('case.handle') && (
            <Link to="/field/cases" className="oe-phone-card" data-testid="field-cases-link">
              {pick(FIELD_CASES_LINK)}
            </Link>
          )}
          <TaskList />
        </>
      )}
    </PhoneLayout>
  );
}
