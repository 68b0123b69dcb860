import { Alert } from 'antd';
import { ApiError } from '../../app/api.ts';
import { detailText, errorMessage } from '../../ui/errors.tsx';
import { useEventsI18n } from './messages.ts';

/**
 * A refused step: the server's message and, for each detail, the rule's own words when it sends them (lifecycle
 * guards, APL-42/51) or the translated rule id (zod rules), with the rule id for reference.
 */
export function StepError({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const i18n = useEventsI18n();
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      data-testid="step-error"
      title={errorMessage(i18n, error)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {details.slice(0, 10).map((d, i) => (
              <li key={i} data-rule={d.rule}>
                {d.message ? `${i18n.pick(d.message)}（${d.rule}）` : detailText(i18n, d)}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
