import { CloseOutlined, MenuOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { QueryRoot } from '../../app/query.tsx';
import { LangSwitch } from '../../ui/LangSwitch.tsx';
import { useCatalogI18n } from '../catalog/messages.ts';
import { useTrackI18n } from './messages.ts';
import './portal.css';

/**
 * The public portal (no login): a plain header with the portal's pages and the language switch, no side menu.
 * Only public endpoints (/api/public/…) are called from here. On a phone (below 640 px, portal.css) the pages, the
 * language switch and the staff sign-in fold into a menu opened by one button; the header stays one line high.
 * Plain elements, not antd's Layout and App: nothing here needs them, and the portal is a phone's first load.
 */
export default function PortalLayout() {
  const { tc, t } = useCatalogI18n();
  const { tt } = useTrackI18n();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  // A page chosen from the menu closes it.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <QueryRoot>
      <div className="oe-portal" data-testid="portal">
        <header className="oe-portal-header">
          <Link to="/portal" className="oe-portal-brand">
            <span className="oe-portal-logo" aria-hidden>
              E
            </span>
            <span className="oe-portal-title">{tc('portal.title')}</span>
          </Link>
          <button
            type="button"
            className="oe-portal-menu-button"
            aria-expanded={open}
            aria-controls="portal-menu"
            onClick={() => setOpen((o) => !o)}
            data-testid="portal-menu-button"
          >
            {open ? <CloseOutlined aria-hidden /> : <MenuOutlined aria-hidden />}
            <span>{tc('portal.menu')}</span>
          </button>
          <div id="portal-menu" className="oe-portal-menu" data-open={open}>
            <nav aria-label={tc('portal.menu')} data-testid="portal-nav">
              <NavLink to="/portal" end>
                {tc('portal.catalog')}
              </NavLink>
              <NavLink to="/portal/lists">{tc('portal.lists')}</NavLink>
              <NavLink to="/portal/track" data-testid="portal-nav-track">
                {tt('tr.nav')}
              </NavLink>
            </nav>
            <div className="oe-portal-spacer" />
            <LangSwitch onDark />
            <Link to="/login" className="oe-portal-login">
              {tc('portal.staffLogin')}
            </Link>
          </div>
        </header>
        <main className="oe-portal-main">
          <Suspense
            fallback={
              <div style={{ padding: 80, textAlign: 'center' }}>
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </main>
        <footer className="oe-portal-footer">
          {t('app.footer')} · {tc('portal.footer')}
        </footer>
      </div>
    </QueryRoot>
  );
}
