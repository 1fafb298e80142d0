/** Levels of the current (post-2025) tree: there are no districts since 1 July 2025. */
export type UnitLevel = 'country' | 'province' | 'commune';

/** Levels a pre-reform unit can have in the mapping data (the data has districts only for five island districts). */
export type OldUnitLevel = 'province' | 'district' | 'commune';

export const COUNTRY_CODE = 'VN';

/** The 2025 reform (34 provinces, 3,321 communes, no districts) took effect on this day. */
export const REFORM_2025_EFFECTIVE_FROM = '2025-07-01';

/**
 * A unit of one version of the tree. Dates are ISO days (YYYY-MM-DD); validity is half-open:
 * in force from validFrom (inclusive) until validTo (exclusive), or open-ended when validTo is null.
 */
export interface JurisdictionUnit {
  code: string;
  level: UnitLevel;
  name: string;
  nameEn: string;
  fullName: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/**
 * One piece of a pre-reform unit going to a current unit. `full`: the whole old unit went into
 * newCode; `partial`: only part of it did (the rest went to other units). Old codes are their own
 * namespace: a pre-reform commune code may equal the code of a different current commune.
 */
export interface OldUnitMapping {
  oldCode: string;
  oldLevel: OldUnitLevel;
  oldName: string;
  /** Pre-reform province of a district or commune; null for a province. */
  oldProvinceCode: string | null;
  newCode: string;
  kind: 'full' | 'partial';
  effectiveFrom: string;
}

/** Where a pre-reform unit went. `partial`: its history cannot be attributed to one current unit without more detail. */
export interface CurrentUnits {
  units: string[];
  partial: boolean;
}

const CODE_PATTERNS: Record<UnitLevel, RegExp> = { country: /^VN$/, province: /^\d{2}$/, commune: /^\d{5}$/ };
const OLD_CODE_PATTERNS: Record<OldUnitLevel, RegExp> = { province: /^\d{2}$/, district: /^\d{3}$/, commune: /^\d{5}$/ };
const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Official codes: provinces two digits, communes five (disjoint by length). */
export function isCodeOfLevel(code: string, level: UnitLevel): boolean {
  return CODE_PATTERNS[level].test(code);
}

export function isOldCodeOfLevel(code: string, level: OldUnitLevel): boolean {
  return OLD_CODE_PATTERNS[level].test(code);
}

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

export function vietnamRoot(validFrom: string = REFORM_2025_EFFECTIVE_FROM): JurisdictionUnit {
  return {
    code: COUNTRY_CODE,
    level: 'country',
    name: 'Việt Nam',
    nameEn: 'Viet Nam',
    fullName: 'Cộng hòa Xã hội chủ nghĩa Việt Nam',
    parentCode: null,
    validFrom,
    validTo: null,
  };
}

/** The units or mappings do not form a valid tree. Carries every problem found, not just the first. */
export class InvalidJurisdictionDataError extends Error {
  readonly code = 'jurisdictions.invalid_data';
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > shown.length) shown.push(`  - … and ${problems.length - shown.length} more`);
    super(`Invalid administrative-unit data (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${shown.join('\n')}`);
    this.name = 'InvalidJurisdictionDataError';
  }
}
