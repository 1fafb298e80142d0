/*
 * Shape checks for the three source files in ../shared/data/admin-units. Each failure names the
 * file, the position of the bad entry (e.g. `[3].Wards[17]`) and shows the entry.
 */

export interface SourceWard {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  ProvinceCode: string;
  at: string;
}

export interface SourceProvince {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  Wards: SourceWard[];
  at: string;
}

export interface SourceSplit {
  newId: string;
  name: string;
}

/** A pre-reform unit and where its pieces went. */
export interface SourceOldUnit {
  id: string;
  name: string;
  splits: SourceSplit[];
  at: string;
}

export interface SourceOldProvince extends SourceOldUnit {
  districts: SourceOldUnit[];
  communes: SourceOldUnit[];
}

/** (old id, new id) → kind, as new_to_old marks it. */
export type SourceKinds = Map<string, 'full' | 'partial'>;

export const kindKey = (oldId: string, newId: string) => `${oldId}→${newId}`;

export class AdminUnitsFileError extends Error {
  readonly code = 'jurisdictions.bad_source_file';
  constructor(
    readonly file: string,
    readonly entry: string,
    problem: string,
    value?: unknown,
  ) {
    super(`${file}: ${entry || 'top level'}: ${problem}${value === undefined ? '' : `; entry: ${preview(value)}`}`);
    this.name = 'AdminUnitsFileError';
  }
}

/** vn_units_*.json: an array of provinces, each with its Wards. */
export function parseUnitsFile(file: string, json: unknown): SourceProvince[] {
  const check = new Checker(file);
  return check.array(json, '').map((raw, i) => {
    const at = `[${i}]`;
    const province = check.object(raw, at);
    return {
      Code: check.text(province, at, 'Code', /^\d{2}$/, 'a 2-digit province code'),
      Name: check.text(province, at, 'Name'),
      NameEn: check.text(province, at, 'NameEn'),
      FullName: check.text(province, at, 'FullName'),
      Wards: check.array(province.Wards, `${at}.Wards`, province).map((rawWard, j) => {
        const wardAt = `${at}.Wards[${j}]`;
        const ward = check.object(rawWard, wardAt);
        return {
          Code: check.text(ward, wardAt, 'Code', /^\d{5}$/, 'a 5-digit commune code'),
          Name: check.text(ward, wardAt, 'Name'),
          NameEn: check.text(ward, wardAt, 'NameEn'),
          FullName: check.text(ward, wardAt, 'FullName'),
          ProvinceCode: check.text(ward, wardAt, 'ProvinceCode', /^\d{2}$/, 'a 2-digit province code'),
          at: wardAt,
        };
      }),
      at,
    };
  });
}

/** mapping_2025_old_to_new.json: `{data: [{level1_id, name, splits, level2s?, level3s}]}`. */
export function parseOldToNewFile(file: string, json: unknown): SourceOldProvince[] {
  const check = new Checker(file);
  const data = check.array(check.object(json, '').data, 'data', json);
  return data.map((raw, i) => {
    const at = `data[${i}]`;
    const entry = check.object(raw, at);
    const children = (key: 'level2s' | 'level3s', idKey: string, pattern: RegExp, what: string) =>
      entry[key] === undefined && key === 'level2s'
        ? []
        : check.array(entry[key], `${at}.${key}`, entry).map((rawChild, j) => {
            const childAt = `${at}.${key}[${j}]`;
            const child = check.object(rawChild, childAt);
            return {
              id: check.text(child, childAt, idKey, pattern, what),
              name: check.text(child, childAt, 'name'),
              splits: splits(check, child, childAt, /^\d{5}$/, 'a 5-digit commune code'),
              at: childAt,
            };
          });
    return {
      id: check.text(entry, at, 'level1_id', /^\d{2}$/, 'a 2-digit province code'),
      name: check.text(entry, at, 'name'),
      splits: splits(check, entry, at, /^\d{2}$/, 'a 2-digit province code'),
      districts: children('level2s', 'level2_id', /^\d{3}$/, 'a 3-digit district code'),
      communes: children('level3s', 'level3_id', /^\d{5}$/, 'a 5-digit commune code'),
      at,
    };
  });
}

/** mapping_2025_new_to_old.json: only the full/partial kinds are taken from it. */
export function parseNewToOldFile(file: string, json: unknown): SourceKinds {
  const check = new Checker(file);
  const kinds: SourceKinds = new Map();
  const collect = (owner: Record<string, unknown>, at: string, newId: string) => {
    check.array(owner.merges, `${at}.merges`, owner).forEach((rawMerge, k) => {
      const mergeAt = `${at}.merges[${k}]`;
      const merge = check.object(rawMerge, mergeAt);
      const oldId = check.text(merge, mergeAt, 'old_id', /^\d{2,5}$/, 'a 2-, 3- or 5-digit code');
      const type = check.text(merge, mergeAt, 'type', /^(full|partial)$/, '"full" or "partial"') as 'full' | 'partial';
      kinds.set(kindKey(oldId, newId), type);
    });
  };
  check.array(check.object(json, '').data, 'data', json).forEach((raw, i) => {
    const at = `data[${i}]`;
    const entry = check.object(raw, at);
    collect(entry, at, check.text(entry, at, 'level1_id', /^\d{2}$/, 'a 2-digit province code'));
    check.array(entry.level2s, `${at}.level2s`, entry).forEach((rawUnit, j) => {
      const unitAt = `${at}.level2s[${j}]`;
      const unit = check.object(rawUnit, unitAt);
      collect(unit, unitAt, check.text(unit, unitAt, 'level2_id', /^\d{5}$/, 'a 5-digit commune code'));
    });
  });
  return kinds;
}

function splits(check: Checker, owner: Record<string, unknown>, at: string, pattern: RegExp, what: string): SourceSplit[] {
  const list = check.array(owner.splits, `${at}.splits`, owner);
  if (list.length === 0) throw new AdminUnitsFileError(check.file, `${at}.splits`, 'must list at least one new unit', owner);
  return list.map((raw, k) => {
    const splitAt = `${at}.splits[${k}]`;
    const split = check.object(raw, splitAt);
    return { newId: check.text(split, splitAt, 'new_id', pattern, what), name: check.text(split, splitAt, 'name') };
  });
}

class Checker {
  constructor(readonly file: string) {}

  object(value: unknown, at: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new AdminUnitsFileError(this.file, at, 'expected an object', value);
    return value as Record<string, unknown>;
  }

  array(value: unknown, at: string, owner?: unknown): unknown[] {
    if (!Array.isArray(value)) throw new AdminUnitsFileError(this.file, at, 'expected an array', owner ?? value);
    return value;
  }

  /** A non-empty string, trimmed and NFC-normalised (the sources have stray spaces). */
  text(owner: Record<string, unknown>, at: string, key: string, pattern?: RegExp, what?: string): string {
    const value = owner[key];
    if (typeof value !== 'string' || value.trim() === '')
      throw new AdminUnitsFileError(this.file, at, `${key} must be a non-empty string`, owner);
    const text = value.trim().normalize('NFC');
    if (pattern && !pattern.test(text)) throw new AdminUnitsFileError(this.file, at, `${key} "${text}" is not ${what}`, owner);
    return text;
  }
}

/** The entry, with nested lists shortened, so an error shows what is wrong without dumping the file. */
function preview(value: unknown): string {
  const text = JSON.stringify(value, (_key, inner: unknown) =>
    Array.isArray(inner) && inner.length > 3 ? [...inner.slice(0, 2), `… ${inner.length - 2} more`] : inner,
  );
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
