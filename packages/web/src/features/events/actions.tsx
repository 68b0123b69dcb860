import { EVENT_ROLE_RULE, EVENT_STATUS_RULE, type EventAction, type EventActions } from '@openenforce/domain/events';
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useEventsI18n, type EventsKey } from './messages.ts';
import { eventActionsQuery } from './queries.ts';

type Reasons = EventActions['actions'][number]['reasons'];

/** What a screen offers on one event, as the server answers it (GET /api/events/:id/actions). */
export interface OfferedActions {
  /** The answer, or undefined while it loads (and when it is older than the event shown: nothing is offered). */
  data: EventActions | undefined;
  query: ReturnType<typeof useQuery<EventActions>>;
  /** Actions the server would accept (input permitting), in the procedure's order. */
  allowed: EventAction[];
  /** Actions that belong here but a guard refuses on this record (not this team's, not this grid's), with why. */
  blocked: { action: EventAction; reasons: Reasons }[];
  may: (a: EventAction) => boolean;
}

/**
 * The actions a user may take on an event, from the same procedure rows the server decides with. Screens keep no copy
 * of the lifecycle or the roles: an action refused by the event's state or the user's role is not offered at all; one
 * refused by a guard is shown with the rule's words. `version` (the event as shown) guards against offering steps of
 * an older answer for a newer record.
 */
export function useEventActions(id: string | null | undefined, version?: number): OfferedActions {
  const query = useQuery({ ...eventActionsQuery(id ?? ''), enabled: !!id });
  const data = query.data && (version === undefined || query.data.version === version) ? query.data : undefined;
  const allowed = (data?.actions ?? []).filter((a) => a.allowed).map((a) => a.action);
  const blocked = (data?.actions ?? [])
    .filter(
      (a) =>
        !a.allowed &&
        a.reasons.length > 0 &&
        !a.reasons.some((r) => r.rule === EVENT_STATUS_RULE || r.rule === EVENT_ROLE_RULE),
    )
    .map((a) => ({ action: a.action, reasons: a.reasons }));
  const set = new Set(allowed);
  return { data, query, allowed, blocked, may: (a) => set.has(a) };
}

/** The actions a guard refuses here, each with its reasons in the reader's language. */
export function BlockedActions({
  blocked,
  only,
}: {
  blocked: OfferedActions['blocked'];
  only?: readonly EventAction[];
}) {
  const { te, pick } = useEventsI18n();
  const shown = only ? blocked.filter((b) => only.includes(b.action)) : blocked;
  if (shown.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="blocked-actions"
      title={
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {shown.map((b) => (
            <li key={b.action} data-testid={`blocked-${b.action}`}>
              <strong>{te(`ev.act.${b.action}` as EventsKey)}</strong>:{' '}
              {b.reasons.map((r) => pick(r.message)).join('；')}
            </li>
          ))}
        </ul>
      }
    />
  );
}
