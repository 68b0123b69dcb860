import { HomeOutlined, LeftOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { homePath } from '../../app/home.ts';
import { QueryRoot } from '../../app/query.tsx';
import { useDocumentTitle } from '../../app/title.ts';
import { LangSwitch } from '../../ui/LangSwitch.tsx';
import { useEventsI18n } from './messages.ts';
import './phone.css';

/**
 * The shell of the phone pages (field tasks, grid reports; designed for 360×740): a title bar with the user, the
 * language switch and sign-out, no side menu. `back` shows a back arrow instead of the app's name. The title is the
 * page's h1 and its document title. Antd's App (message and modal hooks) is not here: a page that needs it wraps
 * its own part in it, so that the grid worker's form does not load it.
 */
export function PhoneLayout({
  title,
  back,
  children,
  testId,
}: {
  title: string;
  back?: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const { me, logout, can } = useAuth();
  const { te, lang } = useEventsI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // No dead end: a page that is not the user's home has a way back to it (a leader's board, the console).
  const home = homePath(can, me?.role);
  const toHome = !back && home && home !== pathname ? () => navigate(home) : undefined;
  useDocumentTitle(title);
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return (
    <div className="oe-phone" data-testid={testId}>
      <header className="oe-phone-bar">
        {back ? (
          <Button
            type="text"
            icon={<LeftOutlined />}
            onClick={back}
            className="oe-phone-icon"
            aria-label={te('ev.back')}
          />
        ) : toHome ? (
          <Button
            type="text"
            icon={<HomeOutlined />}
            onClick={toHome}
            className="oe-phone-icon"
            aria-label={te('ev.home')}
            data-testid="phone-home"
          />
        ) : null}
        <div className="oe-phone-title">
          <h1>{title}</h1>
          {me && (
            <span className="oe-phone-user">
              {me.displayName}
              {me.scopeTownName ? ` · ${me.scopeTownName}` : ''}
            </span>
          )}
        </div>
        <LangSwitch />
        <Button
          type="text"
          icon={<LogoutOutlined />}
          className="oe-phone-icon"
          aria-label={te('ev.logout')}
          onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
        />
      </header>
      <main className="oe-phone-body">
        <QueryRoot>{children}</QueryRoot>
      </main>
    </div>
  );
}
