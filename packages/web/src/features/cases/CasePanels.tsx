import {
  CASE_STATE_LABELS,
  type CaseActionsView,
  type CaseClockView,
  type CaseDetail,
  type CaseState,
  type CaseStepAction,
} from '@openenforce/domain/cases';
import { Alert, Button, Card, Collapse, Empty, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { ACTION_LABELS, FIELD_VALUE_LABELS, valueLabel } from './labels.ts';
import { useCasesI18n, type CasesKey } from './messages.ts';

/*
 * The parts of the case record (issue 10 §11): running clocks, timeline, evidence register, documents slot and the
 * "next steps" panel (the server's allowed actions as buttons; each blocked one with the rules that block it).
 */

/** Refusals that say the step is not one of this stage or this role at all. */
const NOT_NEXT = new Set(['CASE-STATUS', 'CASE-ROLE']);

export const LEVEL_COLOUR = { none: 'green', yellow: 'gold', red: 'red' } as const;

export function StateTag({ status }: { status: CaseState }) {
  const { pick } = useCasesI18n();
  return (
    <Tag data-testid="case-status" data-status={status}>
      {pick(CASE_STATE_LABELS[status])}
    </Tag>
  );
}

export function ColourTag({ colour }: { colour: 'none' | 'yellow' | 'red' }) {
  const { pick } = useCasesI18n();
  if (colour === 'none') return null;
  return <Tag color={LEVEL_COLOUR[colour]}>{valueLabel(pick, colour)}</Tag>;
}

const fmt = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

export function ClocksCard({ clocks }: { clocks: CaseClockView[] }) {
  const { tc, pick } = useCasesI18n();
  const period = (c: CaseClockView) => {
    const key = `ca.clock.unit.${c.unit}` as CasesKey;
    const text = tc(key, { n: c.period });
    return text === key ? `${c.period} ${c.unit}` : text;
  };
  return (
    <Card size="small" title={<h2 className="oe-case-h2">{tc('ca.clocks')}</h2>} data-testid="case-clocks">
      <Table<CaseClockView>
        size="small"
        rowKey={(c) => `${c.kind}-${c.startedAt}`}
        pagination={false}
        dataSource={clocks}
        locale={{ emptyText: <Typography.Text type="secondary">{tc('ca.clocks.empty')}</Typography.Text> }}
        scroll={{ x: true }}
        onRow={(c) => ({ 'data-testid': 'case-clock', 'data-rule': c.rule, 'data-level': c.level }) as object}
        columns={[
          {
            title: tc('ca.clock.rule'),
            key: 'rule',
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{pick(c.label)}</Typography.Text>
                <Typography.Text type="secondary">{c.rule}</Typography.Text>
              </Space>
            ),
          },
          { title: tc('ca.clock.startedAt'), dataIndex: 'startedAt', render: fmt },
          {
            title: tc('ca.clock.period'),
            key: 'period',
            render: (_, c) => (
              <>
                {period(c)}
                {c.extendedBy > 0 && <div>{tc('ca.clock.extended', { n: c.extendedBy })}</div>}
              </>
            ),
          },
          {
            title: tc('ca.clock.due'),
            key: 'due',
            render: (_, c) =>
              c.flag ? (
                <Tag color="orange" data-testid="clock-flag" title={pick(c.flag)}>
                  {c.flag.rule}: {pick(c.flag)}
                </Tag>
              ) : (
                (c.dueOn ?? fmt(c.dueAt))
              ),
          },
          {
            title: tc('ca.clock.daysLeft'),
            key: 'left',
            render: (_, c) =>
              c.paused
                ? tc('ca.clock.paused')
                : c.daysLeft === null
                  ? '—'
                  : c.daysLeft < 0
                    ? tc('ca.clock.overdue', { n: -c.daysLeft })
                    : c.daysLeft,
          },
          {
            title: tc('ca.clock.level'),
            key: 'level',
            render: (_, c) => <Tag color={LEVEL_COLOUR[c.level]}>{valueLabel(pick, c.level)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}

export function TimelineCard({ detail }: { detail: CaseDetail }) {
  const { tc, pick } = useCasesI18n();
  return (
    <Card size="small" title={<h2 className="oe-case-h2">{tc('ca.timeline')}</h2>} data-testid="case-timeline">
      {detail.timeline.length === 0 ? (
        <Empty description={tc('ca.timeline.empty')} />
      ) : (
        <Timeline
          items={detail.timeline.map((s) => ({
            key: s.id,
            content: (
              <div data-testid="timeline-step" data-action={s.action}>
                <Typography.Text strong>
                  {ACTION_LABELS[s.action as CaseStepAction]
                    ? pick(ACTION_LABELS[s.action as CaseStepAction])
                    : s.action}
                </Typography.Text>{' '}
                → {pick(CASE_STATE_LABELS[s.toStatus as CaseState] ?? { zh: s.toStatus, en: s.toStatus })}
                <div>
                  <Typography.Text type="secondary">
                    {fmt(s.at)} · {s.actorName ?? s.actorRole ?? '—'}
                  </Typography.Text>
                </div>
                {s.reason && <div>{s.reason}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

export function EvidenceCard({ detail }: { detail: CaseDetail }) {
  const { tc, pick } = useCasesI18n();
  return (
    <Card size="small" title={<h2 className="oe-case-h2">{tc('ca.evidence')}</h2>} data-testid="case-evidence">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={detail.evidence}
        locale={{ emptyText: <Typography.Text type="secondary">{tc('ca.evidence.empty')}</Typography.Text> }}
        scroll={{ x: true }}
        columns={[
          { title: tc('ca.evidence.type'), key: 'type', render: (_, e) => pick(e.typeLabel) },
          {
            title: tc('ca.evidence.source'),
            dataIndex: 'source',
            render: (v: string) => valueLabel(pick, v, FIELD_VALUE_LABELS.source),
          },
          { title: tc('ca.evidence.capturedAt'), dataIndex: 'capturedAt', render: fmt },
          { title: tc('ca.evidence.place'), dataIndex: 'place', render: (p: string | null) => p ?? '—' },
          { title: tc('ca.evidence.device'), dataIndex: 'device', render: (d: string | null) => d ?? '—' },
          {
            title: tc('ca.evidence.review'),
            dataIndex: 'reviewStatus',
            render: (r: 'pending' | 'approved' | 'rejected') => tc(`ca.review.${r}`),
          },
          { title: tc('ca.evidence.files'), key: 'files', render: (_, e) => e.files.length },
        ]}
      />
    </Card>
  );
}

/** Where the documents panel of the documents issue goes (DocumentsPanel is not on main yet). */
export function DocumentsSlot() {
  const { tc } = useCasesI18n();
  return (
    <Card size="small" title={<h2 className="oe-case-h2">{tc('ca.documents')}</h2>} data-testid="case-documents">
      <Typography.Text type="secondary">{tc('ca.documents.placeholder')}</Typography.Text>
    </Card>
  );
}

/**
 * 下一步: the steps the server allows this user as buttons; the blocked ones, each with the rules that block it
 * (rule id and the words in the user's language), folded below.
 */
export function NextStepsPanel({
  actions,
  onStep,
}: {
  actions: CaseActionsView | undefined;
  onStep: (action: CaseStepAction) => void;
}) {
  const { tc, pick } = useCasesI18n();
  const allowed = actions?.actions.filter((a) => a.allowed) ?? [];
  // A step of another stage (CASE-STATUS) or of another role (CASE-ROLE) is not a next step: listed are the ones this
  // user could take at this stage but for a rule (a deadline, a missing officer, the team, the law).
  const blocked =
    actions?.actions.filter(
      (a) => !a.allowed && a.reasons.length > 0 && !a.reasons.some((r) => NOT_NEXT.has(r.rule)),
    ) ?? [];
  return (
    <Card size="small" title={<h2 className="oe-case-h2">{tc('ca.nextSteps')}</h2>} data-testid="case-next-steps">
      {allowed.length === 0 ? (
        <Alert type="info" showIcon title={tc('ca.next.none')} />
      ) : (
        <Space wrap>
          {allowed.map((a) => (
            <Button
              key={a.action}
              type="primary"
              onClick={() => onStep(a.action)}
              data-testid={`case-action-${a.action}`}
            >
              {pick(ACTION_LABELS[a.action])}
            </Button>
          ))}
        </Space>
      )}
      {blocked.length > 0 && (
        <Collapse
          style={{ marginTop: 12 }}
          size="small"
          defaultActiveKey={allowed.length === 0 ? ['blocked'] : []}
          items={[
            {
              key: 'blocked',
              label: tc('ca.next.showBlocked', { n: blocked.length }),
              children: (
                <List
                  size="small"
                  dataSource={blocked}
                  renderItem={(a) => (
                    <List.Item data-testid={`case-blocked-${a.action}`}>
                      <div>
                        <Typography.Text strong>{pick(ACTION_LABELS[a.action])}</Typography.Text>
                        {a.reasons.map((r, i) => (
                          <div key={i} data-testid="blocked-reason" data-rule={r.rule}>
                            <Tag color="volcano">{r.rule}</Tag>
                            <Typography.Text type="secondary">{pick(r)}</Typography.Text>
                          </div>
                        ))}
                      </div>
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
