import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, onSessionEnded, unwrap, setCsrfToken, type Schemas } from '../api/client';

type SessionInfo = NonNullable<Awaited<ReturnType<typeof fetchSession>>>;
type Role = Schemas['Token']['role'];

interface SessionState {
  /** undefined while the first check runs, null when signed out. */
  session: SessionInfo | null | undefined;
  /** Why the previous session ended, shown on the sign-in page. */
  endedReason: string | null;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
  /** Whether the signed-in role is one of `roles` (the console hides what the API would refuse). */
  can(...roles: NonNullable<Role>[]): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

async function fetchSession() {
  const result = await api.GET('/session');
  if (result.response.status === 401) return null;
  return unwrap(result);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [endedReason, setEndedReason] = useState<string | null>(null);

  const apply = useCallback((next: SessionInfo | null) => {
    setCsrfToken(next?.session?.csrfToken ?? null);
    setSession(next);
  }, []);

  useEffect(() => {
    onSessionEnded(() => {
      queryClient.clear();
      setEndedReason('Your session has ended. Sign in again.');
      apply(null);
    });
    fetchSession().then(apply, () => apply(null));
  }, [apply, queryClient]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      endedReason,
      async signIn(token) {
        const result = await api.POST('/session', { body: { token } });
        if (!result.response.ok)
          throw new ApiError(result.response.status, (result.error ?? {}) as ApiError['problem']);
        setEndedReason(null);
        apply(result.data as SessionInfo);
      },
      async signOut() {
        await api.DELETE('/session');
        queryClient.clear();
        setEndedReason(null);
        apply(null);
      },
      can: (...roles) => Boolean(session?.role && roles.includes(session.role)),
    }),
    [session, endedReason, apply, queryClient],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
