import { Result } from 'antd';
import { useI18n } from './i18n.tsx';

// Result pulls in antd's status illustrations: these pages live in a lazy chunk, not in the login bundle.

export function Forbidden() {
  const { t } = useI18n();
  return <Result status="403" title="403" subTitle={t('error.noPermission')} />;
}

export function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('error.pageNotFound')} />;
}

export function NothingToOpen() {
  const { t } = useI18n();
  return <Result status="info" title={t('home.nothing')} />;
}
