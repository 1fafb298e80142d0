import { createTestDatabase } from '../../../../test/support/database.js';
import type { CliContext } from '../command.js';
import { importUnitsCommand } from './import-units.js';

describe('import-units against a real database and the shared files', () => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
  });
  afterAll(async () => {
    await drop();
  });

  function context(): CliContext & { out_: string[]; err_: string[] } {
    const out_: string[] = [];
    const err_: string[] = [];
    return { env: { DATABASE_URL: url }, repoRoot: process.cwd(), out_, err_, out: (l) => out_.push(l), err: (l) => err_.push(l) };
  }

  it('imports, prints the counts, and a second run changes nothing', async () => {
    const first = context();
    expect(await importUnitsCommand.run([], first)).toBe(0);
    expect(first.out_[0]).toMatch(/^34 provinces, 3321 communes, \d+ old→new mappings \(from .*shared\/data\/admin-units\)$/);
    expect(first.out_[1]).toMatch(/^units: 3356 new, 0 changed, 0 unchanged, 0 removed; mappings: \d+ new/);
    // The files disagree on a few codes; the command says how it resolved them.
    expect(first.err_.every((line) => line.startsWith('warning: '))).toBe(true);
    expect(first.err_.join('\n')).toContain('06970');

    const second = context();
    expect(await importUnitsCommand.run(['--dir', '../shared/data/admin-units'], second)).toBe(0);
    expect(second.out_[1]).toMatch(
      /^units: 0 new, 0 changed, 3356 unchanged, 0 removed; mappings: 0 new, 0 changed, \d+ unchanged, 0 removed$/,
    );
  });
});
