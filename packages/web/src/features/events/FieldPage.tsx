import { AimOutlined, ClockCircleOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { STATUS_LABELS } from '@openenforce/domain/events';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Input, Segmented, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { HandleForm } from './HandleForm.tsx';
import { categoryLabel, EscalationTag, OUTCOME_LABELS, StatusTag, timeLeft } from './labels.tsx';
import { useLiveEvents } from './live.ts';
import { useEventsI18n } from './messages.ts';
import { PhoneLayout } from './PhoneLayout.tsx';
import { EventPhotos } from './Photos.tsx';
import { PhotoInput } from './PhotoInput.tsx';
import { eventPagesQuery, eventQuery, useStep } from './queries.ts';
import { useScreensI18n } from '../command/messages.ts';
import { BlockedActions, useEventActions } from './actions.tsx';
import { StepError } from './StepError.tsx';
import { EventTimeline } from './Timeline.tsx';
import type { EventDetail, EventSummary, HandlingOutcome } from './types.ts';
import { COLORS } from '../../app/theme.ts';

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
            <Typography.Text strong>{categoryLabel(pick, e.category)}</Typography.Text>
          </Link>
          {e.urgency === 'urgent' && <Tag color="red">{te('ev.urgency.urgent')}</Tag>}
          <EscalationTag level={e.escalation} />
        </Space>
        <StatusTag status={e.status} />
      </div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0', fontSize: 13 }}>
        {e.description}
      </Typography.Paragraph>
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
        <Typography.Text type="secondary" data-testid="task-count">
          {te('ev.field.count', { n: all?.length ?? 0 })}
        </Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} loading={list.isFetching} onClick={() => void list.refetch()}>
          {te('ev.refresh')}
        </Button>
      </Space>
      <Space wrap size={6}>
        <Segmented<Grouping>
          size="small"
          value={grouping}
          onChange={setGrouping}
          options={[
            { value: 'deadline', label: ts('cs.tasks.byDeadline') },
            { value: 'status', label: ts('cs.tasks.byStatus') },
          ]}
          aria-label={ts('cs.tasks.group')}
          data-testid="task-grouping"
        />
        <Select
          size="small"
          value={status}
          onChange={setStatus}
          style={{ minWidth: 110 }}
          aria-label={te('ev.filter.status')}
          options={[
            { value: 'all', label: ts('cs.tasks.filterAll') },
            ...statuses.map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) })),
          ]}
          data-testid="task-status-filter"
        />
      </Space>
      <QueryError query={list} />
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
            <Typography.Text strong style={{ fontSize: 13 }}>
              {label} · {g.length}
            </Typography.Text>
            {g.map((e) => (
              <TaskCard key={e.id} e={e} />
            ))}
          </section>
        ))}
      {list.hasNextPage && (
        <Button block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {ts('cs.more')}
        </Button>
      )}
    </>
  );
}

/** Joint handling: whether the user's team assists rather than leads. */
function useAssisting(event: EventDetail): boolean {
  const { me } = useAuth();
  const team = me?.scopeTeamId ?? null;
  return team !== null && event.teamId !== team && event.assistingTeams.some((t) => t.id === team);
}

function AssistForm({ event }: { event: EventDetail }) {
  const { te } = useEventsI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const assist = useStep();
  return (
    <div className="oe-phone-card" data-testid="assist-form">
      <Typography.Text strong>{te('ev.assist.title', { team: event.teamName ?? '—' })}</Typography.Text>
      <Input.TextArea
        rows={3}
        style={{ marginTop: 6 }}
        value={note}
        placeholder={te('ev.assist.note')}
        onChange={(e) => setNote(e.target.value)}
      />
      <div style={{ marginTop: 8 }}>
        <PhotoInput kind="after" onChange={setPhotos} />
      </div>
      <StepError error={assist.error} style={{ marginTop: 8 }} />
      <div className="oe-phone-actions">
        <Button
          type="primary"
          loading={assist.isPending}
          disabled={note.trim().length < 2}
          onClick={() =>
            assist.mutate(
              { id: event.id, action: 'assist', body: { note: note.trim(), photoIds: photos }, ask: true },
              {
                onSuccess: () => {
                  void message.success(te('ev.assist.done'));
                  setNote('');
                },
              },
            )
          }
        >
          {te('ev.assist.submit')}
        </Button>
      </div>
    </div>
  );
}

