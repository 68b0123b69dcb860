import { Result } from 'antd';
import { useI18n } from './i18n.tsx';
import { useDocumentTitle } from './title.ts';

// Result pulls in antd's status illustrations: these pages live in a lazy chunk, not in the login bundle.

export function Forbidden() {
  const { t } = useI18n();
  useDocumentTitle(t('error.noPermission'));
  return (
    <Result
      status="403"
      title={<h1 style={{ font: 'inherit', margin: 0 }}>403</h1>}
      subTitle={t('error.noPermission')}
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
    />
  );
}

export function NothingToOpen() {
  const { t } = useI18n();
  useDocumentTitle(t('home.nothing'));
  return <Result status="info" title={<h1 style={{ font: 'inherit', margin: 0 }}>{t('home.nothing')}</h1>} />;
}
