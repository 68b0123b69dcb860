import { PASSWORD_RULES, passwordProblems, type PasswordRule } from '@openenforce/domain/auth';
import { Form, Input, type FormInstance } from 'antd';
import { ApiError } from './api.ts';
import { useI18n } from './i18n.tsx';

export interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Current, new and repeated password. The new one is checked with the rule the server applies (domain/auth
 * `passwordProblems`: length or passphrase, not the username, not the current password, not a common password), and
 * each broken rule is named in the current language.
 */
export function PasswordFields({ username, currentLabel }: { username: string; currentLabel?: string }) {
  const { t, pick } = useI18n();
  return (
    <>
      <Form.Item
        name="currentPassword"
        label={currentLabel ?? t('password.current')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.hint')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string) => {
              if (!value) return;
              const problems = passwordProblems(value, {
                username,
                currentPassword: getFieldValue('currentPassword') as string | undefined,
              });
              if (problems.length) throw new Error(problems.map((r) => pick(PASSWORD_RULES[r])).join('；'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
    </>
  );
}

/** Puts the server's refusal on the field it concerns; returns false for errors that belong in an alert. */
export function showPasswordError(
  form: FormInstance<PasswordValues>,
  err: unknown,
  pick: (text: { zh: string; en: string }) => string,
): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.code === 'AUTH_WRONG_PASSWORD') {
    form.setFields([{ name: 'currentPassword', errors: [pick(err.body.message)] }]);
    return true;
  }
  if (err.code === 'AUTH_PASSWORD_POLICY') {
    const texts = err.details.map((d) =>
      d.message ? pick(d.message) : pick(PASSWORD_RULES[d.rule as PasswordRule] ?? err.body.message),
    );
    form.setFields([{ name: 'newPassword', errors: texts }]);
    return true;
  }
  return false;
}
