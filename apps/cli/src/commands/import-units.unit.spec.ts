import { UsageError, type CliContext } from '../command.js';
import { importUnitsCommand } from './import-units.js';

function context(env: Record<string, string | undefined>): CliContext & { output: string[] } {
  const output: string[] = [];
  return { env, repoRoot: '/nowhere/repo', output, out: (line) => output.push(line), err: (line) => output.push(line) };
}

describe('import-units: arguments and environment', () => {
  it('refuses to run without DATABASE_URL, naming it, before reading any file', async () => {
    const error = await importUnitsCommand.run(['--dir', '/does/not/exist'], context({ PGHOST: 'db' })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      'DATABASE_URL is not set; set it to the postgres://user:password@host:port/database to import into',
    );
    await expect(importUnitsCommand.run([], context({ DATABASE_URL: '  ' }))).rejects.toThrow(/^DATABASE_URL is not set/);
  });

  it('refuses a DATABASE_URL that is not a postgres URL, without echoing it', async () => {
    const secret = 'mysql://admin:hunter2@db/x';
    const error = await importUnitsCommand.run([], context({ DATABASE_URL: secret })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('DATABASE_URL must start with postgres:// or postgresql:// (got mysql://)');
    await expect(importUnitsCommand.run([], context({ DATABASE_URL: 'not a url hunter2' }))).rejects.toThrow(
      /^DATABASE_URL is not a valid URL/,
    );
  });

  it('rejects unknown options, stray arguments and an empty --dir', async () => {
    const env = { DATABASE_URL: 'postgres://localhost/x' };
    await expect(importUnitsCommand.run(['--directory', 'x'], context(env))).rejects.toThrow(/Unknown option '--directory'/);
    await expect(importUnitsCommand.run(['extra'], context(env))).rejects.toThrow(UsageError);
    await expect(importUnitsCommand.run(['--dir'], context(env))).rejects.toThrow(/--dir/);
    await expect(importUnitsCommand.run(['--dir', ''], context(env))).rejects.toThrow('--dir needs a path');
  });

  it('names the data directory it cannot read (the default is beside the repository)', async () => {
    const env = { DATABASE_URL: 'postgres://localhost/x' };
    await expect(importUnitsCommand.run([], context(env))).rejects.toThrow('/nowhere/shared/data/admin-units');
  });

  it('--help needs no database', async () => {
    const ctx = context({});
    expect(await importUnitsCommand.run(['--help'], ctx)).toBe(0);
    expect(ctx.output.join('\n')).toContain('Usage: import-units [--dir PATH]');
    expect(ctx.output.join('\n')).toContain('DATABASE_URL');
  });
});
