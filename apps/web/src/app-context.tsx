import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { Api } from './api.js';
import type { Language } from './i18n/i18n.js';
import type { MessageKey } from './i18n/messages.js';
import type { Session } from './session.js';

export interface AppContextValue {
  lang: Language;
  setLang(language: Language): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** An enum value in words (`tv('tipStatus', 'closed')`). */
  tv(prefix: string, value: string | null | undefined): string;
  session: Session | null;
  api: Api;
  signIn(session: Session): void;
  signOut(): void;
}

export const AppContext = createContext<AppContextValue>(null as unknown as AppContextValue);

export function useApp(): AppContextValue {
  return useContext(AppContext);
}

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads once per change of `deps` (and on reload), through the signed-in API. */
export function useLoad<T>(load: (api: Api) => Promise<T>, deps: unknown[]): Loaded<T> {
  const { api } = useApp();
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load(api).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
