import { useApp, useLoad } from '../app-context.js';
import { SelectField } from './components.js';

interface UnitAnswer {
  code: string;
  name: string;
  nameEn: string;
  level: string;
  children: Array<{ code: string; name: string; nameEn: string; level: string }>;
}

/** The user's own unit and the units directly below it, as choices. */
export function UnitSelect(props: { scope: string; value: string; onChange(code: string): void; label: string; allowCountry?: boolean }) {
  const { lang } = useApp();
  const unit = useLoad(
    (api) => api.get<UnitAnswer>(`/jurisdictions/${encodeURIComponent(props.scope)}`).then((a) => a.data),
    [props.scope],
  );
  const name = (u: { name: string; nameEn: string }) => (lang === 'vi' ? u.name : u.nameEn);
  const options = unit.data
    ? [
        ...(unit.data.level !== 'country' || props.allowCountry
          ? [{ value: unit.data.code, label: `${name(unit.data)} (${unit.data.code})` }]
          : []),
        ...unit.data.children.map((c) => ({ value: c.code, label: `${name(c)} (${c.code})` })),
      ]
    : [{ value: props.value, label: props.value }];
  return <SelectField label={props.label} value={props.value} onChange={props.onChange} options={options} required />;
}

/** The narrowest scope among the grants of these roles: where a new record is made by default. */
export function defaultUnit(grants: ReadonlyArray<{ role: string; scope: string }>, roles: readonly string[]): string {
  const scopes = grants.filter((g) => roles.includes(g.role)).map((g) => g.scope);
  return [...scopes].sort((a, b) => b.length - a.length)[0] ?? 'VN';
}
