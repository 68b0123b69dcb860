import { App as AntApp, Layout, Spin } from 'antd';
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { QueryRoot } from '../../app/query.tsx';
import { LangSwitch } from '../../ui/LangSwitch.tsx';
import { useCatalogI18n } from '../catalog/messages.ts';
import { useTrackI18n } from './messages.ts';
import { COLORS } from '../../app/theme.ts';

const navStyle = ({ isActive }: { isActive: boolean }) => ({
  color: isActive ? '#fff' : 'rgba(255,255,255,0.75)',
  fontWeight: isActive ? 600 : 400,
  padding: '4px 0',
  borderBottom: isActive ? '2px solid #fff' : '2px solid transparent',
});

/**
 * The public portal (no login): a plain header with the portal's pages and the language switch, no side menu.
 * Only public endpoints (/api/public/…) are called from here.
 */
export default function PortalLayout() {
  const { tc, t } = useCatalogI18n();
  const { tt } = useTrackI18n();
  return (
    <AntApp>
      <QueryRoot>
        <Layout style={{ minHeight: '100vh' }} data-testid="portal">
          <Layout.Header
            style={{
              background: '#0f2548',
              display: 'flex',
              flexWrap: 'wrap', // a phone: the links wrap onto the dark bar instead of spilling onto the page
              alignItems: 'center',
              gap: '8px 28px',
              padding: '10px 24px',
              height: 'auto',
              minHeight: 60,
              lineHeight: 'normal',
            }}
          >
            <Link to="/portal" style={{ color: '#fff', display: 'flex', alignItems: 'center', gap: 10 }}>
              <span
                style={{
                  width: 26,
                  height: 26,
                  borderRadius: 5,
                  background: '#3b7ddd',
                  display: 'grid',
                  placeItems: 'center',
                  fontWeight: 700,
                }}
              >
                E
              </span>
              <span style={{ fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap' }}>{tc('portal.title')}</span>
            </Link>
            <nav style={{ display: 'flex', flexWrap: 'wrap', columnGap: 20, rowGap: 4 }} data-testid="portal-nav">
              <NavLink to="/portal" end style={navStyle}>
                {tc('portal.catalog')}
              </NavLink>
              <NavLink to="/portal/lists" style={navStyle}>
                {tc('portal.lists')}
              </NavLink>
              <NavLink to="/portal/track" style={navStyle} data-testid="portal-nav-track">
                {tt('tr.nav')}
              </NavLink>
            </nav>
            <div style={{ flex: 1 }} />
            <LangSwitch onDark />
            <Link to="/login" style={{ color: 'rgba(255,255,255,0.85)', whiteSpace: 'nowrap' }}>
              {tc('portal.staffLogin')}
            </Link>
          </Layout.Header>
          <Layout.Content
            style={{ padding: '16px 12px', maxWidth: 1280, width: '100%', margin: '0 auto', boxSizing: 'border-box' }}
          >
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
          <Layout.Footer style={{ textAlign: 'center', color: COLORS.textSecondary, fontSize: 12 }}>
            {t('app.footer')} · {tc('portal.footer')}
          </Layout.Footer>
        </Layout>
      </QueryRoot>
    </AntApp>
  );
}
