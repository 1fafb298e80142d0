import { MESSAGES, type MessageKey } from './messages.js';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

const STORAGE_KEY = 'pcm.language';

/** The part of Web Storage used here (so this module also runs in unit tests without a DOM). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Vietnamese unless the user chose English on this device. */
export function initialLanguage(storage: Pick<KeyValueStore, 'getItem'> | null): Language {
  return storage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

export function rememberLanguage(storage: Pick<KeyValueStore, 'setItem'> | null, language: Language): void {
  storage?.setItem(STORAGE_KEY, language);
}

/** The message in the language, with {name} placeholders filled in. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = MESSAGES[key][language === 'vi' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A message for an enum value (e.g. `tipStatus.closed`), or the raw value when none is written. */
export function translateValue(language: Language, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const key = `${prefix}.${value}`;
  return key in MESSAGES ? translate(language, key as MessageKey) : value;
}

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** A calendar day (YYYY-MM-DD) or an instant as a date in Vietnam. */
export function formatDate(language: Language, value: string | null | undefined): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(LOCALES[language], { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
}

export function formatDateTime(language: Language, value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(LOCALES[language], {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function formatNumber(language: Language, value: number, fractionDigits = 0): string {
  return value.toLocaleString(LOCALES[language], { maximumFractionDigits: fractionDigits, minimumFractionDigits: 0 });
}

export function formatMoney(language: Language, value: number): string {
  return language === 'vi' ? `${formatNumber(language, value)} đồng` : `${formatNumber(language, value)} VND`;
}
