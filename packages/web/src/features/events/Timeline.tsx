import { EnvironmentOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Role } from '@openenforce/domain/organization';
import { Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Bilingual } from '../../app/i18n.tsx';
import { actionLabel, OUTCOME_LABELS, StatusTag } from './labels.tsx';
import { useEventsI18n, type EventsI18n } from './messages.ts';
import type { HandlingOutcome, TimelineStep } from './types.ts';
import { COLORS } from '../../app/theme.ts';

const ACTION_COLORS: Record<string, string> = {
  report: 'orange',
  return: 'red',
  dismiss: 'gray',
  arbitrate: 'magenta',
  urge: 'gold',
  verify: 'green',
  rate: 'green',
};

/** What the step's detail adds, in words (deadline, override, arbitration, rating…). */
function detailLines(i18n: EventsI18n, s: TimelineStep, teamName: (id: string) => string | null): string[] {
  const { te, pick } = i18n;
  const d = s.detail ?? {};
  const out: string[] = [];
  if (typeof d.deadline === 'string')
    out.push(te('ev.tl.deadline', { time: dayjs(d.deadline).format('YYYY-MM-DD HH:mm') }));
  if (Array.isArray(d.assistingTeamIds) && d.assistingTeamIds.length > 0)
    out.push(
      te('ev.tl.assisting', {
        teams: (d.assistingTeamIds as string[]).map((id) => teamName(id) ?? id.slice(0, 8)).join('、'),
      }),
    );
  if (d.override === true) out.push(te('ev.tl.override'));
  if (typeof d.justified === 'boolean') out.push(te(d.justified ? 'ev.tl.justified' : 'ev.tl.unjustified'));
  if (typeof d.outcome === 'string' && d.outcome in OUTCOME_LABELS)
    out.push(`${te('ev.outcome')}: ${pick(OUTCOME_LABELS[d.outcome as HandlingOutcome])}`);
  if (typeof d.dueDate === 'string') out.push(te('ev.tl.dueDate', { date: d.dueDate }));
  if (typeof d.fineFen === 'number' && d.fineFen > 0)
    out.push(te('ev.tl.fine', { yuan: (d.fineFen / 100).toFixed(2) }));
  if (typeof d.toDepartment === 'string') out.push(te('ev.tl.transferTo', { dept: d.toDepartment }));
  if (typeof d.passed === 'boolean') out.push(te(d.passed ? 'ev.tl.passed' : 'ev.tl.failed'));
  if (typeof d.rating === 'number') out.push(te('ev.tl.rating', { n: d.rating }));
  if (Array.isArray(d.duplicates) && d.duplicates.length > 0)
    out.push(te('ev.tl.duplicates', { n: d.duplicates.length }));
  return out;
}

/** The whole timeline of an event: who, when, where and why, oldest first. */
export function EventTimeline({ steps, compact = false }: { steps: TimelineStep[]; compact?: boolean }) {
  const i18n = useEventsI18n();
  const { te, pick } = i18n;
  const names = new Map(steps.filter((s) => s.teamId && s.teamName).map((s) => [s.teamId!, s.teamName!]));
  const teamName = (id: string) => names.get(id) ?? null;
  return (
    <Timeline
      data-testid="event-timeline"
      items={steps.map((s) => {
        const role =
          s.actorRole && s.actorRole in ROLE_LABELS ? pick(ROLE_LABELS[s.actorRole as Role] as Bilingual) : s.actorRole;
        const lines = detailLines(i18n, s, teamName);
        return {
          key: s.id,
          color: ACTION_COLORS[s.action] ?? 'blue',
          content: (
            <div data-testid="timeline-step" data-action={s.action}>
              <Space size={6} wrap>
                <Typography.Text strong>{actionLabel(pick, s.action)}</Typography.Text>
                {s.fromStatus !== s.toStatus && <StatusTag status={s.toStatus} />}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(s.at).format(compact ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm:ss')}
                </Typography.Text>
              </Space>
              <div style={{ fontSize: 13 }}>
                {[s.actorName, role].filter(Boolean).join(' · ') || te('ev.tl.system')}
                {s.teamName && <Tag style={{ marginInlineStart: 6 }}>{s.teamName}</Tag>}
              </div>
              {s.reason && (
                <div style={{ fontSize: 13 }}>
                  <Typography.Text type="secondary">{te('ev.tl.why')}: </Typography.Text>
                  {s.reason}
                </div>
              )}
              {lines.map((l) => (
                <div key={l} style={{ fontSize: 12, color: '#595959' }}>
                  {l}
                </div>
              ))}
              {s.lng !== null && s.lat !== null && (
                <div style={{ fontSize: 12, color: COLORS.textSecondary }}>
                  <EnvironmentOutlined /> {s.lng.toFixed(5)}, {s.lat.toFixed(5)}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
