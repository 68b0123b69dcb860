import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { AuthProvider } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { router } from './router.tsx';
import { THEME } from './theme.ts';

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}
