import {
  EVENT_CATEGORIES,
  SOURCE_LABELS,
  STATUS_LABELS,
  type EventSource,
  type EventStatus,
} from '@openenforce/domain/events';
import { Tag } from 'antd';
import type { Bilingual } from '../../app/i18n.tsx';
import { useEventsI18n } from './messages.ts';

/**
 * Colours of statuses, shared by tags (white text on the colour), map markers and charts: each ≥ 5:1 against white
 * (WCAG AA, see app/theme.ts). On the big screen's dark background the brighter `STATUS_COLORS_ON_DARK` are used.
 */
export const STATUS_COLORS: Record<EventStatus, string> = {
  reported: '#ad4e00',
  triaged: '#876800',
  dispatched: '#0958d9',
  accepted: '#006d75',
  returned: '#c41d7f',
  rectifying: '#531dab',
  handled: '#3f6600',
  closed: '#237804',
  merged: '#595959',
};

/** The same statuses as text on a dark background (the big screen): each ≥ 4.5:1 against #050e1f. */
export const STATUS_COLORS_ON_DARK: Record<EventStatus, string> = {
  reported: '#fa8c16',
  triaged: '#d4b106',
  dispatched: '#4096ff',
  accepted: '#13c2c2',
  returned: '#f759ab',
  rectifying: '#b37feb',
  handled: '#a0d911',
  closed: '#73d13d',
  merged: '#bfbfbf',
};

export function StatusTag({ status }: { status: EventStatus }) {
  const { pick } = useEventsI18n();
  const label = STATUS_LABELS[status] as Bilingual | undefined;
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="event-status" data-status={status}>
      {label ? pick(label) : status}
    </Tag>
  );
}

export function EscalationTag({ level }: { level: 'none' | 'yellow' | 'red' }) {
  const { te } = useEventsI18n();
  if (level === 'none') return null;
  return (
    <Tag color={level === 'red' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }} data-escalation={level}>
      {te(level === 'red' ? 'ev.overdue' : 'ev.warning')}
    </Tag>
  );
}

export function sourceLabel(pick: (b: Bilingual) => string, source: string): string {
  const l = SOURCE_LABELS[source as EventSource] as Bilingual | undefined;
  return l ? pick(l) : source;
}

const CATEGORY_BY_CODE = new Map(EVENT_CATEGORIES.map((c) => [c.code, c]));

/** A category's name (the shipped list; a county's own categories come with their names from the server). */
export function categoryLabel(pick: (b: Bilingual) => string, code: string): string {
  const c = CATEGORY_BY_CODE.get(code);
  return c ? pick(c) : code;
}

export { OUTCOME_LABELS } from '@openenforce/domain/events';

export const ACTION_LABELS: Record<string, Bilingual> = {
  report: { zh: '上报', en: 'Reported' },
  triage: { zh: '受理分拨', en: 'Triaged' },
  dispatch: { zh: '派遣', en: 'Dispatched' },
  accept: { zh: '签收', en: 'Accepted' },
  return: { zh: '退回', en: 'Returned' },
  arbitrate: { zh: '仲裁', en: 'Arbitrated' },
  handle: { zh: '处置', en: 'Handled' },
  recheck: { zh: '整改复查', en: 'Re-checked' },
  verify: { zh: '核查', en: 'Verified' },
  rate: { zh: '评价', en: 'Rated' },
  merge: { zh: '合并', en: 'Merged' },
  dismiss: { zh: '不予受理', en: 'Dismissed' },
  urge: { zh: '催办', en: 'Urged' },
  escalate: { zh: '督办', en: 'Escalated' },
  assist: { zh: '协办', en: 'Assisted' },
};

export function actionLabel(pick: (b: Bilingual) => string, action: string): string {
  const l = ACTION_LABELS[action];
  return l ? pick(l) : action;
}

/** "2 h 5 min left" / "overdue 3 h" for a deadline. */
export function timeLeft(te: ReturnType<typeof useEventsI18n>['te'], deadline: string, now = Date.now()): string {
  const ms = Date.parse(deadline) - now;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const span =
    h >= 48
      ? te('ev.days', { n: Math.floor(h / 24) })
      : h > 0
        ? te('ev.hoursMinutes', { h, m })
        : te('ev.minutes', { m });
  return ms >= 0 ? te('ev.leftIn', { span }) : te('ev.overdueBy', { span });
}

/** Yuan as typed → integer fen (money is integer fen everywhere). */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}
