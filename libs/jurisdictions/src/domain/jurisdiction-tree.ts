import {
  COUNTRY_CODE,
  InvalidJurisdictionDataError,
  isCodeOfLevel,
  isIsoDay,
  isOldCodeOfLevel,
  type CurrentUnits,
  type JurisdictionUnit,
  type OldUnitMapping,
  type UnitLevel,
} from './jurisdiction-unit.js';

const PARENT_LEVEL: Record<UnitLevel, UnitLevel | null> = { country: null, province: 'country', commune: 'province' };
const TARGET_LEVEL: Record<OldUnitMapping['oldLevel'], UnitLevel> = { province: 'province', district: 'commune', commune: 'commune' };

/**
 * One version of the administrative tree (country → province → commune) and the mapping from
 * pre-reform units into it. Immutable; `build` checks the whole input and reports every problem.
 */
export class JurisdictionTree {
  private constructor(
    private readonly byCode: ReadonlyMap<string, JurisdictionUnit>,
    private readonly childrenByCode: ReadonlyMap<string, readonly JurisdictionUnit[]>,
    private readonly mappingsByOld: ReadonlyMap<string, readonly OldUnitMapping[]>,
    private readonly mappingsByNew: ReadonlyMap<string, readonly OldUnitMapping[]>,
  ) {}

  static build(units: readonly JurisdictionUnit[], mappings: readonly OldUnitMapping[] = []): JurisdictionTree {
    const problems: string[] = [];
    const byCode = new Map<string, JurisdictionUnit>();
    for (const unit of units) {
      if (byCode.has(unit.code)) problems.push(`unit ${unit.code}: listed twice`);
      else byCode.set(unit.code, Object.freeze({ ...unit }));
    }
    const childrenByCode = new Map<string, JurisdictionUnit[]>();
    for (const unit of byCode.values()) {
      problems.push(...unitProblems(unit, byCode));
      if (unit.parentCode !== null) append(childrenByCode, unit.parentCode, unit);
    }
    if (!byCode.has(COUNTRY_CODE)) problems.push(`no country root ${COUNTRY_CODE}`);

    const mappingsByOld = new Map<string, OldUnitMapping[]>();
    const mappingsByNew = new Map<string, OldUnitMapping[]>();
    const pairs = new Set<string>();
    for (const mapping of mappings) {
      const pair = `${mapping.oldCode}→${mapping.newCode}@${mapping.effectiveFrom}`;
      if (pairs.has(pair)) problems.push(`mapping ${pair}: listed twice`);
      pairs.add(pair);
      problems.push(...mappingProblems(mapping, byCode));
      const frozen = Object.freeze({ ...mapping });
      append(mappingsByOld, mapping.oldCode, frozen);
      append(mappingsByNew, mapping.newCode, frozen);
    }
    if (problems.length > 0) throw new InvalidJurisdictionDataError(problems);

    for (const list of childrenByCode.values()) list.sort(byUnitCode);
    return new JurisdictionTree(byCode, childrenByCode, mappingsByOld, mappingsByNew);
  }

  get root(): JurisdictionUnit {
    return this.byCode.get(COUNTRY_CODE)!;
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): JurisdictionUnit | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Direct children, ordered by code; empty for a commune or an unknown code. */
  children(code: string): readonly JurisdictionUnit[] {
    return this.childrenByCode.get(code) ?? [];
  }

  /** Parent first, root last; empty for the root or an unknown code. */
  ancestors(code: string): JurisdictionUnit[] {
    const result: JurisdictionUnit[] = [];
    let current = this.byCode.get(code);
    while (current?.parentCode) {
      current = this.byCode.get(current.parentCode);
      if (current) result.push(current);
    }
    return result;
  }

  /** The province a province or commune belongs to (a province is its own); undefined for the country or an unknown code. */
  provinceOf(code: string): JurisdictionUnit | undefined {
    const unit = this.byCode.get(code);
    if (!unit) return undefined;
    if (unit.level === 'province') return unit;
    return this.ancestors(code).find((a) => a.level === 'province');
  }

  /** Is `code` inside `scopeCode`? A unit contains itself and everything below it; unknown codes are in nothing and contain nothing. */
  contains(scopeCode: string, code: string): boolean {
    if (!this.byCode.has(scopeCode) || !this.byCode.has(code)) return false;
    return code === scopeCode || this.ancestors(code).some((a) => a.code === scopeCode);
  }

