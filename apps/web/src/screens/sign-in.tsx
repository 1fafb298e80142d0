import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Role } from '../../../../libs/access/src/domain/roles.js';
import { ApiError } from '../api.js';
import { useApp } from '../app-context.js';
import { beginSignIn, completeSignIn, type OidcSettings } from '../auth/oidc.js';
import type { Session } from '../session.js';
import { CommandForm, ErrorBox, Loading, Page, SelectField, TextArea, TextField } from '../ui/components.js';

interface Unit {
  code: string;
  level: 'country' | 'province' | 'commune';
  name: string;
  nameEn: string;
  parentCode: string | null;
}

/** An official position of the reference table in force: who may hold it, and at which levels of scope. */
interface DemoPosition {
  position: string;
  titleVi: string;
  titleEn: string;
  statedBy: string[];
  heldAt: Array<'country' | 'province' | 'commune'>;
}

interface SignInConfig {
  signIn: 'demo' | 'oidc' | 'token';
  oidc: OidcSettings | null;
  demo: { roles: Role[]; units: Unit[]; positions: DemoPosition[] } | null;
}

/** Roles whose work spans a province or the country: offered the wider scopes first. */
const WIDE_ROLES: readonly Role[] = ['statistician', 'programme_officer', 'auditor', 'data_protection_officer'];

async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return (await response.json()) as T;
}

/** The grants the API reads from a token: the session is built only from what the server accepted. */
async function sessionFor(token: string, via: Session['via'], expiresAt: string | null): Promise<Session> {
  const me = await fetchJson<{ userId: string; grants: Session['grants'] }>('/me', {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  return { token, userId: me.userId, grants: me.grants, expiresAt, via };
}

function oidcDependencies() {
  return {
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    storage: window.sessionStorage,
    random: crypto,
    sha256: crypto.subtle as unknown as { digest(a: 'SHA-256', d: Uint8Array): Promise<ArrayBuffer> },
    now: () => new Date(),
  };
}

function redirectUri(): string {
  return `${window.location.origin}/console/callback`;
}

export function SignIn() {
  const { t } = useApp();
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    fetchJson<SignInConfig>('/auth/config').then(setConfig, setError);
  }, []);
  return (
    <Page title={t('signIn.title')}>
      <ErrorBox error={error} />
      {!config && !error ? <Loading /> : null}
      {config?.signIn === 'demo' && config.demo ? (
        <DemoSignIn roles={config.demo.roles} units={config.demo.units} positions={config.demo.positions} />
      ) : null}
      {config?.signIn === 'oidc' && config.oidc ? <OidcSignIn settings={config.oidc} /> : null}
      {config?.signIn === 'token' ? <TokenSignIn /> : null}
    </Page>
  );
}

