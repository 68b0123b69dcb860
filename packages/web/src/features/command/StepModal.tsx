import { App, DatePicker, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { getEvent, loadCategories, step } from '../events/api.ts';
import { StatusTag } from '../events/labels.tsx';
import { useEventsI18n, type EventsKey } from '../events/messages.ts';
import { StepError } from '../events/StepError.tsx';
import type { CategoryInfo, EventDetail } from '../events/types.ts';
import { TeamPicker } from './TeamPicker.tsx';

export type CommandStep = 'triage' | 'dispatch' | 'arbitrate' | 'merge' | 'dismiss' | 'urge';

const TITLES: Record<CommandStep, EventsKey> = {
  triage: 'ev.act.triage',
  dispatch: 'ev.act.dispatch',
  arbitrate: 'ev.act.arbitrate',
  merge: 'ev.act.merge',
  dismiss: 'ev.act.dismiss',
  urge: 'ev.act.urge',
};

/** The SLA's deadline from now, as the server computes it (working days skip weekends here; holidays are the server's). */
export function slaDeadline(category: CategoryInfo | undefined, urgency: 'normal' | 'urgent', now = dayjs()): Dayjs {
  const sla = category?.sla[urgency] ?? { unit: 'working_days' as const, n: 5 };
  if (sla.unit === 'hours') return now.add(sla.n, 'hour');
  let d = now;
  let left = sla.n;
  while (left > 0) {
    d = d.add(1, 'day');
    if (d.day() !== 0 && d.day() !== 6) left--;
  }
  return d;
}

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
  const { te, pick } = useEventsI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [categories, setCategories] = useState<CategoryInfo[]>([]);
  const [candidates, setCandidates] = useState<EventDetail[]>([]);
  const mode = Form.useWatch('mode', form);
  const teamId = Form.useWatch('teamId', form);
  const justified = Form.useWatch('justified', form);

  useEffect(() => {
    loadCategories()
      .then(setCategories)
      .catch(() => undefined);
  }, []);

  const category = categories.find((c) => c.code === event.category);
  const defaultDeadline = slaDeadline(category, event.urgency);
  const proposal = event.proposal?.ok ? event.proposal : null;

  useEffect(() => {
    if (!kind) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      mode: proposal ? 'accept' : 'override',
      teamId: kind === 'dispatch' ? event.teamId : kind === 'triage' ? (event.proposal?.teamId ?? null) : null,
      urgency: event.urgency,
      assistingTeamIds: [],
      deadline: kind === 'dispatch' ? slaDeadline(category, event.urgency) : null,
      justified: true,
    });
    if (kind === 'merge') {
      const ids = new Set<string>();
      if (event.suggestedMasterId) ids.add(event.suggestedMasterId);
      const report = event.timeline.find((s) => s.action === 'report');
      const dups = (report?.detail?.duplicates ?? []) as { id: string }[];
      for (const d of dups) ids.add(d.id);
      ids.delete(event.id);
      Promise.all([...ids].map((id) => getEvent(id).catch(() => null)))
        .then((found) => {
          const list = found.filter((e): e is EventDetail => !!e);
          setCandidates(list);
          if (list[0]) form.setFieldValue('masterId', list[0].id);
        })
        .catch(() => setCandidates([]));
    }
    // reset only when the modal opens for another step or event
  }, [kind, event.id, event.version]);

  if (!kind) return null;

  async function submit() {
    const v = await form.validateFields();
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
        const changedDeadline = v.deadline && Math.abs(v.deadline.diff(defaultDeadline, 'minute')) > 1;
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
      default:
        body = v.note ? { note: v.note } : {};
    }
    setBusy(true);
    setError(null);
    try {
      await step(event.id, kind!, body);
      void message.success(te('ev.done', { action: te(TITLES[kind!]) }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const reasonRule = [{ required: true, min: 2, message: te('ev.reasonRequired') }];

  return (
    <Modal
      open
      title={`${te(TITLES[kind])} · ${event.no}`}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={te(TITLES[kind])}
      okButtonProps={{ loading: busy, id: 'step-submit' }}
      destroyOnHidden
      width={560}
      data-testid={`step-modal-${kind}`}
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        {kind === 'triage' && (
          <>
            {event.proposal && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {event.proposal.explanation ? pick(event.proposal.explanation) : event.proposal.ruleId}
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
                  <TeamPicker data-testid="triage-team" />
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
              <TeamPicker data-testid="dispatch-team" />
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
                category
                  ? te('ev.slaHint', {
                      n: category.sla[event.urgency].n,
                      unit: te(category.sla[event.urgency].unit === 'hours' ? 'ev.unit.hours' : 'ev.unit.workingDays'),
                    })
                  : undefined
              }
              rules={[{ required: true }]}
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
            <Form.Item name="justified" label={te('ev.arbitrate.decision')}>
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
              <Typography.Text type="secondary">{te('ev.merge.none')}</Typography.Text>
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
        {kind === 'dismiss' && (
          <Form.Item name="reason" label={te('ev.reason')} rules={reasonRule}>
            <Input.TextArea rows={3} data-testid="dismiss-reason" />
          </Form.Item>
        )}
        {kind === 'urge' && (
          <Form.Item name="note" label={te('ev.note')}>
            <Input.TextArea rows={2} maxLength={500} data-testid="urge-note" />
          </Form.Item>
        )}
      </Form>
      <StepError error={error} />
    </Modal>
  );
}
