import { DomainError } from '../../../../case-kernel/src/domain/decider.js';

/**
 * Figures about people (support, people penalised) go no finer than a commune: never per
 * establishment, venue, hotspot, village, provider or address, where a count of one or two is a
 * person. Only the dimensions listed here may break them down; anything else is refused.
 */
export const PERSON_BREAKDOWNS = ['country', 'province', 'commune', 'period'] as const;
export type PersonBreakdown = (typeof PERSON_BREAKDOWNS)[number];

export function assertPersonBreakdown(dimensions: readonly string[]): asserts dimensions is readonly PersonBreakdown[] {
  const refused = dimensions.filter((d) => !(PERSON_BREAKDOWNS as readonly string[]).includes(d));
  if (refused.length > 0) {
    throw new DomainError(
      'rule_violated',
      'statistics.breakdown_too_fine',
      `Figures about people are published by province, commune and period only, never by ${refused.join(', ')}`,
      `Số liệu về con người chỉ được công bố theo tỉnh, xã và kỳ, không theo ${refused.join(', ')}`,
      { refused: refused.join(',') },
    );
  }
}

/** A unit for a person figure must be a commune, a province or the country of the current tree. */
export function assertPersonGeography(code: string, levelOf: (code: string) => string | undefined): void {
  const level = levelOf(code);
  if (level !== 'commune' && level !== 'province' && level !== 'country') {
    throw new DomainError(
      'rule_violated',
      'statistics.geography_too_fine',
      'Figures about people are published for a commune, a province or the country only',
      'Số liệu về con người chỉ được công bố cho xã, tỉnh hoặc toàn quốc',
      { unit: code.slice(0, 20) },
    );
  }
}
