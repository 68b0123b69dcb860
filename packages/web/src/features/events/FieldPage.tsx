import { ClockCircleOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Spin, Tag } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { COLORS } from '../../app/theme.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { categoryLabel, EscalationTag, StatusTag, timeLeft } from './labels.tsx';
import { useLiveEvents } from './live.ts';
import { useEventsI18n } from './messages.ts';
import { PhoneLayout } from './PhoneLayout.tsx';
import { eventListQuery } from './queries.ts';
import type { EventSummary } from './types.ts';

// A task's page loads when one is opened: the list is what the officer's phone opens first.
const FieldTask = lazy(() => import('./FieldTask.tsx'));

function TaskList() {
  const { te, pick } = useEventsI18n();
  const live = useLiveEvents();
  // The feed invalidates the list; the poll covers a feed outage.
  const list = useQuery({ ...eventListQuery({ queue: 'mine', limit: 100 }), refetchInterval: live ? 300_000 : 30_000 });
  const items = list.data?.items ?? null;

  // Most urgent first: overdue, then warning, then the nearest deadline.
  const sorted = [...(items ?? [])].sort((a, b) => {
    const rank = (e: EventSummary) => (e.escalation === 'red' ? 0 : e.escalation === 'yellow' ? 1 : 2);
    return rank(a) - rank(b) || (a.deadline ?? '9').localeCompare(b.deadline ?? '9');
  });

  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <span style={{ color: COLORS.textSecondary }} data-testid="task-count">
          {te('ev.field.count', { n: items?.length ?? 0 })}
        </span>
        <Button size="small" icon={<ReloadOutlined />} loading={list.isFetching} onClick={() => void list.refetch()}>
          {te('ev.refresh')}
        </Button>
      </Space>
      <QueryError query={list} />
      {items === null && !list.isError && <Spin />}
      {items?.length === 0 && <Empty description={te('ev.field.empty')} />}
      {sorted.map((e) => (
        // A link: Tab reaches each task and Enter opens it (as a tap does).
        <Link
          key={e.id}
          to={`/field/${e.id}`}
          className="oe-phone-card tappable"
          data-testid="task-card"
          data-event-id={e.id}
          data-status={e.status}
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Space size={4} wrap>
              <strong>{categoryLabel(pick, e.category)}</strong>
              {e.urgency === 'urgent' && <Tag color="red">{te('ev.urgency.urgent')}</Tag>}
              <EscalationTag level={e.escalation} />
            </Space>
            <StatusTag status={e.status} />
          </div>
          <p className="oe-clamp-2" style={{ margin: '4px 0', fontSize: 13 }}>
            {e.description}
          </p>
          <div style={{ fontSize: 12, color: '#595959' }}>
            <EnvironmentOutlined /> {[e.townName, e.address].filter(Boolean).join(' · ') || '—'}
          </div>
          {e.deadline && (
            <div
              style={{
                fontSize: 12,
                color: e.escalation === 'red' ? COLORS.error : e.escalation === 'yellow' ? COLORS.warning : '#595959',
              }}
            >
              <ClockCircleOutlined /> {dayjs(e.deadline).format('MM-DD HH:mm')} · {timeLeft(te, e.deadline)}
            </div>
          )}
        </Link>
      ))}
    </>
  );
}

/** 执法人员移动端 (SPEC §3, 360×740): my tasks, accept or return, handle with photos, re-check a rectification. */
export default function FieldPage() {
  const { te } = useEventsI18n();
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
        <TaskList />
      )}
    </PhoneLayout>
  );
}
