import { useQueries, useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Rate, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { QueryError } from '../../ui/QueryError.tsx';
import { RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { StatusTag } from '../events/labels.tsx';
import { useEventsI18n, type EventsKey } from '../events/messages.ts';
import { categoriesQuery, eventQuery, useStep } from '../events/queries.ts';
import { slaDeadline } from '../events/sla.ts';
import { StepError } from '../events/StepError.tsx';
import type { EventDetail } from '../events/types.ts';
import { TeamPicker } from './TeamPicker.tsx';

/** The steps the command centre's drawer takes in a modal (a call-back verifies and rates for the reporter). */
export type CommandStep = 'triage' | 'dispatch' | 'arbitrate' | 'merge' | 'dismiss' | 'urge' | 'verify' | 'rate';

const TITLES: Record<CommandStep, EventsKey> = {
  triage: 'ev.act.triage',
  dispatch: 'ev.act.dispatch',
  arbitrate: 'ev.act.arbitrate',
  merge: 'ev.act.merge',
  dismiss: 'ev.act.dismiss',
  urge: 'ev.act.urge',
  verify: 'ev.act.verify',
  rate: 'ev.act.rate',
};

interface Values {
  mode?: 'accept' | 'override';
  teamId?: string | null;
  overrideReason?: string;
  urgency?: 'normal' | 'urgent';
  matterId?: string | null;
  assistingTeamIds?: string[];
  deadline?: Dayjs | null;
  note?: string;
  justified?: boolean;
  reason?: string;
  masterId?: string;
  passed?: boolean;
  rating?: number;
  comment?: string;
}

/** The command centre's steps, each a small form in a modal; refusals are shown with the rules' words. */
export function StepModal({
  kind,
  event,
  onClose,
  onDone,
}: {
  kind: CommandStep | null;
  event: EventDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, te, pick } = useEventsI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const stepMutation = useStep();
  const mode = Form.useWatch('mode', form);
  const teamId = Form.useWatch('teamId', form);
  const justified = Form.useWatch('justified', form);

  const categories = useQuery(categoriesQuery);
  const category = categories.data?.find((c) => c.code === event.category);
  // The domain's rule on the working-day calendar, as the server applies it; null: the server computes it.
  const defaultDeadline = useMemo(
    () => (kind === 'dispatch' && category ? slaDeadline(category, event.urgency) : null),
    [kind, category, event.urgency],
  );
  const proposal = event.proposal?.ok ? event.proposal : null;

  // Merge: the suggested master and the duplicates found at intake, each read as an event.
  const candidateIds = useMemo(() => {
    if (kind !== 'merge') return [];
    const ids = new Set<string>();
    if (event.suggestedMasterId) ids.add(event.suggestedMasterId);
    const report = event.timeline.find((s) => s.action === 'report');
    const dups = (report?.detail?.duplicates ?? []) as { id: string }[];
    for (const d of dups) ids.add(d.id);
    ids.delete(event.id);
    return [...ids];
  }, [kind, event]);
  const candidateQueries = useQueries({ queries: candidateIds.map((id) => eventQuery(id)) });
  const candidates = candidateQueries.flatMap((q) => (q.data ? [q.data] : []));
  const firstCandidate = candidates[0]?.id;
  useEffect(() => {
    if (kind === 'merge' && firstCandidate && !form.getFieldValue('masterId'))
      form.setFieldValue('masterId', firstCandidate);
  }, [kind, firstCandidate, form]);

  useEffect(() => {
    if (!kind) return;
    stepMutation.reset();
    form.resetFields();
    form.setFieldsValue({
      mode: proposal ? 'accept' : 'override',
      teamId: kind === 'dispatch' ? event.teamId : kind === 'triage' ? (event.proposal?.teamId ?? null) : null,
      urgency: event.urgency,
      assistingTeamIds: [],
      // The arbitration's decision is the operator's: nothing is chosen for them.
      justified: undefined,
    });
    // reset only when the modal opens for another step or event
  }, [kind, event.id, event.version]);

  // The default deadline, once the category (and so the SLA) is known; a deadline the user chose stays.
  useEffect(() => {
    if (kind === 'dispatch' && defaultDeadline && !form.isFieldTouched('deadline'))
      form.setFieldValue('deadline', dayjs(defaultDeadline));
  }, [kind, defaultDeadline, form, event.id, event.version]);

  if (!kind) return null;

  async function submit() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the messages are on the fields
    }
    const base = { version: event.version };
    let body: Record<string, unknown>;
    switch (kind) {
      case 'triage': {
        const override = v.mode === 'override' && v.teamId && v.teamId !== event.proposal?.teamId;
        body = {
          ...base,
          urgency: v.urgency,
          ...(v.matterId ? { matterId: v.matterId } : {}),
          ...(v.mode === 'override' && v.teamId ? { teamId: v.teamId } : {}),
          ...(override ? { overrideReason: v.overrideReason } : {}),
        };
        break;
      }
      case 'dispatch': {
        const changedTeam = !!v.teamId && v.teamId !== event.teamId;
        const changedDeadline =
          v.deadline && (!defaultDeadline || Math.abs(v.deadline.diff(dayjs(defaultDeadline), 'minute')) > 1);
        body = {
          ...base,
          ...(changedTeam ? { teamId: v.teamId, overrideReason: v.overrideReason } : {}),
          assistingTeamIds: v.assistingTeamIds ?? [],
          ...(changedDeadline ? { deadline: v.deadline!.toISOString() } : {}),
          ...(v.note ? { note: v.note } : {}),
        };
        break;
      }
      case 'arbitrate':
        body = { ...base, justified: v.justified, reason: v.reason, ...(v.justified ? { teamId: v.teamId } : {}) };
        break;
      case 'merge':
        body = { ...base, masterId: v.masterId };
        break;
      case 'dismiss':
        body = { ...base, reason: v.reason };
        break;
      case 'verify':
        body = { ...base, passed: v.passed, ...(v.note ? { note: v.note } : {}) };
        break;
      case 'rate':
        body = { rating: v.rating, ...(v.comment ? { comment: v.comment } : {}) };
        break;
      default:
        body = v.note ? { note: v.note } : {};
    }
    try {
      await stepMutation.mutateAsync({ id: event.id, action: kind!, body });
      void message.success(te('ev.done', { action: te(TITLES[kind!]) }));
      onDone();
    } catch {
      // shown by <StepError> from the mutation's state
    }
  }

  const reasonRule = [{ required: true, min: 2, message: te('ev.reasonRequired') }];

  return (
    <Modal
      open
      title={`${te(TITLES[kind])} · ${event.no}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={te(TITLES[kind])}
      okButtonProps={{ loading: stepMutation.isPending, id: 'step-submit' }}
      destroyOnHidden
      width={560}
      data-testid={`step-modal-${kind}`}
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        {kind === 'triage' && (
          <>
            {event.proposal && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {pick(event.proposal.ok ? event.proposal.explanation : event.proposal.reason)}
              </Typography.Paragraph>
            )}
            <Form.Item name="mode" label={te('ev.triage.team')}>
              <Radio.Group data-testid="triage-mode">
                <Space orientation="vertical">
                  <Radio value="accept" disabled={!proposal}>
                    {te('ev.triage.accept', { team: proposal?.teamName ?? '—' })}
                  </Radio>
                  <Radio value="override">{te('ev.triage.override')}</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            {mode === 'override' && (
              <>
                <Form.Item
                  name="teamId"
                  label={te('ev.team')}
                  rules={[{ required: true, message: te('ev.teamRequired') }]}
                >
                  <TeamPicker
                    data-testid="triage-team"
                    names={{ [event.proposal?.teamId ?? '']: event.proposal?.teamName }}
                  />
                </Form.Item>
                {teamId !== event.proposal?.teamId && (
                  <Form.Item name="overrideReason" label={te('ev.overrideReason')} rules={reasonRule}>
                    <Input.TextArea rows={2} data-testid="override-reason" />
                  </Form.Item>
                )}
              </>
            )}
            {!event.matterId && (
              <Form.Item
                name="matterId"
                label={te('ev.matter')}
                rules={[{ required: true, message: te('ev.matterRequired') }]}
              >
                <RemoteSelect<{ id: string; name: string }>
                  endpoint="/api/catalog/matters"
                  optionLabel={(m) => m.name}
                  placeholder={te('ev.matterSearch')}
                />
              </Form.Item>
            )}
            <Form.Item name="urgency" label={te('ev.urgency')}>
              <Radio.Group
                options={[
                  { value: 'normal', label: te('ev.urgency.normal') },
                  { value: 'urgent', label: te('ev.urgency.urgent') },
                ]}
              />
            </Form.Item>
          </>
        )}
        {kind === 'dispatch' && (
          <>
            <Form.Item
              name="teamId"
              label={te('ev.leadTeam')}
              rules={[{ required: true, message: te('ev.teamRequired') }]}
            >
              <TeamPicker data-testid="dispatch-team" names={{ [event.teamId ?? '']: event.teamName }} />
            </Form.Item>
            {teamId && teamId !== event.teamId && (
              <Form.Item name="overrideReason" label={te('ev.overrideReason')} rules={reasonRule}>
                <Input.TextArea rows={2} />
              </Form.Item>
            )}
            <Form.Item name="assistingTeamIds" label={te('ev.assistingTeams')} extra={te('ev.assistingHint')}>
              <TeamPicker multiple exclude={[teamId]} data-testid="dispatch-assisting" />
            </Form.Item>
            <Form.Item
              name="deadline"
              label={te('ev.deadline')}
              extra={
                !defaultDeadline
                  ? te('ev.deadlineByServer')
                  : category
                    ? te('ev.slaHint', {
                        n: category.sla[event.urgency].n,
                        unit: te(
                          category.sla[event.urgency].unit === 'hours' ? 'ev.unit.hours' : 'ev.unit.workingDays',
                        ),
                      }) + (category.sla[event.urgency].unit === 'hours' ? '' : te('ev.slaWorkingDays'))
                    : undefined
              }
              rules={defaultDeadline ? [{ required: true }] : []}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                style={{ width: '100%' }}
                data-testid="dispatch-deadline"
              />
            </Form.Item>
            <Form.Item name="note" label={te('ev.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {kind === 'arbitrate' && (
          <>
            <Typography.Paragraph>
              {te('ev.arbitrate.returnedBy', { team: event.teamName ?? '—' })}
              <br />
              <Typography.Text type="secondary">
                {te('ev.tl.why')}: {[...event.timeline].reverse().find((s) => s.action === 'return')?.reason ?? '—'}
              </Typography.Text>
            </Typography.Paragraph>
            <Form.Item
              name="justified"
              label={te('ev.arbitrate.decision')}
              rules={[{ required: true, message: te('ev.arbitrate.decisionRequired') }]}
            >
              <Radio.Group data-testid="arbitrate-justified">
                <Space orientation="vertical">
                  <Radio value={true}>{te('ev.arbitrate.justified')}</Radio>
                  <Radio value={false}>{te('ev.arbitrate.unjustified')}</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            {justified && (
              <Form.Item
                name="teamId"
                label={te('ev.reassignTo')}
                rules={[{ required: true, message: te('ev.teamRequired') }]}
              >
                <TeamPicker exclude={[event.teamId]} data-testid="arbitrate-team" />
              </Form.Item>
            )}
            <Form.Item name="reason" label={te('ev.reason')} rules={reasonRule}>
              <Input.TextArea rows={2} data-testid="arbitrate-reason" />
            </Form.Item>
          </>
        )}
        {kind === 'merge' && (
          <Form.Item
            name="masterId"
            label={te('ev.merge.into')}
            rules={[{ required: true, message: te('ev.merge.none') }]}
          >
            {candidates.length === 0 ? (
              <Typography.Text type="secondary">
                {candidateQueries.some((q) => q.isPending) ? t('common.loading') : te('ev.merge.none')}
              </Typography.Text>
            ) : (
              <Radio.Group>
                <Space orientation="vertical">
                  {candidates.map((c) => (
                    <Radio key={c.id} value={c.id}>
                      <Space size={6}>
                        {c.no}
                        <StatusTag status={c.status} />
                        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                          {c.description}
                        </Typography.Text>
                      </Space>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            )}
          </Form.Item>
        )}
        {kind === 'merge' && <QueryError queries={candidateQueries} compact style={{ marginBottom: 12 }} />}
        {kind === 'dismiss' && (
          <Form.Item name="reason" label={te('ev.reason')} rules={reasonRule}>
            <Input.TextArea rows={3} data-testid="dismiss-reason" />
          </Form.Item>
        )}
        {kind === 'verify' && (
          <>
            <Form.Item
              name="passed"
              label={te('ev.verify.title')}
              rules={[{ required: true, message: te('ev.arbitrate.decisionRequired') }]}
            >
              <Radio.Group data-testid="verify-passed">
                <Space orientation="vertical">
                  <Radio value={true}>{te('ev.verify.pass')}</Radio>
                  <Radio value={false}>{te('ev.verify.fail')}</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={te('ev.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {kind === 'rate' && (
          <>
            <Form.Item
              name="rating"
              label={te('ev.rate.title')}
              rules={[{ required: true, message: te('ev.rate.title') }]}
            >
              <Rate aria-label={te('ev.rate.title')} />
            </Form.Item>
            <Form.Item name="comment" label={te('ev.rate.comment')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {kind === 'urge' && (
          <Form.Item name="note" label={te('ev.note')}>
            <Input.TextArea rows={2} maxLength={500} data-testid="urge-note" />
          </Form.Item>
        )}
      </Form>
      <StepError error={stepMutation.error} />
    </Modal>
  );
}
