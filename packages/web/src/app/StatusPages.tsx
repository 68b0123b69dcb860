import { Button, Result, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import { useDocumentTitle } from './title.ts';

// Result pulls in antd's status illustrations: these pages live in a lazy chunk, not in the login bundle.

/** No dead end: home (the user's landing page) and sign out (another account may open it). */
function WayOut({ home = true }: { home?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { logout } = useAuth();
  return (
    <Space>
      {home && (
        <Button type="primary" onClick={() => navigate('/')} data-testid="status-home">
          {t('error.home')}
        </Button>
      )}
      <Button
        onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
        data-testid="status-logout"
      >
        {t('header.logout')}
      </Button>
    </Space>
  );
}

export function Forbidden() {
  const { t } = useI18n();
  useDocumentTitle(t('error.noPermission'));
  return (
    <Result
      status="403"
      title={<h1 style={{ font: 'inherit', margin: 0 }}>403</h1>}
      subTitle={t('error.noPermission')}
      extra={<WayOut />}
      data-testid="forbidden"
    />
  );
}

export function NotFound() {
  const { t } = useI18n();
  useDocumentTitle(t('error.pageNotFound'));
  return (
    <Result
      status="404"
      title={<h1 style={{ font: 'inherit', margin: 0 }}>404</h1>}
      subTitle={t('error.pageNotFound')}
      extra={<WayOut />}
    />
  );
}

export function NothingToOpen() {
  const { t } = useI18n();
  useDocumentTitle(t('home.nothing'));
  return (
    <Result
      status="info"
      title={<h1 style={{ font: 'inherit', margin: 0 }}>{t('home.nothing')}</h1>}
      extra={<WayOut home={false} />}
    />
  );
}
