import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { useApp } from '../app-context.js';
import type { MessageKey } from '../i18n/messages.js';

let fieldCounter = 0;
/** A stable id per mounted field, so every label points at its control. */
function useFieldId(prefix: string): string {
  const ref = useRef<string | null>(null);
  ref.current ??= `${prefix}-${(fieldCounter += 1)}`;
  return ref.current;
}

/** A screen: its heading takes the focus when it opens, so screen readers announce the new page. */
export function Page(props: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · ${document.documentElement.lang === 'en' ? 'Case console' : 'Quản lý hồ sơ'}`;
    heading.current?.focus();
  }, [props.title]);
  return (
    <section class="page">
      <div class="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

export function Section(props: { title: string; children: ComponentChildren; id?: string }) {
  const id = useFieldId('section');
  return (
    <section class="card" aria-labelledby={id} id={props.id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Loading() {
  const { t } = useApp();
  return (
    <p class="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

/** What went wrong, in the user's language: the API's own explanation where it gave one. */
export function errorText(error: unknown, t: (key: MessageKey) => string, lang: string): string {
  if (!(error instanceof ApiError)) return error instanceof Error && error.name === 'SignInError' ? error.message : t('error.network');
  const problem = error.problem;
  const fields = Array.isArray(problem?.errors) ? (problem!.errors as unknown[]).filter((e) => typeof e === 'string').join('; ') : '';
  const own = lang === 'vi' ? (problem?.detailVi ?? problem?.detail) : problem?.detail;
  switch (error.status) {
    case 401:
      return t('error.session');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return own ? `${t('error.conflict')} (${own})` : t('error.conflict');
    case 503:
      return t('error.unavailable');
    default:
      return [own, fields].filter(Boolean).join(' — ') || `HTTP ${error.status}`;
  }
}

export function ErrorBox(props: { error: unknown }) {
  const { t, lang } = useApp();
  if (!props.error) return null;
  return (
    <div class="error" role="alert">
      <strong>{t('error.title')}: </strong>
      {errorText(props.error, t, lang)}
    </div>
  );
}

interface FieldProps {
  label: string;
  value: string;
  onInput(value: string): void;
  type?: string;
  required?: boolean;
  hint?: string;
  name?: string;
  min?: string | number;
  max?: string | number;
  autoComplete?: string;
}

export function TextField(props: FieldProps) {
  const id = useFieldId('field');
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        min={props.min}
        max={props.max}
        autoComplete={props.autoComplete ?? 'off'}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      {props.hint ? (
        <small id={`${id}-hint`} class="muted">
          {props.hint}
        </small>
      ) : null}
    </div>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const id = useFieldId('area');
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        value={props.value}
        required={props.required}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

export function SelectField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  options: Array<{ value: string; label: string }>;
  required?: boolean;
  name?: string;
}) {
  const id = useFieldId('select');
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; onChange(checked: boolean): void; name?: string }) {
  const id = useFieldId('check');
  return (
    <div class="field field-check">
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/**
 * A form that sends one command: the button is disabled while it runs, the API's refusal is
 * shown in the form, and `done` runs after success.
 */
export function CommandForm(props: {
  submitLabel: string;
  run(): Promise<unknown>;
  done?(result: unknown): void;
  children?: ComponentChildren;
  name?: string;
}) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onSubmit = async (event: JSX.TargetedEvent<HTMLFormElement, Event>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await props.run();
      props.done?.(result);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="command" onSubmit={onSubmit} aria-label={props.name ?? props.submitLabel}>
      {props.children}
      <ErrorBox error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('app.saving') : props.submitLabel}
      </button>
    </form>
  );
}

export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

export function Badge(props: { tone?: Tone; children: ComponentChildren }) {
  return <span class={`badge badge-${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

/** Label/value pairs; a redacted or erased value shows as such, never as empty. */
export function Facts(props: { items: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="facts">
      {props.items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A field value as the API gave it: plain text, or the redaction / erasure marker in words. */
export function FieldValue(props: { value: unknown }) {
  const { t } = useApp();
  const v = props.value;
  if (v === null || v === undefined || v === '') return <span class="muted">—</span>;
  if (typeof v === 'object' && v !== null && 'redacted' in v) return <Badge tone="warn">{t('app.redacted')}</Badge>;
  if (typeof v === 'object' && v !== null && 'erased' in v) return <Badge tone="warn">{t('app.erased')}</Badge>;
  if (Array.isArray(v)) return <>{v.join(', ')}</>;
  if (typeof v === 'object') return <code>{JSON.stringify(v)}</code>;
  return <>{String(v)}</>;
}

export function Table(props: { caption: string; head: string[]; children: ComponentChildren; empty?: boolean; emptyText?: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.empty ? (
            <tr>
              <td colSpan={props.head.length} class="muted">
                {props.emptyText}
              </td>
            </tr>
          ) : (
            props.children
          )}
        </tbody>
      </table>
    </div>
  );
}

export function today(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** An address inside an area that no screen answers. */
export function NotFound() {
  const { t } = useApp();
  return (
    <Page title={t('error.notFound')}>
      <p>{t('app.notFound')}</p>
    </Page>
  );
}
