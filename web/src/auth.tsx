import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, getToken, LOGGED_OUT_EVENT, setToken } from './api';

export type Role = 'admin' | 'coordinator' | 'org-contact' | 'representative' | 'finance';

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  personId: string | null;
  organisationId: string | null;
  payerCode: string | null;
}

interface MeResponse {
  user: User;
  coordinatedGroupIds: string[];
  sessionExpiresAt: string;
}

export { ROLE_LABELS } from './labels';

type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason?: string }
  | { status: 'authenticated'; user: User; coordinatedGroupIds: string[] };

interface AuthApi {
  state: AuthState;
  login(email: string, password: string): Promise<void>;
  /** Sets the password of an invitation (the token from the link) and logs in. */
  acceptInvitation(token: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() => (getToken() ? { status: 'loading' } : { status: 'anonymous' }));

  useEffect(() => {
    if (!getToken()) return;
    let cancelled = false;
    api
      .get<MeResponse>('/auth/me')
      .then((me) => !cancelled && setState({ status: 'authenticated', user: me.user, coordinatedGroupIds: me.coordinatedGroupIds }))
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.status === 401) setState({ status: 'anonymous', reason: e.message });
        else setState({ status: 'anonymous', reason: e instanceof Error ? e.message : undefined });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const onLoggedOut = (e: Event) => setState({ status: 'anonymous', reason: (e as CustomEvent<string>).detail });
    window.addEventListener(LOGGED_OUT_EVENT, onLoggedOut);
    return () => window.removeEventListener(LOGGED_OUT_EVENT, onLoggedOut);
  }, []);

  const start = useCallback(async (token: string) => {
    setToken(token);
    const me = await api.get<MeResponse>('/auth/me');
    setState({ status: 'authenticated', user: me.user, coordinatedGroupIds: me.coordinatedGroupIds });
  }, []);

  const login = useCallback(
    async (email: string, password: string) => start((await api.post<{ token: string }>('/auth/login', { email, password })).token),
    [start],
  );

  const acceptInvitation = useCallback(
    async (token: string, password: string) => start((await api.post<{ token: string }>('/auth/invitations/accept', { token, password })).token),
    [start],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch {
      // The session ends here either way.
    }
    setToken(null);
    sessionStorage.clear();
    setState({ status: 'anonymous', reason: 'Du är utloggad.' });
  }, []);

  const value = useMemo(() => ({ state, login, acceptInvitation, logout }), [state, login, acceptInvitation, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user; only inside pages behind the login. */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useUser without a logged-in user');
  return state.user;
}

export function hasRole(user: User, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}
