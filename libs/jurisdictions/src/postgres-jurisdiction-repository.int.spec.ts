import pg from 'pg';
import { createTestDatabase } from '../../../test/support/database.js';
import { terminateIdleSessions } from '../../database/src/testing/sessions.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from './built-in-units.js';
import { InvalidJurisdictionDataError, vietnamRoot } from './domain/jurisdiction-unit.js';
import { defaultAdminUnitsDir, readAdminUnits, type AdminUnitsData } from './import-admin-units.js';
import { PostgresJurisdictionRepository } from './postgres-jurisdiction-repository.js';

const drops: Array<() => Promise<void>> = [];
const repositories: PostgresJurisdictionRepository[] = [];
afterAll(async () => {
  for (const repository of repositories) await repository.close();
  for (const drop of drops) await drop();
});

async function freshRepository(): Promise<{ repository: PostgresJurisdictionRepository; url: string }> {
  const database = await createTestDatabase();
  drops.push(database.drop);
  const repository = await PostgresJurisdictionRepository.connect(database.url);
  repositories.push(repository);
  return { repository, url: database.url };
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgresJurisdictionRepository with the real shared data', () => {
  let data: AdminUnitsData;
  let repository: PostgresJurisdictionRepository;
  let url: string;

  beforeAll(async () => {
    data = await readAdminUnits(defaultAdminUnitsDir(process.cwd()));
    ({ repository, url } = await freshRepository());
  });

  it('ensureBuiltIn on an empty database loads the built-in set, once', async () => {
    const first = await repository.ensureBuiltIn();
    expect(first.loaded).toBe(true);
    expect(first.report).toMatchObject({ provinces: 5, communes: 18, mappings: BUILT_IN_MAPPINGS.length });
    expect(await repository.counts()).toEqual({ provinces: 5, communes: 18, mappings: BUILT_IN_MAPPINGS.length });
    const tree = await repository.loadTree();
    expect(tree.contains('01', '10015')).toBe(true);
    expect(tree.currentUnitsFor('10063')).toEqual({ units: ['10072', '10126'], partial: true });

    expect(await repository.ensureBuiltIn()).toEqual({ loaded: false, report: null });
  });

  it('imports 34 provinces and 3,321 communes; the built-in set agrees with the official data', async () => {
    const report = await repository.importUnits(data.units, data.mappings);
    expect(report).toMatchObject({ provinces: 34, communes: 3321, mappings: data.mappings.length });
    // Every built-in row is already there with the same values: nothing of it changes.
    expect(report.unitRows).toEqual({ inserted: 3356 - BUILT_IN_UNITS.length, updated: 0, unchanged: BUILT_IN_UNITS.length, removed: 0 });
    expect(report.mappingRows).toEqual({
      inserted: data.mappings.length - BUILT_IN_MAPPINGS.length,
      updated: 0,
      unchanged: BUILT_IN_MAPPINGS.length,
      removed: 0,
    });
    expect(await repository.counts()).toEqual({ provinces: 34, communes: 3321, mappings: data.mappings.length });

    const tree = await repository.loadTree();
    for (const unit of BUILT_IN_UNITS) expect(tree.get(unit.code)).toEqual(unit);
    for (const mapping of BUILT_IN_MAPPINGS) expect(tree.oldUnitsInto(mapping.newCode)).toContainEqual(mapping);
  });

  it('maps known pre-reform units to their current ones', async () => {
    const tree = await repository.loadTree();
    expect(tree.currentUnitsFor('10018')).toEqual({ units: ['10045'], partial: false }); // Thị trấn Xuân Mai → Xã Xuân Mai
    expect(tree.currentUnitsFor('27562')).toEqual({ units: ['27559'], partial: false }); // Xã Tân Hiệp → Xã Hóc Môn
    expect(tree.currentUnitsFor('00007')).toEqual({ units: ['00008', '00025'], partial: true }); // Phường Cống Vị → Ngọc Hà, Giảng Võ
    expect(tree.currentUnitsFor('00019')).toEqual({ units: ['00004', '00070', '00190', '00226'], partial: true }); // Điện Biên, split four ways
    expect(tree.currentUnitsFor('52')).toEqual({ units: ['52'], partial: false }); // Bình Định (cũ) → Gia Lai
    expect(tree.currentUnitsFor('755')).toEqual({ units: ['26732'], partial: false }); // Huyện Côn Đảo → Đặc khu Côn Đảo
    expect(tree.currentUnitsFor('06970')).toEqual({ units: ['06978'], partial: false }); // code mismatch between the files, matched by name
    expect(tree.provinceOf('26732')?.name).toBe('Hồ Chí Minh');
    expect(tree.units('province')).toHaveLength(34);
  });

  it('re-importing the same files changes nothing and duplicates nothing', async () => {
    const again = await repository.importUnits(data.units, data.mappings);
    expect(again.unitRows).toEqual({ inserted: 0, updated: 0, unchanged: 3356, removed: 0 });
    expect(again.mappingRows).toEqual({ inserted: 0, updated: 0, unchanged: data.mappings.length, removed: 0 });
    expect(await repository.counts()).toEqual({ provinces: 34, communes: 3321, mappings: data.mappings.length });
    const [rows] = await sql<{ units: number; distinct_units: number; mappings: number; distinct_mappings: number }>(
      url,
      `select (select count(*)::int from jurisdiction_units) as units,
              (select count(distinct code)::int from jurisdiction_units) as distinct_units,
              (select count(*)::int from jurisdiction_unit_mappings) as mappings,
              (select count(distinct (old_code, new_code))::int from jurisdiction_unit_mappings) as distinct_mappings`,
    );
    expect(rows).toEqual({ units: 3356, distinct_units: 3356, mappings: data.mappings.length, distinct_mappings: data.mappings.length });
    expect(await repository.ensureBuiltIn()).toEqual({ loaded: false, report: null });
  });

  it('a corrected import replaces what it changed and removes what it no longer lists', async () => {
    const renamed = data.units.map((u) => (u.code === '18775' ? { ...u, nameEn: 'Ky Anh (corrected)' } : u));
    const fewer = data.mappings.filter((m) => m.oldCode !== '10063');
    const report = await repository.importUnits(renamed, fewer);
    expect(report.unitRows).toEqual({ inserted: 0, updated: 1, unchanged: 3355, removed: 0 });
    expect(report.mappingRows).toMatchObject({ inserted: 0, updated: 0, removed: 2 });
    const tree = await repository.loadTree();
    expect(tree.get('18775')?.nameEn).toBe('Ky Anh (corrected)');
    expect(tree.currentUnitsFor('10063')).toEqual({ units: [], partial: false });

    const restored = await repository.importUnits(data.units, data.mappings);
    expect(restored.unitRows.updated).toBe(1);
    expect(restored.mappingRows.inserted).toBe(2);
  });

  it('loads the tree in force on a day', async () => {
    expect((await repository.loadTree('2026-01-01')).size).toBe(3356);
    await expect(repository.loadTree('2025-06-30')).rejects.toThrow('No administrative units are stored for 2025-06-30');
  });

  it('rejects an import that is not a tree before writing anything', async () => {
    const orphan = { ...data.units.find((u) => u.code === '18775')!, code: '99999', parentCode: '98' };
    await expect(repository.importUnits([...data.units, orphan], data.mappings)).rejects.toThrow(InvalidJurisdictionDataError);
    expect(await repository.counts()).toEqual({ provinces: 34, communes: 3321, mappings: data.mappings.length });
  });
});

