import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JurisdictionTree } from './domain/jurisdiction-tree.js';
import { AdminUnitsFileError, mapAdminUnits, nameKey, readAdminUnits, type JsonSource } from './import-admin-units.js';

// Small stand-ins shaped like the shared files (three provinces, a handful of communes).
const ward = (Code: string, ProvinceCode: string, FullName: string) => ({
  Code,
  Name: FullName.replace(/^(Xã|Phường) /, ''),
  NameEn: 'x',
  FullName,
  FullNameEn: 'x',
  CodeName: 'x',
  ProvinceCode,
});
const unitsJson = () => [
  {
    Code: '01',
    Name: 'Hà Nội',
    NameEn: 'Hanoi',
    FullName: 'Thành phố Hà Nội',
    FullNameEn: 'Hanoi City',
    CodeName: 'ha_noi',
    Wards: [ward('00004', '01', 'Phường Ba Đình'), ward('00008', '01', 'Phường Ngọc Hà')],
  },
  {
    Code: '22',
    Name: 'Quảng Ninh',
    NameEn: 'Quang Ninh',
    FullName: 'Tỉnh Quảng Ninh',
    FullNameEn: 'x',
    CodeName: 'x',
    Wards: [ward('06978', '22', 'Xã Ba Chẽ'), ward('06799', '22', 'Xã Hải Hòa ')],
  },
];
const oldToNewJson = () => ({
  data: [
    {
      level1_id: '01',
      name: 'Thành phố Hà Nội',
      splits: [{ new_id: '01', name: 'Thành phố Hà Nội' }],
      level3s: [
        { level3_id: '00004', name: 'Phường Trúc Bạch', splits: [{ new_id: '00004', name: 'Phường Ba Đình' }] },
        {
          level3_id: '00016',
          name: 'Phường Ngọc Hà ',
          splits: [
            { new_id: '00004', name: 'Phường Ba Đình' },
            { new_id: '00008', name: 'Phường Ngọc Hà' },
          ],
        },
        { level3_id: '00019', name: 'Phường Điện Biên', splits: [{ new_id: '00004', name: 'Phường Ba Đình' }] },
      ],
    },
    {
      level1_id: '22',
      name: 'Tỉnh Quảng Ninh',
      splits: [{ new_id: '22', name: 'Quảng Ninh' }],
      level2s: [{ level2_id: '999', name: 'Huyện Đảo', splits: [{ new_id: '06799', name: 'Xã Hải Hoà' }] }],
      level3s: [
        // The mapping file knows Ba Chẽ as 06970, the units file as 06978.
        { level3_id: '06970', name: 'Thị trấn Ba Chẽ', splits: [{ new_id: '06970', name: 'Xã Ba Chẽ' }] },
        { level3_id: '06973', name: 'Xã Thanh Sơn', splits: [{ new_id: '06970', name: 'Xã Ba Chẽ' }] },
        {
          level3_id: '06886',
          name: 'Xã Hải Lạng',
          splits: [
            { new_id: '06799', name: 'Xã Hải Hoà' },
            { new_id: '06555', name: 'Xã Không Có' },
          ],
        },
      ],
    },
  ],
});
const newToOldJson = () => ({
  data: [
    {
      level1_id: '01',
      merges: [{ old_id: '01', type: 'full' }],
      level2s: [
        {
          level2_id: '00004',
          merges: [
            { old_id: '00004', type: 'full' },
            { old_id: '00016', type: 'partial' },
            { old_id: '00019', type: 'partial' },
          ],
        },
        { level2_id: '00008', merges: [{ old_id: '00016', type: 'partial' }] },
      ],
    },
    {
      level1_id: '22',
      merges: [{ old_id: '22', type: 'full' }],
      level2s: [
        {
          level2_id: '06970',
          merges: [
            { old_id: '06970', type: 'full' },
            { old_id: '06973', type: 'full' },
          ],
        },
        {
          level2_id: '06799',
          merges: [
            { old_id: '999', type: 'full' },
            { old_id: '06886', type: 'partial' },
          ],
        },
      ],
    },
  ],
});
const sources = (
  edit: { units?: unknown; oldToNew?: unknown; newToOld?: unknown } = {},
): { units: JsonSource; oldToNew: JsonSource; newToOld: JsonSource } => ({
  units: { file: '/data/vn_units_test.json', json: edit.units ?? unitsJson() },
  oldToNew: { file: '/data/mapping_2025_old_to_new.json', json: edit.oldToNew ?? oldToNewJson() },
  newToOld: { file: '/data/mapping_2025_new_to_old.json', json: edit.newToOld ?? newToOldJson() },
});

