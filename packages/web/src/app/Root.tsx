import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { AuthProvider } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { router } from './router.tsx';

/** Theme: antd defaults with a sober government blue and compact spacing for back-office tables. */
const theme = {
  token: { colorPrimary: '#1f4e99', borderRadius: 4, fontSize: 14 },
  components: {
    Layout: { siderBg: '#0f2548', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { darkItemBg: '#0f2548', darkSubMenuItemBg: '#0a1b36', darkItemSelectedBg: '#1f4e99' },
    Table: { cellPaddingBlockSM: 6 },
  },
};

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
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