  /** The scope itself and every unit below it, depth first by code; empty for an unknown code. */
  codesWithin(scopeCode: string): string[] {
    if (!this.byCode.has(scopeCode)) return [];
    const result = [scopeCode];
    for (const child of this.children(scopeCode)) result.push(...this.codesWithin(child.code));
    return result;
  }

  units(level?: UnitLevel): JurisdictionUnit[] {
    return [...this.byCode.values()].filter((u) => level === undefined || u.level === level).sort(byUnitCode);
  }

  /**
   * Current units that a pre-reform unit (province, island district or commune, by its old code)
   * went into. `partial` is true when the old unit is not wholly inside one current unit: the data
   * marks a piece as partial, or it went to more than one unit. Unknown old codes: no units.
   */
  currentUnitsFor(oldCode: string): CurrentUnits {
    const mappings = this.mappingsByOld.get(oldCode) ?? [];
    const units = [...new Set(mappings.map((m) => m.newCode))].sort();
    return { units, partial: units.length > 1 || mappings.some((m) => m.kind === 'partial') };
  }

  /** Pre-reform units (or pieces of them) that went into a current unit, e.g. "Bình Định (cũ)" for province 52. */
  oldUnitsInto(newCode: string): readonly OldUnitMapping[] {
    return this.mappingsByNew.get(newCode) ?? [];
  }
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byUnitCode(a: JurisdictionUnit, b: JurisdictionUnit): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function unitProblems(unit: JurisdictionUnit, byCode: ReadonlyMap<string, JurisdictionUnit>): string[] {
  const problems: string[] = [];
  const at = `unit ${unit.code}`;
  if (!(unit.level in PARENT_LEVEL)) return [`${at}: unknown level "${String(unit.level)}"`];
  if (!isCodeOfLevel(unit.code, unit.level)) problems.push(`${at}: not a valid ${unit.level} code`);
  for (const field of ['name', 'nameEn', 'fullName'] as const) {
    if (typeof unit[field] !== 'string' || unit[field].trim() === '') problems.push(`${at}: ${field} is empty`);
  }
  if (!isIsoDay(unit.validFrom)) problems.push(`${at}: validFrom "${unit.validFrom}" is not a YYYY-MM-DD day`);
  if (unit.validTo !== null && (!isIsoDay(unit.validTo) || unit.validTo <= unit.validFrom)) {
    problems.push(`${at}: validTo "${unit.validTo}" is not a day after validFrom`);
  }
  const expectedParent = PARENT_LEVEL[unit.level];
  if (expectedParent === null) {
    if (unit.parentCode !== null) problems.push(`${at}: the country has no parent`);
  } else {
    const parent = unit.parentCode === null ? undefined : byCode.get(unit.parentCode);
    if (!parent) problems.push(`${at}: parent ${unit.parentCode ?? '(none)'} is not in the tree`);
    else if (parent.level !== expectedParent)
      problems.push(`${at}: a ${unit.level} must be under a ${expectedParent}, not ${parent.level} ${parent.code}`);
  }
  return problems;
}

function mappingProblems(mapping: OldUnitMapping, byCode: ReadonlyMap<string, JurisdictionUnit>): string[] {
  const at = `mapping ${mapping.oldCode}→${mapping.newCode}`;
  if (!(mapping.oldLevel in TARGET_LEVEL)) return [`${at}: unknown old level "${String(mapping.oldLevel)}"`];
  const problems: string[] = [];
  if (!isOldCodeOfLevel(mapping.oldCode, mapping.oldLevel)) problems.push(`${at}: not a valid old ${mapping.oldLevel} code`);
  if (mapping.kind !== 'full' && mapping.kind !== 'partial') problems.push(`${at}: kind must be full or partial`);
  if (!isIsoDay(mapping.effectiveFrom)) problems.push(`${at}: effectiveFrom "${mapping.effectiveFrom}" is not a YYYY-MM-DD day`);
  const target = byCode.get(mapping.newCode);
  const expected = TARGET_LEVEL[mapping.oldLevel];
  if (!target) problems.push(`${at}: current unit ${mapping.newCode} is not in the tree`);
  else if (target.level !== expected) problems.push(`${at}: an old ${mapping.oldLevel} maps to a ${expected}, not a ${target.level}`);
  return problems;
}