function errorOf(run: () => unknown): AdminUnitsFileError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AdminUnitsFileError);
    return error as AdminUnitsFileError;
  }
  throw new Error('expected an AdminUnitsFileError');
}

describe('mapAdminUnits', () => {
  const data = mapAdminUnits(sources());
  const tree = JurisdictionTree.build(data.units, data.mappings);

  it('maps provinces and communes under the country root, valid from 2025-07-01, names trimmed', () => {
    expect(data.units.map((u) => `${u.level}:${u.code}`)).toEqual([
      'country:VN',
      'province:01',
      'commune:00004',
      'commune:00008',
      'province:22',
      'commune:06978',
      'commune:06799',
    ]);
    expect(tree.get('06799')).toEqual({
      code: '06799',
      level: 'commune',
      name: 'Hải Hòa',
      nameEn: 'x',
      fullName: 'Xã Hải Hòa',
      parentCode: '22',
      validFrom: '2025-07-01',
      validTo: null,
    });
  });

  it('takes full/partial from the new→old file and the number of splits', () => {
    expect(tree.currentUnitsFor('00004')).toEqual({ units: ['00004'], partial: false });
    expect(tree.currentUnitsFor('00016')).toEqual({ units: ['00004', '00008'], partial: true });
    expect(tree.currentUnitsFor('00019')).toEqual({ units: ['00004'], partial: true }); // one target, but only part of it
    expect(tree.currentUnitsFor('01')).toEqual({ units: ['01'], partial: false });
    expect(data.mappings.find((m) => m.oldCode === '00016')).toMatchObject({
      oldLevel: 'commune',
      oldName: 'Phường Ngọc Hà',
      oldProvinceCode: '01',
      effectiveFrom: '2025-07-01',
    });
  });

  it('keeps the island districts the data lists, mapped to their special zone', () => {
    expect(data.mappings.find((m) => m.oldCode === '999')).toMatchObject({ oldLevel: 'district', newCode: '06799', kind: 'full' });
  });

  it('matches a target missing from the units file by name within the province, and reports it', () => {
    expect(tree.currentUnitsFor('06970')).toEqual({ units: ['06978'], partial: false });
    expect(tree.currentUnitsFor('06973')).toEqual({ units: ['06978'], partial: false });
    expect(data.warnings).toContain(
      'mapping_2025_old_to_new.json: new unit 06970 "Xã Ba Chẽ" (2 entries, first data[1].level3s[0]) is not in vn_units_test.json; matched by name in province 22 to 06978 "Xã Ba Chẽ"',
    );
  });

  it('skips a target it cannot resolve, and reports it', () => {
    expect(tree.currentUnitsFor('06886')).toEqual({ units: ['06799'], partial: true }); // still partial: the other piece exists
    expect(data.warnings.some((w) => w.includes('new unit 06555 "Xã Không Có"') && w.includes('skipped'))).toBe(true);
  });

  it('an old unit the source split stays partial even when the new→old file has no kind for it', () => {
    const newToOld = newToOldJson();
    newToOld.data[1]!.level2s[1]!.merges.pop();
    const unmarked = mapAdminUnits(sources({ newToOld }));
    expect(unmarked.mappings.filter((m) => m.oldCode === '06886')).toEqual([
      expect.objectContaining({ newCode: '06799', kind: 'partial' }),
    ]);
    expect(unmarked.warnings).toContainEqual(
      expect.stringContaining(
        'mapping_2025_new_to_old.json has no kind for 1 old→new piece(s) of mapping_2025_old_to_new.json; kind taken from the number of splits: 06886→06799',
      ),
    );
  });

  it('ignores tone-mark placement, case and spacing when comparing names', () => {
    expect(nameKey('Xã Hải Hoà')).toBe(nameKey('xã  Hải Hòa'));
    expect(nameKey('Xã Hải Hoà')).not.toBe(nameKey('Xã Hải Hà'));
  });
});