/** The team's steps on a task: exactly those the server answers for this user and event (GET …/actions). */
function TaskActions({ event }: { event: EventDetail }) {
  const { te } = useEventsI18n();
  const assisting = useAssisting(event);
  const offered = useEventActions(event.id, event.version);
  if (!offered.data) return offered.query.isError ? <QueryError query={offered.query} /> : <Spin />;
  const steps = (
    <>
      {(offered.may('accept') || offered.may('return')) && (
        <AcceptOrReturn event={event} mayAccept={offered.may('accept')} mayReturn={offered.may('return')} />
      )}
      {offered.may('handle') && (
        <div className="oe-phone-card">
          <HandleForm event={event} />
        </div>
      )}
      {offered.may('recheck') && <RecheckForm event={event} />}
      {offered.may('assist') && <AssistForm event={event} />}
    </>
  );
  const none = !FIELD_STEPS.some((a) => offered.may(a));
  return (
    <>
      <BlockedActions blocked={offered.blocked} only={FIELD_STEPS} />
      {steps}
      {none && (
        <div className="oe-phone-card" data-testid="task-no-steps">
          {assisting
            ? te('ev.assist.waiting', { team: event.teamName ?? '—' })
            : event.status === 'handled'
              ? te('ev.field.awaitingVerification')
              : event.status === 'closed'
                ? te('ev.field.closed')
                : te('ev.field.noSteps')}
        </div>
      )}
    </>
  );
}

/** The steps the field app hosts (the command centre's are taken there). */
const FIELD_STEPS = ['accept', 'return', 'handle', 'recheck', 'assist'] as const;

function AcceptOrReturn({
  event,
  mayAccept,
  mayReturn,
}: {
  event: EventDetail;
  mayAccept: boolean;
  mayReturn: boolean;
}) {
  const { te } = useEventsI18n();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const stepMutation = useStep();
  const busy = stepMutation.isPending;

  function run(action: 'accept' | 'return', body: Record<string, unknown>, done: string) {
    stepMutation.mutate(
      { id: event.id, action, body: { version: event.version, ...body }, ask: true },
      { onSuccess: () => void message.success(done) },
    );
  }

  return (
    <>
      {returning && (
        <div className="oe-phone-card">
          <Typography.Text strong>{te('ev.return.reason')}</Typography.Text>
          <Input.TextArea
            rows={3}
            style={{ marginTop: 6 }}
            value={reason}
            maxLength={500}
            placeholder={te('ev.return.placeholder')}
            aria-label={te('ev.return.reason')}
            onChange={(e) => setReason(e.target.value)}
            data-testid="return-reason"
          />
        </div>
      )}
      <StepError error={stepMutation.error} />
      <div className="oe-phone-actions">
        {returning ? (
          <>
            <Button onClick={() => setReturning(false)}>{te('ev.cancel')}</Button>
            <Button
              danger
              type="primary"
              loading={busy}
              disabled={reason.trim().length < 2}
              onClick={() => run('return', { reason: reason.trim() }, te('ev.returned'))}
              data-testid="return-submit"
            >
              {te('ev.return.submit')}
            </Button>
          </>
        ) : (
          <>
            {mayReturn && (
              <Button danger onClick={() => setReturning(true)} data-testid="task-return">
                {te('ev.act.return')}
              </Button>
            )}
            {mayAccept && (
              <Button
                type="primary"
                loading={busy}
                onClick={() => run('accept', {}, te('ev.accepted'))}
                data-testid="task-accept"
              >
                {te('ev.act.accept')}
              </Button>
            )}
          </>
        )}
      </div>
    </>
  );
}

