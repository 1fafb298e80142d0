import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../jurisdictions/src/domain/jurisdiction-tree.js';
import { currentUnit, formerUnit, type Fact } from './facts.js';
import { computeIndicator } from './indicators.js';
import { attribute, communesOf, currentUnitsOf } from './roll-up.js';

const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
/** The seven communes that replaced the former Chương Mỹ district (Hà Nội). */
const CHUONG_MY = ['10015', '10030', '10045', '10072', '10081', '10096', '10126'];
const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };

describe('roll-up across the 2025 reform: where a record of a former unit counts', () => {
  it('a former commune that went whole into one current commune counts there, and in its province', () => {
    // Xã Tân Hiệp (old 27562) is now part of Hóc Môn commune (27559).
    expect(currentUnitsOf(formerUnit('27562'), tree)).toEqual(['27559']);
    expect(attribute(formerUnit('27562'), ['27559'], tree)).toEqual({ kind: 'full' });
    expect(attribute(formerUnit('27562'), ['79'], tree)).toEqual({ kind: 'full' });
    expect(attribute(formerUnit('27562'), ['27568'], tree)).toEqual({ kind: 'outside' });
  });

  it('a split former commune is partial in each of its pieces, with the candidates, and whole where all pieces are', () => {
    // Xã Lam Điền (old 10063) was split between Bình Minh (10126) and Quảng Bị (10072).
    expect(attribute(formerUnit('10063'), ['10072'], tree)).toEqual({ kind: 'partial', candidates: ['10072', '10126'], inside: ['10072'] });
    expect(attribute(formerUnit('10063'), ['10072', '10126'], tree)).toEqual({ kind: 'full' });
    expect(attribute(formerUnit('10063'), ['01'], tree)).toEqual({ kind: 'full' });
    expect(attribute(formerUnit('10063'), ['79'], tree)).toEqual({ kind: 'outside' });
  });

  it('keeps old and current codes apart: old 10015 (Chúc Sơn) is current 10015, but old 10018 is not current 10018', () => {
    expect(currentUnitsOf(formerUnit('10018'), tree)).toEqual(['10045']);
    expect(attribute(currentUnit('10018'), ['01'], tree)).toEqual({ kind: 'unmapped' });
    expect(attribute(formerUnit('99999'), ['VN'], tree)).toEqual({ kind: 'unmapped' });
  });

  it('a former province counts in the province it went into, and in none of its communes', () => {
    // "Gia Lai (cũ)" (old 64) and "Bình Định (cũ)" (old 52) are now Gia Lai (52).
    expect(attribute(formerUnit('64'), ['52'], tree)).toEqual({ kind: 'full' });
    expect(attribute(formerUnit('52'), ['52'], tree)).toEqual({ kind: 'full' });
    expect(attribute(formerUnit('64'), ['23575'], tree)).toEqual({ kind: 'outside' });
  });

  it('lists the current communes of an area', () => {
    expect(communesOf(['01'], tree)).toEqual(CHUONG_MY);
    expect(communesOf(['27559', '79'], tree)).toEqual(['27559', '27568', '27577', '27592']);
  });
});

describe('roll-up in the indicators, with a split unit', () => {
  const communication = (key: string, unit: Fact['unit']): Fact => ({
    fact: 'communication',
    key,
    unit,
    on: '2024-03-01',
    audience: 'general_public',
    reach: 100,
    recurring: true,
    villages: [],
  });
  const facts: Fact[] = [
    communication('c1', formerUnit('10021')), // Phụng Châu → Chương Mỹ (10015)
    communication('c2', formerUnit('10027')), // Đông Sơn → Phú Nghĩa (10030)
    communication('c3', formerUnit('10063')), // Lam Điền → split: Bình Minh or Quảng Bị
    communication('c4', currentUnit('10045')), // recorded after the reform
    communication('c5', formerUnit('27562')), // elsewhere (Hóc Môn)
  ];

  it('counts communes under the current units and shows the split commune as partial, not guessed', () => {
    const result = computeIndicator('communes_with_communication', facts, { area: CHUONG_MY, period: YEAR_2024, tree });
    expect(result).toMatchObject({
      numerator: 3,
      denominator: 7,
      partial: [{ unit: formerUnit('10063'), candidates: ['10072', '10126'], records: 1 }],
    });
    expect(result.value).toBeCloseTo((3 / 7) * 100, 10);
    const quangBi = computeIndicator('communes_with_communication', facts, { area: ['10072'], period: YEAR_2024, tree });
    expect(quangBi).toMatchObject({ numerator: 0, denominator: 1, value: 0, partial: [{ candidates: ['10072', '10126'], records: 1 }] });
  });

  it('counts records of a split unit in full where every piece is inside, partial where not', () => {
    const spots: Fact[] = [
      {
        fact: 'hotspot_status',
        key: 'h1@2024-02-01',
        hotspot: 'h1',
        unit: formerUnit('10063'),
        status: 'identified',
        from: '2024-02-01',
        to: null,
      },
      {
        fact: 'hotspot_status',
        key: 'h2@2024-05-01',
        hotspot: 'h2',
        unit: formerUnit('10060'),
        status: 'identified',
        from: '2024-05-01',
        to: null,
      },
    ];
    expect(computeIndicator('hotspots_formed_or_reformed', spots, { area: ['01'], period: YEAR_2024, tree })).toMatchObject({
      value: 2,
      partial: [],
    });
    expect(computeIndicator('hotspots_formed_or_reformed', spots, { area: ['10072'], period: YEAR_2024, tree })).toMatchObject({
      value: 1, // Tốt Động (10060) went whole into Quảng Bị
      partial: [{ unit: formerUnit('10063'), candidates: ['10072', '10126'], records: 1 }],
    });
  });

  it('counts a split unit’s hotspot once in its partial share, however many status stretches it has', () => {
    const stretch = (status: 'identified' | 'under_treatment' | 'eradicated', from: string, to: string | null): Fact => ({
      fact: 'hotspot_status',
      key: `h1@${from}`,
      hotspot: 'h1',
      unit: formerUnit('10063'),
      status,
      from,
      to,
    });
    const spots = [
      stretch('identified', '2024-01-05', '2024-02-01'),
      stretch('under_treatment', '2024-02-01', '2024-06-01'),
      stretch('eradicated', '2024-06-01', null),
    ];
    expect(computeIndicator('hotspots_eradicated', spots, { area: ['10126'], period: YEAR_2024, tree })).toMatchObject({
      numerator: 0,
      denominator: 0,
      partial: [{ records: 1 }],
    });
    expect(computeIndicator('hotspots_eradicated', spots, { area: ['01'], period: YEAR_2024, tree })).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 100,
    });
  });
});