describe('mapAdminUnits: a bad entry stops the import with the file and the entry named', () => {
  it('a commune code that is not 5 digits', () => {
    const units = unitsJson();
    units[1]!.Wards[1]!.Code = '6799';
    const error = errorOf(() => mapAdminUnits(sources({ units })));
    expect(error.file).toBe('/data/vn_units_test.json');
    expect(error.entry).toBe('[1].Wards[1]');
    expect(error.message).toMatch(
      /^\/data\/vn_units_test\.json: \[1\]\.Wards\[1\]: Code "6799" is not a 5-digit commune code; entry: \{"Code":"6799"/,
    );
  });

  it('a province without Wards, a commune under the wrong province, a duplicate', () => {
    const noWards = unitsJson() as unknown as Array<Record<string, unknown>>;
    delete noWards[0]!.Wards;
    expect(errorOf(() => mapAdminUnits(sources({ units: noWards }))).message).toContain('[0].Wards: expected an array');

    const moved = unitsJson();
    moved[0]!.Wards[0]!.ProvinceCode = '22';
    expect(errorOf(() => mapAdminUnits(sources({ units: moved }))).message).toContain(
      '[0].Wards[0]: ProvinceCode 22 differs from the enclosing province 01',
    );

    const twice = unitsJson();
    twice[1]!.Wards.push(ward('00004', '22', 'Phường Ba Đình'));
    expect(errorOf(() => mapAdminUnits(sources({ units: twice }))).message).toContain('[1].Wards[2]: commune 00004 is listed twice');
  });

  it('an old→new entry without splits, or pointing at an unknown province', () => {
    const noSplits = oldToNewJson();
    noSplits.data[0]!.level3s[1]!.splits = [];
    const error = errorOf(() => mapAdminUnits(sources({ oldToNew: noSplits })));
    expect(error.message).toContain('/data/mapping_2025_old_to_new.json: data[0].level3s[1].splits: must list at least one new unit');

    const badProvince = oldToNewJson();
    badProvince.data[1]!.splits = [{ new_id: '23', name: 'Nowhere' }];
    expect(errorOf(() => mapAdminUnits(sources({ oldToNew: badProvince }))).message).toContain(
      'data[1]: new province 23 is not in vn_units_test.json',
    );
  });

  it('a kind other than full or partial', () => {
    const bad = newToOldJson();
    bad.data[0]!.level2s[1]!.merges[0]!.type = 'some';
    expect(errorOf(() => mapAdminUnits(sources({ newToOld: bad }))).message).toContain(
      '/data/mapping_2025_new_to_old.json: data[0].level2s[1].merges[0]: type "some" is not "full" or "partial"',
    );
  });
});

describe('readAdminUnits', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'admin-units-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the newest vn_units_*.json and both mapping files', async () => {
    await writeFile(path.join(dir, 'vn_units_2025-01-01.json'), '[]');
    await writeFile(path.join(dir, 'vn_units_2026-07-25.json'), JSON.stringify(unitsJson()));
    await writeFile(path.join(dir, 'mapping_2025_old_to_new.json'), JSON.stringify(oldToNewJson()));
    await writeFile(path.join(dir, 'mapping_2025_new_to_old.json'), JSON.stringify(newToOldJson()));
    const data = await readAdminUnits(dir);
    expect(data.files.units).toBe(path.join(dir, 'vn_units_2026-07-25.json'));
    expect(data.units).toHaveLength(7);
  });

  it('names the directory, a missing file, or a file that is not JSON', async () => {
    await expect(readAdminUnits(path.join(dir, 'nope'))).rejects.toThrow(`directory not found or unreadable: ${path.join(dir, 'nope')}`);
    await expect(readAdminUnits(dir)).rejects.toThrow(`${dir}: no vn_units_*.json file`);
    await writeFile(path.join(dir, 'vn_units_x.json'), JSON.stringify(unitsJson()));
    await expect(readAdminUnits(dir)).rejects.toThrow(`${path.join(dir, 'mapping_2025_old_to_new.json')}: cannot read (ENOENT)`);
    await writeFile(path.join(dir, 'mapping_2025_old_to_new.json'), '{"data": [');
    await writeFile(path.join(dir, 'mapping_2025_new_to_old.json'), JSON.stringify(newToOldJson()));
    await expect(readAdminUnits(dir)).rejects.toThrow(`${path.join(dir, 'mapping_2025_old_to_new.json')}: top level: not valid JSON`);
  });
});
