import type { Me } from '@openenforce/domain/auth';
import type { Permission } from '@openenforce/domain/organization';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
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
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await api<Me>('/api/auth/me');
      setState({ status: 'authenticated', me });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState({ status: 'anonymous' });
      else if (err instanceof ApiError) setState({ status: 'error', error: err });
      else throw err;
    }
  }, []);

  useEffect(() => {
    void refresh();
    setUnauthorizedListener(() => setState({ status: 'anonymous' }));
    return () => setUnauthorizedListener(null);
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    await api<unknown>('/api/auth/login', { method: 'POST', body: { username, password } });
    // The login response shape is the server's business; /me is the contract for "who am I".
    const me = await api<Me>('/api/auth/me');
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
    };
  }, [state, login, logout, changePassword, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
