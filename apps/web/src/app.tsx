import type { ComponentType } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApi } from './api.js';
import { AppContext, useApp, type AppContextValue } from './app-context.js';
import { initialLanguage, LANGUAGES, rememberLanguage, translate, translateValue, type Language } from './i18n/i18n.js';
import { areaOf, homeOf, mayOpen, navFor, type Area } from './roles.js';
import { Link, navigate, useLocation } from './router.js';
import { SignIn, SignInCallback } from './screens/sign-in.js';
import { clearSession, loadSession, rolesOf, saveSession, type Session } from './session.js';
import { Loading, Page } from './ui/components.js';

export interface AreaProps {
  path: string;
}

/** Each area is a chunk of its own, fetched the first time one of its screens opens. */
const AREAS: Record<Area, () => Promise<{ default: ComponentType<AreaProps> }>> = {
  enforcement: () => import('./screens/enforcement/area.js'),
  deadlines: () => import('./screens/enforcement/deadlines-area.js'),
  penalties: () => import('./screens/penalties/area.js'),
  support: () => import('./screens/support/area.js'),
  statistics: () => import('./screens/statistics/area.js'),
  audit: () => import('./screens/audit/area.js'),
};
const loaded: Partial<Record<Area, ComponentType<AreaProps>>> = {};

function AreaScreen(props: { area: Area; path: string }) {
  const [screen, setScreen] = useState<ComponentType<AreaProps> | undefined>(() => loaded[props.area]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (loaded[props.area]) return setScreen(() => loaded[props.area]);
    setScreen(undefined);
    AREAS[props.area]().then(
      (module) => {
        loaded[props.area] = module.default;
        setScreen(() => module.default);
      },
      () => setFailed(true),
    );
  }, [props.area]);
  const { t } = useApp();
  if (failed) return <p role="alert">{t('error.network')}</p>;
  const Screen = screen;
  return Screen ? <Screen path={props.path} /> : <Loading />;
}

function Header() {
  const { t, tv, lang, setLang, session, signOut } = useApp();
  return (
    <header class="top">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <div class="brand">{t('app.title')}</div>
      <div class="top-tools">
        <div role="group" aria-label={t('app.language')} class="lang">
          {LANGUAGES.map((l) => (
            <button key={l} type="button" class="link-button" aria-pressed={lang === l} onClick={() => setLang(l)} lang={l}>
              {l === 'vi' ? 'Tiếng Việt' : 'English'}
            </button>
          ))}
        </div>
        {session ? (
          <div class="who">
            <span>
              {t('app.signedInAs', { user: session.userId })} · {session.grants.map((g) => `${tv('role', g.role)} (${g.scope})`).join(', ')}
            </span>
            <button type="button" class="link-button" onClick={signOut}>
              {t('app.signOut')}
            </button>
          </div>
        ) : null}
      </div>
    </header>
  );
}

function Navigation(props: { path: string }) {
  const { t, session } = useApp();
  const items = navFor(rolesOf(session));
  const pathname = props.path.split('?')[0]!;
  // The menu entry whose address is the longest start of the page's address.
  const current = items
    .map((item) => item.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label={t('app.menu')} class="nav">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={item.href === current ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SignedIn(props: { path: string }) {
  const { t, session } = useApp();
  const roles = rolesOf(session);
  const pathname = props.path.split('?')[0]!.replace(/\/+$/, '') || '/';
  const home = homeOf(roles);
  const atEntry = pathname === '/' || pathname === '/console' || pathname === '/console/callback';
  useEffect(() => {
    if (atEntry && home) navigate(home, true);
  }, [atEntry, home]);
  if (atEntry)
    return home ? (
      <Loading />
    ) : (
      <Page title={t('app.home')}>
        <p>{t('app.noScreen')}</p>
      </Page>
    );
  const area = areaOf(pathname);
  if (!area || !mayOpen(roles, area)) {
    return (
      <Page title={t('error.notFound')}>
        <p>{area ? t('app.noScreen') : t('app.notFound')}</p>
      </Page>
    );
  }
  return <AreaScreen area={area} path={props.path} />;
}

export function App() {
  const storage = window.localStorage;
  const [lang, setLangState] = useState<Language>(() => initialLanguage(storage));
  const [session, setSession] = useState<Session | null>(() => loadSession(window.sessionStorage));
  const token = useRef<string | null>(session?.token ?? null);
  token.current = session?.token ?? null;
  const path = useLocation();

  document.documentElement.lang = lang;

  const value = useMemo<AppContextValue>(() => {
    const signOut = () => {
      clearSession(window.sessionStorage);
      setSession(null);
      navigate('/console', true);
    };
    return {
      lang,
      setLang: (l) => {
        rememberLanguage(storage, l);
        setLangState(l);
      },
      t: (key, values) => translate(lang, key, values),
      tv: (prefix, v) => translateValue(lang, prefix, v),
      session,
      api: createApi(() => token.current, signOut),
      signIn: (s) => {
        saveSession(window.sessionStorage, s);
        setSession(s);
        navigate(homeOf(rolesOf(s)) ?? '/console', true);
      },
      signOut,
    };
  }, [lang, session]);

  const callback = path.startsWith('/console/callback');
  return (
    <AppContext.Provider value={value}>
      <Header />
      <div class="layout">
        {session ? <Navigation path={path} /> : null}
        <main id="main">{session ? <SignedIn path={path} /> : callback ? <SignInCallback /> : <SignIn />}</main>
      </div>
    </AppContext.Provider>
  );
}
