import {
  DownOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '@openenforce/domain/organization';
import {
  App as AntApp,
  Breadcrumb,
  Button,
  Dropdown,
  Layout,
  Menu,
  Space,
  Spin,
  Tag,
  Typography,
  type MenuProps,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LangSwitch } from '../ui/LangSwitch.tsx';
import { useAuth } from './auth.tsx';
import { CalendarBanner } from './CalendarBanner.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { useI18n } from './i18n.tsx';
import { countyNameQuery } from '../features/organization/queries.ts';
import { findMenu, isSection, visibleMenu, type MenuLeaf } from './menu.tsx';
import { QueryRoot } from './query.tsx';

const SIDER_COLLAPSED_KEY = 'oe.siderCollapsed';

/**
 * The user's data scope: a town's name, or the county's for county-level users (Me carries only a town name;
 * reading it needs org.read, else "全县"). The county's name is decoration: while it cannot be read, "全县" shows.
 */
function ScopeTag() {
  const { me, can } = useAuth();
  const { t } = useI18n();
  const county = useQuery({ ...countyNameQuery, enabled: !!me && me.scopeTownId === null && can('org.read') });
  return (
    <Tag icon={<EnvironmentOutlined />} color="blue" style={{ marginInlineEnd: 0 }} data-testid="header-scope">
      {t('header.scope')}: {me?.scopeTownName ?? county.data ?? t('header.scopeCounty')}
    </Tag>
  );
}

export default function AppLayout() {
  const { me, can, logout } = useAuth();
  const { t, pick, lang } = useI18n();
  // Date pickers' language (dayjs is global). Set here, behind the login, so that the login page loads no dayjs.
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(SIDER_COLLAPSED_KEY) === '1');
  const [passwordOpen, setPasswordOpen] = useState(false);

  const entries = useMemo(() => visibleMenu(can, me?.role), [can, me?.role]);
  const current = findMenu(location.pathname);

  const leafLabel = (l: MenuLeaf['label']) => (typeof l === 'string' ? t(l) : pick(l));
  const items: MenuProps['items'] = entries.map((e) =>
    isSection(e)
      ? {
          key: e.key,
          icon: e.icon,
          label: t(e.label),
          children: e.items.map((l) => ({
            key: l.path,
            icon: l.icon,
            label: leafLabel(l.label),
            'data-testid': `menu-${l.path}`,
          })),
        }
      : { key: e.path, icon: e.icon, label: leafLabel(e.label), 'data-testid': `menu-${e.path}` },
  );
  const [openKeys, setOpenKeys] = useState<string[]>(() => entries.filter(isSection).map((s) => s.key));

  if (!me) return null;

  const toggle = () => {
    setCollapsed((c) => {
      localStorage.setItem(SIDER_COLLAPSED_KEY, c ? '0' : '1');
      return !c;
    });
  };

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
  ];

  // antd's App (message / notification / modal hooks) is needed only behind the login: it stays out of the first bundle.
  return (
    <AntApp>
      <QueryRoot>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider
            width={216}
            collapsedWidth={64}
            collapsed={collapsed}
            trigger={null}
            style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
          >
            <div
              style={{
                height: 56,
                display: 'flex',
                alignItems: 'center',
                gap: 10,
                padding: collapsed ? '0 20px' : '0 18px',
                color: '#fff',
                borderBottom: '1px solid rgba(255,255,255,0.08)',
                whiteSpace: 'nowrap',
                overflow: 'hidden',
              }}
            >
              <span
                style={{
                  flex: 'none',
                  width: 24,
                  height: 24,
                  borderRadius: 5,
                  background: '#3b7ddd',
                  display: 'grid',
                  placeItems: 'center',
                  fontWeight: 700,
                  fontSize: 14,
                }}
              >
                E
              </span>
              {!collapsed && <span style={{ fontWeight: 600, fontSize: 15 }}>{t('app.shortName')}</span>}
            </div>
            <Menu
              theme="dark"
              mode="inline"
              data-testid="side-menu"
              selectedKeys={current.leaf ? [current.leaf.path] : []}
              openKeys={collapsed ? undefined : openKeys}
              onOpenChange={setOpenKeys}
              items={items}
              onClick={({ key }) => navigate(key)}
            />
          </Layout.Sider>
          <Layout>
            <Layout.Header
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 16,
                borderBottom: '1px solid #e8e8e8',
                position: 'sticky',
                top: 0,
                zIndex: 10,
              }}
            >
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={toggle}
                aria-label={t('header.toggleMenu')}
              />
              <Breadcrumb
                items={[
                  ...(current.section ? [{ title: t(current.section.label) }] : []),
                  ...(current.leaf ? [{ title: leafLabel(current.leaf.label) }] : []),
                ]}
              />
              <div style={{ flex: 1 }} />
              <Space size={16} data-testid="header-user">
                <ScopeTag />
                <LangSwitch />
                <Dropdown
                  menu={{
                    items: userMenu,
                    onClick: ({ key }) => {
                      if (key === 'password') setPasswordOpen(true);
                      if (key === 'logout') void logout().then(() => navigate('/login', { replace: true }));
                    },
                  }}
                  trigger={['click']}
                >
                  <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                    <span
                      style={{
                        display: 'inline-flex',
                        flexDirection: 'column',
                        alignItems: 'flex-start',
                        lineHeight: 1.25,
                      }}
                    >
                      <Typography.Text strong>{me.displayName}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {pick(ROLE_LABELS[me.role])}
                      </Typography.Text>
                    </span>
                    <DownOutlined style={{ fontSize: 10 }} />
                  </Button>
                </Dropdown>
              </Space>
            </Layout.Header>
            <Layout.Content style={{ padding: 16, minWidth: 0 }}>
              <CalendarBanner />
              <Suspense
                fallback={
                  <div style={{ padding: 80, textAlign: 'center' }}>
                    <Spin />
                  </div>
                }
              >
                <Outlet />
              </Suspense>
            </Layout.Content>
          </Layout>
          <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
        </Layout>
      </QueryRoot>
    </AntApp>
  );
}
