import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, theme } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, type Location } from 'react-router';
import { LangSwitch } from '../ui/LangSwitch.tsx';
import { ApiError } from './api.ts';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import { COLORS } from './theme.ts';
import { useDocumentTitle } from './title.ts';

interface LoginForm {
  username: string;
  password: string;
}

/** Throttling (429) is a warning, not "wrong password": the user should wait, not retype. */
function LoginError({ error }: { error: unknown }) {
  const { t, pick } = useI18n();
  if (!(error instanceof ApiError)) return <Alert type="error" showIcon title={String(error)} />;
  const waiting = error.status === 429;
  // The wait comes as Retry-After and as a detail `retry_after:<seconds>`.
  const detail = error.details.find((d) => d.rule.startsWith('retry_after:'))?.rule.slice('retry_after:'.length);
  const seconds = error.retryAfter ?? (detail ? Number(detail) : null);
  const wait =
    seconds !== null && Number.isFinite(seconds)
      ? seconds >= 120
        ? t('login.retryAfterMinutes', { n: Math.ceil(seconds / 60) })
        : t('login.retryAfterSeconds', { n: seconds })
      : undefined;
  return (
    <Alert
      type={waiting ? 'warning' : 'error'}
      showIcon
      data-testid="login-error"
      title={pick(error.body.message)}
      description={wait}
    />
  );
}

export function LoginPage() {
  const { state, login, ensureChecked } = useAuth();
  useEffect(ensureChecked, [ensureChecked]);
  const { token } = theme.useToken();
  const { t } = useI18n();
  useDocumentTitle(t('login.submit'));
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: Location } | null)?.from;
  const target = from && from.pathname !== '/login' ? `${from.pathname}${from.search}` : '/';

  if (state.status === 'authenticated') return <Navigate to={target} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(target, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0f2548 0%, #1f4e99 55%, #e8eef7 55.1%, #f0f2f5 100%)',
      }}
    >
      <header
        style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16, padding: '16px 24px' }}
      >
        <Link to="/portal" style={{ color: '#fff' }} data-testid="portal-link">
          {t('login.portal')}
        </Link>
        <LangSwitch onDark />
      </header>
      <div style={{ flex: 1, display: 'grid', placeItems: 'center', padding: 16 }}>
        {/* Plain markup instead of Card/Typography keeps the first bundle small. */}
        <main
          style={{
            width: 380,
            maxWidth: '100%',
            boxSizing: 'border-box',
            padding: 32,
            background: token.colorBgContainer,
            borderRadius: 8,
            boxShadow: '0 8px 24px rgba(15, 37, 72, 0.18)',
          }}
        >
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <h1 style={{ fontSize: 24, fontWeight: 600, margin: '0 0 4px', color: token.colorTextHeading }}>
              {t('app.name')}
            </h1>
            <div style={{ color: token.colorTextSecondary }}>{t('login.subtitle')}</div>
          </div>
          {error !== null && <LoginError error={error} />}
          <Form<LoginForm>
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            style={{ marginTop: error ? 16 : 0 }}
            data-testid="login-form"
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </main>
      </div>
      <footer style={{ textAlign: 'center', padding: 16, color: COLORS.textSecondary, fontSize: 12 }}>
        {t('app.footer')}
      </footer>
    </div>
  );
}