function DemoSignIn(props: { roles: Role[]; units: Unit[]; positions: DemoPosition[] }) {
  const { t, tv, lang, api, signIn } = useApp();
  const provinces = useMemo(() => props.units.filter((u) => u.level === 'province'), [props.units]);
  const [role, setRole] = useState<Role>(props.roles[0]!);
  const [province, setProvince] = useState(provinces.find((p) => p.code === '01')?.code ?? provinces[0]?.code ?? 'VN');
  const communes = useMemo(() => props.units.filter((u) => u.level === 'commune' && u.parentCode === province), [props.units, province]);
  const [commune, setCommune] = useState('');
  const wide = WIDE_ROLES.includes(role);
  useEffect(() => setCommune(wide ? '' : (communes[0]?.code ?? '')), [province, wide]);
  const scope = province === 'VN' ? 'VN' : commune || province;
  const [userId, setUserId] = useState('');
  const level = scope === 'VN' ? 'country' : scope.length === 2 ? 'province' : 'commune';
  // The positions this role may hold at this level, as an identity provider would state one; the API checks it again.
  const positions = props.positions.filter((p) => p.statedBy.includes(role) && p.heldAt.includes(level));
  const [position, setPosition] = useState('');
  useEffect(
    () =>
      setPosition(
        positions.find((p) => role === 'sanctioning_official' && p.position.endsWith('people_committee_chair'))?.position ??
          positions[0]?.position ??
          '',
      ),
    [role, level],
  );
  const name = (u: Unit) => (lang === 'vi' ? u.name : u.nameEn);
  const defaultUser = `demo-${role.replace(/_/g, '-')}-${scope}`;
  return (
    <CommandForm
      name={t('signIn.title')}
      submitLabel={t('signIn.submit')}
      run={async () => {
        const held = positions.some((p) => p.position === position) ? position : '';
        const issued = await api.post<{ token: string; expiresAt: string }>('/auth/demo-token', {
          role,
          scope,
          ...(held ? { position: held } : {}),
          ...(userId.trim() ? { userId: userId.trim() } : {}),
        });
        signIn(await sessionFor(issued.token, 'demo', issued.expiresAt));
      }}
    >
      <p>{t('signIn.demoIntro')}</p>
      <SelectField
        label={t('signIn.role')}
        name="role"
        value={role}
        onChange={(v) => setRole(v as Role)}
        options={props.roles.map((r) => ({ value: r, label: tv('role', r) }))}
      />
      <SelectField
        label={t('signIn.province')}
        name="province"
        value={province}
        onChange={setProvince}
        options={[
          ...(wide ? [{ value: 'VN', label: t('signIn.wholeCountry') }] : []),
          ...provinces.map((p) => ({ value: p.code, label: `${name(p)} (${p.code})` })),
        ]}
      />
      {province !== 'VN' ? (
        <SelectField
          label={t('signIn.commune')}
          name="commune"
          value={commune}
          onChange={setCommune}
          options={[
            { value: '', label: t('signIn.wholeProvince') },
            ...communes.map((c) => ({ value: c.code, label: `${name(c)} (${c.code})` })),
          ]}
        />
      ) : null}
      {positions.length > 0 ? (
        <SelectField
          label={t('signIn.position')}
          name="position"
          value={position}
          onChange={setPosition}
          options={[
            { value: '', label: t('signIn.noPosition') },
            ...positions.map((p) => ({ value: p.position, label: lang === 'vi' ? p.titleVi : p.titleEn })),
          ]}
        />
      ) : null}
      <TextField label={`${t('signIn.userId')} ${t('app.optional')}`} name="userId" value={userId} onInput={setUserId} hint={defaultUser} />
    </CommandForm>
  );
}

function OidcSignIn(props: { settings: OidcSettings }) {
  const { t } = useApp();
  return (
    <CommandForm
      name={t('signIn.title')}
      submitLabel={t('signIn.oidcSubmit')}
      run={async () => window.location.assign(await beginSignIn(props.settings, redirectUri(), oidcDependencies()))}
    >
      <p>{t('signIn.oidcIntro')}</p>
    </CommandForm>
  );
}

function TokenSignIn() {
  const { t, signIn } = useApp();
  const [token, setToken] = useState('');
  return (
    <CommandForm
      name={t('signIn.title')}
      submitLabel={t('signIn.submit')}
      run={async () => signIn(await sessionFor(token.trim(), 'token', null))}
    >
      <p>{t('signIn.tokenIntro')}</p>
      <TextArea label={t('signIn.token')} name="token" value={token} onInput={setToken} required rows={4} />
    </CommandForm>
  );
}

/** The identity provider's redirect back: trade the code for a token, then start. */
export function SignInCallback() {
  const { t, signIn } = useApp();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    (async () => {
      const config = await fetchJson<SignInConfig>('/auth/config');
      if (!config.oidc) throw new Error('No identity provider is configured');
      const { accessToken, expiresAt } = await completeSignIn(window.location.href, config.oidc, oidcDependencies());
      // Drop the code from the address bar and the history before anything else.
      window.history.replaceState(null, '', '/console');
      signIn(await sessionFor(accessToken, 'oidc', expiresAt));
    })().catch(setError);
  }, []);
  return <Page title={t('signIn.title')}>{error ? <ErrorBox error={error} /> : <p role="status">{t('signIn.completing')}</p>}</Page>;
}
