import type { ErrorDetail } from '@openenforce/domain/errors';
import { Alert } from 'antd';
import { ApiError } from '../app/api.ts';
import { isMessageKey, useI18n, type I18n } from '../app/i18n.tsx';

/** Rules whose value is itself a code with a label (`level_below_parent:grid` → 网格). */
const VALUE_LABELS: Record<string, string> = { level_below_parent: 'level' };

/**
 * A rule id (from zod or the server, e.g. `mobile_phone`, or `current_version:3` with a value) in words; unknown
 * ids are shown as they are.
 */
export function ruleText(t: I18n['t'], rule: string): string {
  const colon = rule.indexOf(':');
  const [name, raw] = colon > 0 ? [rule.slice(0, colon), rule.slice(colon + 1)] : [rule, ''];
  const key = `rule.${name}`;
  const valueKey = `${VALUE_LABELS[name] ?? ''}.${raw}`;
  const value = VALUE_LABELS[name] && isMessageKey(valueKey) ? t(valueKey) : raw;
  return isMessageKey(key) ? t(key, { value }) : rule;
}

/**
 * One line per detail: "第 3 行 · 手机号: 手机号码格式不正确"; a rule that brings its own words (lifecycle guards,
 * APL-42/51) is shown in them, with the rule id for reference.
 */
export function detailText(i18n: I18n, d: ErrorDetail): string {
  if (d.message) return `${i18n.pick(d.message)}（${d.rule}）`;
  const where: string[] = [];
  if (d.row !== undefined) where.push(i18n.t('error.row', { row: d.row }));
  if (d.column) where.push(d.column);
  else if (d.path) where.push(d.path);
  return `${where.join(' · ')}${where.length ? ': ' : ''}${ruleText(i18n.t, d.rule)}`;
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
