import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import { fetchMe, logout as logoutRequest, type Me, saveMyLanguage } from '../api/auth.api';
import { ApiError, onUnauthorized } from '../api/http';
import { notifyError } from '../components/notify';
import { applyLanguage, i18n, type Language, languageFor, rememberLanguageChoice } from '../i18n/i18n';
import { clearCategories } from '../state/categories';

export type SessionState =
  | { status: 'loading' }
  /** `expired`: an API call answered 401; `signed-out`: the person chose to leave. */
  | { status: 'anonymous'; reason: 'none' | 'expired' | 'signed-out' }
  | { status: 'signed-in'; me: Me };

interface SessionContextValue {
  state: SessionState;
  signedIn(me: Me): void;
  signOut(): Promise<void>;
  /** Reloads the signed-in person (after they edited their own account). */
  refresh(): Promise<void>;
  chooseLanguage(language: Language): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signedIn = useCallback((me: Me) => {
    applyLanguage(languageFor(me.user));
    setState({ status: 'signed-in', me });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal).then(signedIn, (error: unknown) => {
      if (controller.signal.aborted) return;
      // 401 is the usual "not signed in"; any other failure also lands on the login page,
      // whose own request will then say what is wrong.
      if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
      setState({ status: 'anonymous', reason: 'none' });
    });
    return () => controller.abort();
  }, [signedIn]);

  useEffect(() => {
    onUnauthorized(() =>
      setState((current) =>
        current.status === 'signed-in' ? { status: 'anonymous', reason: 'expired' } : current,
      ),
    );
    return () => onUnauthorized(null);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logoutRequest();
    } catch (error) {
      // Already signed out on the server: nothing left to end.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    clearCategories();
    setState({ status: 'anonymous', reason: 'signed-out' });
  }, []);

  const refresh = useCallback(async () => {
    signedIn(await fetchMe());
  }, [signedIn]);

  const chooseLanguage = useCallback(
    (language: Language) => {
      if (state.status !== 'signed-in') return;
      rememberLanguageChoice(state.me.user.id, language);
      applyLanguage(language);
      // Kept on the account too: the server writes the journal sentences in it.
      saveMyLanguage(language).then(
        () =>
          setState((current) =>
            current.status === 'signed-in'
              ? { ...current, me: { ...current.me, user: { ...current.me.user, language } } }
              : current,
          ),
        (error: unknown) =>
          notifyError(
            i18n.t('userMenu.languageSaveFailed'),
            error instanceof ApiError ? error.message : i18n.t('errors.unexpected'),
          ),
      );
    },
    [state],
  );

  const value = useMemo(
    () => ({ state, signedIn, signOut, refresh, chooseLanguage }),
    [state, signedIn, signOut, refresh, chooseLanguage],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in person; only for screens rendered behind the sign-in guard. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe needs a signed-in session');
  return state.me;
}
