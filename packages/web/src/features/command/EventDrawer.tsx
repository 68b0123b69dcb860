import { ExclamationCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Rate, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { QueryError } from '../../ui/QueryError.tsx';
import { Link } from 'react-router';
import { BlockedActions, useEventActions } from '../events/actions.tsx';
import { eventQuery } from '../events/queries.ts';
import { jurisdictionRuleLabel } from '@openenforce/domain/catalog';
import { categoryLabel, EscalationTag, OUTCOME_LABELS, sourceLabel, StatusTag, timeLeft } from '../events/labels.tsx';
import { useEventsI18n, type EventsKey } from '../events/messages.ts';
import { EventPhotos } from '../events/Photos.tsx';
import { EventTimeline } from '../events/Timeline.tsx';
import type { HandlingOutcome } from '../events/types.ts';
import { StepModal, type CommandStep } from './StepModal.tsx';
import { COLORS } from '../../app/theme.ts';

/** The steps the drawer takes in a modal; every other allowed step (the team's) opens the task in the field app. */
const MODAL_STEPS: readonly CommandStep[] = [
  'dispatch',
  'triage',
  'arbitrate',
  'verify',
  'rate',
  'merge',
  'dismiss',
  'urge',
];
const isModalStep = (a: string): a is CommandStep => (MODAL_STEPS as readonly string[]).includes(a);

/** The event in the command centre: facts, proposal, duplicate, photos, timeline and the steps it can take. */
export function EventDrawer({
  id,
  onClose,
  onOpen,
}: {
  id: string | null;
  onClose: () => void;
  onOpen: (id: string) => void;
}) {
  const { te, pick } = useEventsI18n();
  const [modal, setModal] = useState<CommandStep | null>(null);
  // Kept current by the live feed and by the steps taken here (both invalidate this event's query).
  const query = useQuery({ ...eventQuery(id ?? ''), enabled: !!id });
  const event = id ? (query.data ?? null) : null;

  // Exactly the steps the server would accept, from the procedure's own rows (GET /api/events/:id/actions): the
  // drawer keeps no table of which status or role allows which step. Modal steps first, in the command's order.
  const offered = useEventActions(id, event?.version);
  const actions = offered.query;
  const steps = [...MODAL_STEPS.filter((s) => offered.may(s)), ...offered.allowed.filter((a) => !isModalStep(a))];
  const primary = steps[0];

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={640}
      title={
        event ? (
          <Space size={8} wrap>
            <span data-testid="drawer-no">{event.no}</span>
            <StatusTag status={event.status} />
            <EscalationTag level={event.escalation} />
            {event.urgency === 'urgent' && <Tag color="red">{te('ev.urgency.urgent')}</Tag>}
          </Space>
        ) : (
          te('ev.detail')
        )
      }
      extra={
        event && (
          <Space size={6} wrap data-testid="drawer-actions">
            {steps.map((s) =>
              isModalStep(s) ? (
                <Button
                  key={s}
                  type={s === primary ? 'primary' : 'default'}
                  danger={s === 'dismiss'}
                  onClick={() => setModal(s)}
                  data-testid={`action-${s}`}
                >
                  {te(`ev.act.${s}` as EventsKey)}
                </Button>
              ) : (
                <Link key={s} to={`/field/${event.id}`} data-testid={`action-${s}`}>
                  <Button type={s === primary ? 'primary' : 'default'} title={te('ev.act.openField')}>
                    {te(`ev.act.${s}` as EventsKey)}
                  </Button>
                </Link>
              ),
            )}
          </Space>
        )
      }
      data-testid="event-drawer"
    >
      {id && <QueryError queries={[query, actions]} />}
      {!event && !query.isError && <Spin />}
      {event && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {event.master && (
            <Alert
              type="info"
              showIcon
              title={te('ev.mergedInto', { no: event.master.no })}
              action={
                <Button size="small" onClick={() => onOpen(event.master!.id)}>
                  {te('ev.open')}
                </Button>
              }
            />
          )}
          {!event.master && event.status === 'merged' && (
            <Alert type="info" showIcon title={te('ev.mergedIntoOther')} data-testid="merged-elsewhere" />
          )}
          <BlockedActions blocked={offered.blocked} />
          {event.suggestedMasterId && offered.may('merge') && (
            <Alert
              type="warning"
              showIcon
              icon={<ExclamationCircleOutlined />}
              data-testid="duplicate-hint"
              title={te('ev.duplicateSuggested')}
              action={
                <Space orientation="vertical" size={4}>
                  <Button size="small" onClick={() => onOpen(event.suggestedMasterId!)}>
                    {te('ev.open')}
                  </Button>
                  <Button size="small" type="primary" onClick={() => setModal('merge')}>
                    {te('ev.act.merge')}
                  </Button>
                </Space>
              }
            />
          )}
          <Descriptions
            size="small"
            column={2}
            bordered
            styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'cat', label: te('ev.category'), children: categoryLabel(pick, event.category), span: 1 },
              { key: 'src', label: te('ev.source'), children: sourceLabel(pick, event.source), span: 1 },
              {
                key: 'desc',
                label: te('ev.description'),
                children: <span data-testid="drawer-description">{event.description}</span>,
                span: 2,
              },
              {
                key: 'where',
                label: te('ev.where'),
                span: 2,
                children: (
                  <>
                    {[event.townName, event.villageName, event.gridName].filter(Boolean).join(' / ')}
                    {event.address && <div>{event.address}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {event.lng.toFixed(5)}, {event.lat.toFixed(5)}
                    </Typography.Text>
                  </>
                ),
              },
              { key: 'at', label: te('ev.reportedAt'), children: dayjs(event.reportedAt).format('YYYY-MM-DD HH:mm') },
              {
                key: 'reporter',
                label: te('ev.reporter'),
                children: [event.reporterName, event.reporterPhone].filter(Boolean).join(' ') || '—',
              },
              {
                key: 'team',
                label: te('ev.team'),
                children: (
                  <>
                    <span data-testid="drawer-team">{event.teamName ?? '—'}</span>
                    {event.assistingTeams.length > 0 && (
                      <div style={{ fontSize: 12 }}>
                        {te('ev.assistingTeams')}: {event.assistingTeams.map((t) => t.name ?? t.id).join('、')}
                      </div>
                    )}
                  </>
                ),
              },
              {
                key: 'deadline',
                label: te('ev.deadline'),
                children: event.deadline ? (
                  <>
                    {dayjs(event.deadline).format('YYYY-MM-DD HH:mm')}
                    {!['closed', 'merged', 'handled'].includes(event.status) && (
                      <div
                        style={{
                          fontSize: 12,
                          color: event.escalation === 'red' ? COLORS.error : COLORS.textSecondary,
                        }}
                      >
                        {timeLeft(te, event.deadline)}
                      </div>
                    )}
                  </>
                ) : (
                  '—'
                ),
              },
              ...(event.outcome
                ? [
                    {
                      key: 'outcome',
                      label: te('ev.outcome'),
                      span: 2,
                      children: (
                        <>
                          {pick(OUTCOME_LABELS[event.outcome as HandlingOutcome])}
                          {event.caseHandle && <Tag style={{ marginInlineStart: 6 }}>{event.caseHandle}</Tag>}
                          {event.rectifyDue && (
                            <div style={{ fontSize: 12 }}>
                              {te('ev.rectifyDue')}: {dayjs(event.rectifyDue).format('YYYY-MM-DD')}
                            </div>
                          )}
                        </>
                      ),
                    },
                  ]
                : []),
              ...(event.rating !== null
                ? [
                    {
                      key: 'rating',
                      label: te('ev.rating'),
                      span: 2,
                      children: (
                        <>
                          <Rate disabled value={event.rating} style={{ fontSize: 14 }} /> {event.ratingComment}
                        </>
                      ),
                    },
                  ]
                : []),
              {
                key: 'counts',
                label: te('ev.counts'),
                span: 2,
                children: te('ev.countsText', {
                  returns: event.returnCount,
                  urges: event.urgeCount,
                  reopens: event.reopenCount,
                }),
              },
            ]}
          />
          <Card size="small" title={te('ev.proposal')} data-testid="proposal">
            {event.proposal ? (
              <Space orientation="vertical" size={4}>
                <Space size={6} wrap>
                  <Tag color={event.proposal.ok ? 'blue' : 'orange'} title={event.proposal.ruleId}>
                    {pick(jurisdictionRuleLabel(event.proposal.ruleId))}
                  </Tag>
                  <Typography.Text strong>{event.proposal.teamName ?? '—'}</Typography.Text>
                  {event.proposal.subjectName && (
                    <Typography.Text type="secondary">（{event.proposal.subjectName}）</Typography.Text>
                  )}
                </Space>
                <Typography.Text style={{ fontSize: 13 }} data-testid="proposal-explanation">
                  {pick(event.proposal.ok ? event.proposal.explanation : event.proposal.reason)}
                </Typography.Text>
              </Space>
            ) : (
              <Typography.Text type="secondary">{te('ev.noProposal')}</Typography.Text>
            )}
          </Card>
          <Card size="small" title={te('ev.photos')}>
            <EventPhotos photos={event.photos} />
          </Card>
          {event.merged.length > 0 && (
            <Card size="small" title={te('ev.mergedReports', { n: event.merged.length })}>
              <Space wrap>
                {event.merged.map((m) => (
                  <Button key={m.id} size="small" onClick={() => onOpen(m.id)}>
                    {m.no} · {sourceLabel(pick, m.source)}
                  </Button>
                ))}
              </Space>
            </Card>
          )}
          <Card size="small" title={te('ev.timeline')}>
            {event.timeline.length ? <EventTimeline steps={event.timeline} /> : <Empty />}
          </Card>
          <StepModal kind={modal} event={event} onClose={() => setModal(null)} onDone={() => setModal(null)} />
        </Space>
      )}
    </Drawer>
  );
}
