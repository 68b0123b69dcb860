import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Form, theme } from 'antd';
import { useState } from 'react';
import { LangSwitch } from '../ui/LangSwitch.tsx';
import { ApiErrorAlert } from '../ui/errors.tsx';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import { PasswordFields, showPasswordError, type PasswordValues } from './PasswordFields.tsx';
import { useDocumentTitle } from './title.ts';

/**
 * Shown instead of every console page while the account must change its password (a temporary password from an
 * administrator, or a demo account outside demo mode): the server refuses everything else until then.
 */
export default function ForcePasswordChangePage() {
  const { me, changePassword, logout } = useAuth();
  const { t, pick } = useI18n();
  useDocumentTitle(t('password.mustChangeTitle'));
  const { token } = theme.useToken();
  const [form] = Form.useForm<PasswordValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const onFinish = async (values: PasswordValues) => {
    setSaving(true);
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
    } catch (err) {
      if (!showPasswordError(form, err, pick)) setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#f0f2f5' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '16px 24px' }}>
        <LangSwitch />
      </div>
      <div style={{ flex: 1, display: 'grid', placeItems: 'center', padding: 16 }}>
        <main
          data-testid="force-password-change"
          style={{
            width: 440,
            maxWidth: '100%',
            boxSizing: 'border-box',
            padding: 32,
            background: token.colorBgContainer,
            borderRadius: 8,
            boxShadow: '0 8px 24px rgba(15, 37, 72, 0.12)',
          }}
        >
          <h1 style={{ fontSize: 22, fontWeight: 600, margin: '0 0 12px', color: token.colorTextHeading }}>
            <KeyOutlined style={{ marginInlineEnd: 8 }} />
            {t('password.mustChangeTitle')}
          </h1>
          <Alert type="info" showIcon title={t('password.mustChangeIntro')} style={{ marginBottom: 16 }} />
          <ApiErrorAlert error={error} style={{ marginBottom: 16 }} />
          <Form<PasswordValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
            <PasswordFields username={me?.username ?? ''} />
            <Button type="primary" htmlType="submit" block loading={saving} data-testid="password-submit">
              {t('password.submit')}
            </Button>
          </Form>
          <Button type="link" block icon={<LogoutOutlined />} style={{ marginTop: 8 }} onClick={() => void logout()}>
            {t('header.logout')}
          </Button>
        </main>
      </div>
    </div>
  );
}
