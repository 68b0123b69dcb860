import { ruleWords, type ErrorDetail } from '@openenforce/domain/errors';
import { Alert } from 'antd';
import { ApiError } from '../app/api.ts';
import { useI18n, type I18n } from '../app/i18n.tsx';

/**
 * A rule id in words, from the domain's rule catalogue (packages/domain/src/errors/rules.ts) — for the rules the web
 * checks itself before sending (the shared zod schemas, a boundary file); the server sends its words with each
 * detail (`details[].message`). An id the catalogue lacks is shown as it is.
 */
export function ruleText(pick: I18n['pick'], rule: string): string {
  return pick(ruleWords(rule) ?? { zh: rule, en: rule });
}

/** A legal or procedural rule id (APL-42, EVT-STATUS) is worth showing beside its words, for reference. */
const NAMED_RULE = /^[A-Z][A-Z0-9]*-/;

/**
 * One line per detail: "第 3 行 · 手机号: 手机号码格式不正确", in the words the server sent (`details[].message`),
 * with the rule id of a legal or procedural rule for reference.
 */
export function detailText(i18n: I18n, d: ErrorDetail): string {
  const words = d.message ? i18n.pick(d.message) : ruleText(i18n.pick, d.rule);
  const where: string[] = [];
  if (d.row !== undefined) where.push(i18n.t('error.row', { row: d.row }));
  if (d.column) where.push(d.column);
  else if (d.path && !NAMED_RULE.test(d.rule)) where.push(d.path);
  const ref = NAMED_RULE.test(d.rule) ? `（${d.rule}）` : '';
  return `${where.join(' · ')}${where.length ? ': ' : ''}${words}${ref}`;
}

export function errorMessage(i18n: I18n, err: unknown): string {
  if (err instanceof ApiError) return i18n.pick(err.body.message);
  return err instanceof Error ? err.message : String(err);
}

/** An inline error box: the server's message in the current language and its details. */
export function ApiErrorAlert({
  error,
  style,
  testId,
  action,
  compact = false,
}: {
  error: unknown;
  style?: React.CSSProperties;
  testId?: string;
  /** A control beside the message (e.g. a retry button). */
  action?: React.ReactNode;
  /** The message only, no rule details (inside a select's dropdown or over a map). */
  compact?: boolean;
}) {
  const i18n = useI18n();
  if (!error) return null;
  const details = error instanceof ApiError && !compact ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      data-testid={testId}
      title={errorMessage(i18n, error)}
      action={action}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {details.slice(0, 20).map((d, i) => (
              <li key={i} data-rule={d.rule}>
                {detailText(i18n, d)}
              </li>
            ))}
            {details.length > 20 && <li>…</li>}
          </ul>
        ) : undefined
      }
    />
  );
}
