import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../built-in-units.js';
import { JurisdictionTree } from './jurisdiction-tree.js';
import { InvalidJurisdictionDataError, vietnamRoot, type JurisdictionUnit, type OldUnitMapping } from './jurisdiction-unit.js';

const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
const codes = (units: readonly JurisdictionUnit[]) => units.map((u) => u.code);

const unit = (code: string, level: JurisdictionUnit['level'], parentCode: string | null): JurisdictionUnit => ({
  code,
  level,
  parentCode,
  name: `n${code}`,
  nameEn: `n${code}`,
  fullName: `Unit ${code}`,
  validFrom: '2025-07-01',
  validTo: null,
});
const mapping = (
  oldCode: string,
  newCode: string,
  kind: OldUnitMapping['kind'],
  oldLevel: OldUnitMapping['oldLevel'] = 'commune',
): OldUnitMapping => ({
  oldCode,
  oldLevel,
  oldName: `old ${oldCode}`,
  oldProvinceCode: oldLevel === 'province' ? null : '01',
  newCode,
  kind,
  effectiveFrom: '2025-07-01',
});
const small = [vietnamRoot(), unit('01', 'province', 'VN'), unit('00004', 'commune', '01'), unit('00008', 'commune', '01')];

function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidJurisdictionDataError);
    expect((error as InvalidJurisdictionDataError).code).toBe('jurisdictions.invalid_data');
    return (error as InvalidJurisdictionDataError).problems;
  }
  throw new Error('expected the build to fail');
}

describe('JurisdictionTree with the built-in set', () => {
  it('has the country, the five plan provinces and their communes, in force since the 2025 reform', () => {
    expect(tree.root.code).toBe('VN');
    expect(codes(tree.children('VN'))).toEqual(['01', '25', '42', '52', '79']);
    expect(codes(tree.children('79'))).toEqual(['27559', '27568', '27577', '27592']);
    expect(tree.get('18775')).toMatchObject({
      level: 'commune',
      fullName: 'Xã Kỳ Anh',
      parentCode: '42',
      validFrom: '2025-07-01',
      validTo: null,
    });
    expect(tree.size).toBeLessThan(40);
  });

  it('contains: a unit contains itself and everything below it, nothing above or beside it', () => {
    expect(tree.contains('VN', '10015')).toBe(true);
    expect(tree.contains('01', '10015')).toBe(true);
    expect(tree.contains('10015', '10015')).toBe(true);
    expect(tree.contains('01', '01')).toBe(true);
    expect(tree.contains('10015', '01')).toBe(false);
    expect(tree.contains('01', '27559')).toBe(false);
    expect(tree.contains('10015', '10030')).toBe(false);
  });

  it('contains: unknown codes are in nothing and contain nothing', () => {
    expect(tree.contains('VN', '99999')).toBe(false);
    expect(tree.contains('99', '10015')).toBe(false);
    expect(tree.contains('VN', '')).toBe(false);
    // 277 was the district code of Chương Mỹ: districts are not units of the current tree.
    expect(tree.contains('277', '10015')).toBe(false);
  });

  it('ancestors: parent first, root last; none for the root or an unknown code', () => {
    expect(codes(tree.ancestors('27592'))).toEqual(['79', 'VN']);
    expect(codes(tree.ancestors('52'))).toEqual(['VN']);
    expect(tree.ancestors('VN')).toEqual([]);
    expect(tree.ancestors('12345')).toEqual([]);
  });

  it('provinceOf: the province of a commune, a province is its own; none for the country or an unknown code', () => {
    expect(tree.provinceOf('23575')?.name).toBe('Gia Lai');
    expect(tree.provinceOf('21583')?.code).toBe('52');
    expect(tree.provinceOf('25')?.code).toBe('25');
    expect(tree.provinceOf('VN')).toBeUndefined();
    expect(tree.provinceOf('00000')).toBeUndefined();
  });

  it('codesWithin: the scope and everything below it', () => {
    expect(tree.codesWithin('79')).toEqual(['79', '27559', '27568', '27577', '27592']);
    expect(tree.codesWithin('18775')).toEqual(['18775']);
    expect(tree.codesWithin('VN')).toHaveLength(tree.size);
    expect(tree.codesWithin('99')).toEqual([]);
  });

  it('get and children of unknown codes are empty', () => {
    expect(tree.has('XX')).toBe(false);
    expect(tree.has('10015')).toBe(true);
    expect(tree.get('XX')).toBeUndefined();
    expect(tree.children('XX')).toEqual([]);
    expect(tree.children('18775')).toEqual([]);
  });
});

