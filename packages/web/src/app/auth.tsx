import type { Me } from '@openenforce/domain/auth';
import { ERRORS } from '@openenforce/domain/errors';
import type { Permission } from '@openenforce/domain/organization';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthorizedListener } from './api.ts';

/**
 * Session state. The server keeps the session in an httpOnly cookie; the web app only asks who is signed in
 * (GET /api/auth/me) and treats 401 as "show the login page".
 */
export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; me: Me }
  | { status: 'error'; error: ApiError };

export interface Auth {
  state: AuthState;
  me: Me | null;
  can: (permission: Permission) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  refresh: () => Promise<void>;
  /** Asks the server who is signed in, once (the public portal does not ask until a console page needs to know). */
  ensureChecked: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/** The server answers `{user: Me}` (login and /me); a bare Me is accepted too. */
function unwrapMe(body: unknown): Me | null {
  if (!body || typeof body !== 'object') return null;
  const o = body as { user?: Me } & Partial<Me>;
  if (o.user && typeof o.user === 'object') return o.user;
  return typeof o.username === 'string' && Array.isArray(o.permissions) ? (o as Me) : null;
}

async function fetchMe(): Promise<Me> {
  const me = unwrapMe(await api<unknown>('/api/auth/me'));
  if (!me) throw new Error('Unexpected /api/auth/me response');
  return me;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      setState({ status: 'authenticated', me });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState({ status: 'anonymous' });
      else if (err instanceof ApiError) setState({ status: 'error', error: err });
      else {
        const e = ERRORS.INTERNAL;
        setState({ status: 'error', error: new ApiError(0, { code: 'INTERNAL', message: e, details: [] }) });
      }
    }
  }, []);

  const checked = useRef(false);
  const ensureChecked = useCallback(() => {
    if (checked.current) return;
    checked.current = true;
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // The public portal needs no session: no /api/auth/me (and no 401 in the console) for a citizen's visit.
    if (!window.location.pathname.startsWith('/portal')) ensureChecked();
    setUnauthorizedListener(() => setState({ status: 'anonymous' }));
    return () => setUnauthorizedListener(null);
  }, [ensureChecked]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api<unknown>('/api/auth/login', { method: 'POST', body: { username, password } });
    const me = unwrapMe(res) ?? (await fetchMe());
    setState({ status: 'authenticated', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api<unknown>('/api/auth/logout', { method: 'POST' });
    } finally {
      setState({ status: 'anonymous' });
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    await api<unknown>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
    // A required change is done: /me now says so, and the console opens.
    setState({ status: 'authenticated', me: await fetchMe() });
  }, []);

  const value = useMemo<Auth>(() => {
    const me = state.status === 'authenticated' ? state.me : null;
    return {
      state,
      me,
      can: (permission) => !!me && me.permissions.includes(permission),
      login,
      logout,
      changePassword,
      refresh,
      ensureChecked,
    };
  }, [state, login, logout, changePassword, refresh, ensureChecked]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
