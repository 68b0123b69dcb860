import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Input, Space, Spin, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../app/auth.tsx';
import { COLORS } from '../../app/theme.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { BlockedActions, useEventActions } from './actions.tsx';
import { HandleForm } from './HandleForm.tsx';
import { categoryLabel, EscalationTag, OUTCOME_LABELS, StatusTag, timeLeft } from './labels.tsx';
import { useLiveEvents } from './live.ts';
import { useEventsI18n } from './messages.ts';
import { EventPhotos } from './Photos.tsx';
import { PhotoInput } from './PhotoInput.tsx';
import { eventQuery, useStep } from './queries.ts';
import { StepError } from './StepError.tsx';
import { EventTimeline } from './Timeline.tsx';
import type { EventDetail, HandlingOutcome } from './types.ts';

/*
 * One task on the officer's phone (/field/:id): its facts, the steps the officer may take and the timeline. Loaded
 * only when a task is opened: the handling form, date picker, photo input and timeline stay off the task list's
 * first load (issue 13 §3.6).
 */

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

/** The task page; `App` gives the step buttons their toast messages. */
export default function FieldTask({ id }: { id: string }) {
  return (
    <App component={false}>
      <Task id={id} />
    </App>
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