function RecheckForm({ event }: { event: EventDetail }) {
  const { te } = useEventsI18n();
  const { message } = App.useApp();
  const [passed, setPassed] = useState(true);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const stepMutation = useStep();
  return (
    <div className="oe-phone-card" data-testid="recheck-form">
      <Typography.Text strong>{te('ev.recheck.title')}</Typography.Text>
      <div style={{ fontSize: 12, color: COLORS.textSecondary }}>
        {event.rectifyDue && te('ev.recheck.due', { date: dayjs(event.rectifyDue).format('YYYY-MM-DD') })}
      </div>
      <Space style={{ margin: '8px 0' }}>
        <Switch id="recheck-passed" checked={passed} onChange={setPassed} data-testid="recheck-passed" />
        <label htmlFor="recheck-passed">{te(passed ? 'ev.recheck.passed' : 'ev.recheck.failed')}</label>
      </Space>
      <Input.TextArea
        rows={3}
        value={note}
        placeholder={te('ev.recheck.note')}
        aria-label={te('ev.recheck.note')}
        onChange={(e) => setNote(e.target.value)}
        data-testid="recheck-note"
      />
      <div style={{ marginTop: 8 }}>
        <PhotoInput kind="after" onChange={setPhotos} label={te('ev.photoAfter')} />
      </div>
      <StepError error={stepMutation.error} style={{ marginTop: 8 }} />
      <div className="oe-phone-actions">
        <Button
          type="primary"
          loading={stepMutation.isPending}
          disabled={note.trim().length < 1}
          onClick={() =>
            stepMutation.mutate(
              {
                id: event.id,
                action: 'recheck',
                body: { version: event.version, passed, note: note.trim(), photoIds: photos },
                ask: true,
              },
              { onSuccess: () => void message.success(te('ev.rechecked')) },
            )
          }
          data-testid="recheck-submit"
        >
          {te('ev.act.recheck')}
        </Button>
      </div>
    </div>
  );
}

function Task({ id }: { id: string }) {
  const { te, pick } = useEventsI18n();
  useLiveEvents();
  // Kept current by the live feed and by the steps taken here (both invalidate this event's query).
  const query = useQuery(eventQuery(id));
  const event = query.data;

  if (!event) return query.isError ? <QueryError query={query} /> : <Spin />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="task" data-status={event.status}>
      <div className="oe-phone-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <div>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {categoryLabel(pick, event.category)}
            </Typography.Text>
            <div style={{ fontSize: 12, color: COLORS.textSecondary }}>{event.no}</div>
          </div>
          <Space orientation="vertical" align="end" size={2}>
            <StatusTag status={event.status} />
            <EscalationTag level={event.escalation} />
          </Space>
        </div>
        <Typography.Paragraph style={{ margin: '8px 0', fontSize: 14 }}>{event.description}</Typography.Paragraph>
        <div style={{ fontSize: 13, color: '#595959' }}>
          <EnvironmentOutlined /> {[event.townName, event.villageName, event.gridName].filter(Boolean).join(' / ')}
          {event.address && <div>{event.address}</div>}
        </div>
        {event.deadline && (
          <div style={{ fontSize: 13, color: event.escalation === 'red' ? COLORS.error : '#595959' }}>
            <ClockCircleOutlined /> {te('ev.deadline')}: {dayjs(event.deadline).format('MM-DD HH:mm')}
            {!['handled', 'closed'].includes(event.status) && ` · ${timeLeft(te, event.deadline)}`}
          </div>
        )}
        {event.outcome && (
          <div style={{ fontSize: 13 }}>
            {te('ev.outcome')}: {pick(OUTCOME_LABELS[event.outcome as HandlingOutcome])}
          </div>
        )}
        {event.assistingTeams.length > 0 && (
          <div style={{ fontSize: 13 }}>
            {te('ev.assistingTeams')}: {event.assistingTeams.map((t) => t.name).join('、')}
          </div>
        )}
        <div style={{ marginTop: 8 }}>
          <EventPhotos photos={event.photos} size={72} />
        </div>
      </div>
      <QueryError query={query} />
      <TaskActions event={event} />
      <div className="oe-phone-card">
        <Typography.Text strong>{te('ev.timeline')}</Typography.Text>
        <div style={{ marginTop: 10 }}>
          <EventTimeline steps={event.timeline} compact />
        </div>
      </div>
    </div>
  );
}

/** 执法人员移动端 (SPEC §3, 360×740): my tasks, accept or return, handle with photos, re-check a rectification. */
const FIELD_CASES_LINK = { zh: '现场办案（简易程序当场处罚）›', en: 'Cases on the spot (simple procedure) ›' };

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
      <App component={false}>
        {id ? (
          <Task key={id} id={id} />
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
      </App>
    </PhoneLayout>
  );
}