describe('PostgresJurisdictionRepository on an empty database', () => {
  it('has nothing to load until something is imported', async () => {
    const { repository } = await freshRepository();
    await expect(repository.loadTree()).rejects.toThrow(
      'No administrative units are stored: run the import-units command or call ensureBuiltIn()',
    );
  });

  it('ensureBuiltIn from several processes at once loads the set exactly once', async () => {
    const { url } = await freshRepository();
    const others = await Promise.all([1, 2, 3].map(() => PostgresJurisdictionRepository.connect(url)));
    repositories.push(...others);
    const results = await Promise.all(others.map((r) => r.ensureBuiltIn()));
    expect(results.filter((r) => r.loaded)).toHaveLength(1);
    expect(await others[0]!.counts()).toEqual({ provinces: 5, communes: 18, mappings: BUILT_IN_MAPPINGS.length });
  });

  it('keeps earlier versions: a unit that ended is outside the current tree but in the tree of its time', async () => {
    const { repository } = await freshRepository();
    const root = vietnamRoot('2020-01-01');
    const oldProvince = {
      code: '64',
      level: 'province' as const,
      name: 'Gia Lai',
      nameEn: 'Gia Lai',
      fullName: 'Tỉnh Gia Lai',
      parentCode: 'VN',
      validFrom: '2020-01-01',
      validTo: '2025-07-01',
    };
    await repository.importUnits([{ ...root, validTo: '2025-07-01' }, oldProvince], []);
    await repository.importUnits(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
    expect((await repository.loadTree('2024-12-31')).children('VN').map((u) => u.code)).toEqual(['64']);
    expect((await repository.loadTree()).get('64')).toBeUndefined();
  });
});

describe('PostgresJurisdictionRepository losing its connections', () => {
  it('survives its idle sessions being ended, logs the code only, and still loads the tree', async () => {
    const database = await createTestDatabase();
    drops.push(database.drop);
    const lines: string[] = [];
    const repository = await PostgresJurisdictionRepository.connect(database.url, 2, {
      applicationName: 'pcm-test-jurisdictions',
      log: (line) => lines.push(line),
    });
    repositories.push(repository);
    await repository.ensureBuiltIn();
    expect(await terminateIdleSessions(database.url, ['pcm-test-jurisdictions'])).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lines[0]).toBe('pcm-test-jurisdictions: idle client lost (57P01); the pool opens a new connection when needed');
    expect((await repository.loadTree()).contains('01', '10015')).toBe(true);
  });
});