describe('JurisdictionTree: pre-reform units', () => {
  it('an old commune that went whole into one new commune maps fully', () => {
    expect(tree.currentUnitsFor('10021')).toEqual({ units: ['10015'], partial: false }); // Xã Phụng Châu → Phường Chương Mỹ
    expect(tree.currentUnitsFor('27589')).toEqual({ units: ['27592'], partial: false }); // Xã Xuân Thới Thượng → Xã Bà Điểm
  });

  it('old codes are their own namespace: old 10108 (Xã Hòa Phú) is now 10096, and old 10015 is the former Chúc Sơn', () => {
    expect(tree.currentUnitsFor('10108')).toEqual({ units: ['10096'], partial: false });
    expect(tree.currentUnitsFor('10015').units).toEqual(['10015']);
    expect(tree.oldUnitsInto('10015').map((m) => m.oldName)).toContain('Thị trấn Chúc Sơn');
  });

  it('an old commune split among several new communes maps partially to each', () => {
    expect(tree.currentUnitsFor('10063')).toEqual({ units: ['10072', '10126'], partial: true }); // Xã Lam Điền
    expect(tree.currentUnitsFor('10066')).toEqual({ units: ['10045', '10081'], partial: true }); // Xã Tân Tiến
  });

  it('old provinces map to the merged province, fully', () => {
    expect(tree.currentUnitsFor('64')).toEqual({ units: ['52'], partial: false });
    expect(tree.currentUnitsFor('17')).toEqual({ units: ['25'], partial: false });
    expect(
      tree
        .oldUnitsInto('52')
        .map((m) => m.oldName)
        .sort(),
    ).toEqual(['Tỉnh Bình Định', 'Tỉnh Gia Lai']);
  });

  it('every old commune of the former Chương Mỹ district rolls up into Hà Nội', () => {
    const oldCodes = BUILT_IN_MAPPINGS.filter((m) => m.oldLevel === 'commune' && m.oldCode >= '10015' && m.oldCode <= '10108').map(
      (m) => m.oldCode,
    );
    expect(new Set(oldCodes).size).toBe(30);
    for (const oldCode of oldCodes) {
      for (const code of tree.currentUnitsFor(oldCode).units) expect(tree.contains('01', code)).toBe(true);
    }
  });

  it('unknown old codes map to nothing', () => {
    expect(tree.currentUnitsFor('99999')).toEqual({ units: [], partial: false });
    expect(tree.currentUnitsFor('VN')).toEqual({ units: [], partial: false });
  });

  it('one target marked partial is partial (only part of the old unit went there)', () => {
    const t = JurisdictionTree.build(small, [mapping('00019', '00004', 'partial'), mapping('00013', '00004', 'full')]);
    expect(t.currentUnitsFor('00019')).toEqual({ units: ['00004'], partial: true });
    expect(t.currentUnitsFor('00013')).toEqual({ units: ['00004'], partial: false });
  });

  it('several targets are partial even if every piece is marked full', () => {
    const t = JurisdictionTree.build(small, [mapping('00016', '00004', 'full'), mapping('00016', '00008', 'full')]);
    expect(t.currentUnitsFor('00016')).toEqual({ units: ['00004', '00008'], partial: true });
  });

  it('an island district maps to its special zone (a commune-level unit)', () => {
    const t = JurisdictionTree.build(small, [mapping('318', '00004', 'full', 'district')]);
    expect(t.currentUnitsFor('318')).toEqual({ units: ['00004'], partial: false });
  });
});

describe('JurisdictionTree.build rejects data that is not a tree', () => {
  it('reports every problem at once', () => {
    const problems = problemsOf(() =>
      JurisdictionTree.build([
        vietnamRoot(),
        unit('01', 'province', 'VN'),
        unit('01', 'province', 'VN'),
        unit('123', 'province', 'VN'),
        unit('00004', 'commune', 'VN'),
        unit('00008', 'commune', '02'),
        unit('02', 'commune', '01'),
        unit('00010', 'commune', '03'),
        { ...unit('00011', 'commune', '01'), validFrom: '2025-02-30' },
        { ...unit('00014', 'commune', '01'), validTo: '2025-01-01' },
        { ...unit('00017', 'commune', '01'), fullName: ' ' },
      ]),
    );
    expect(problems).toEqual([
      'unit 01: listed twice',
      'unit 123: not a valid province code',
      'unit 00004: a commune must be under a province, not country VN',
      'unit 00008: a commune must be under a province, not commune 02',
      'unit 02: not a valid commune code',
      'unit 00010: parent 03 is not in the tree',
      'unit 00011: validFrom "2025-02-30" is not a YYYY-MM-DD day',
      'unit 00014: validTo "2025-01-01" is not a day after validFrom',
      'unit 00017: fullName is empty',
    ]);
  });

  it('needs the country root', () => {
    expect(problemsOf(() => JurisdictionTree.build([unit('01', 'province', 'VN')]))).toContain('unit 01: parent VN is not in the tree');
    expect(problemsOf(() => JurisdictionTree.build([]))).toEqual(['no country root VN']);
  });

  it('rejects mappings to units that are not in the tree or not of the right level', () => {
    const problems = problemsOf(() =>
      JurisdictionTree.build(small, [
        mapping('00001', '00097', 'full'),
        mapping('01', '00004', 'full', 'province'),
        mapping('0001', '00004', 'full'),
        mapping('00013', '00004', 'full'),
        mapping('00013', '00004', 'full'),
      ]),
    );
    expect(problems).toEqual([
      'mapping 00001→00097: current unit 00097 is not in the tree',
      'mapping 01→00004: an old province maps to a province, not a commune',
      'mapping 0001→00004: not a valid old commune code',
      'mapping 00013→00004@2025-07-01: listed twice',
    ]);
  });
});
