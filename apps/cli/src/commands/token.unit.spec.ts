import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TokenVerifier } from '../../../../libs/access/src/auth/tokens.js';
import { tokenSettings } from '../../../../libs/access/src/auth/token-settings.js';
import { loadConfig } from '../../../../libs/config/src/config.js';
import { UsageError, type CliContext } from '../command.js';
import { tokenCommand } from './token.js';

function context(env: Record<string, string>) {
  const out: string[] = [];
  const ctx: CliContext = { env, repoRoot: '/nonexistent-repo', out: (l) => out.push(l), err: () => undefined };
  return { ctx, out };
}

describe('cli token', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'token-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('prints a token the API accepts, with the given grants, signed with the local secret the API also uses', async () => {
    const env = { DATA_DIR: dataDir };
    const { ctx, out } = context(env);
    const code = await tokenCommand.run(
      ['--user', 'officer-1', '--role', 'police_officer', '--scope', '01', '--role', 'auditor', '--scope', 'VN'],
      ctx,
    );
    expect(code).toBe(0);
    const verifier = new TokenVerifier(await tokenSettings(loadConfig(env, { isRoot: false, cwd: '/nonexistent-repo' })));
    const verified = await verifier.verify(`Bearer ${out[0]}`);
    expect(verified.principal).toEqual({
      userId: 'officer-1',
      grants: [
        { role: 'police_officer', scope: '01' },
        { role: 'auditor', scope: 'VN' },
      ],
    });
  });

  it('puts the official position on its grant, as an identity provider would', async () => {
    const env = { DATA_DIR: dataDir };
    const { ctx, out } = context(env);
    await tokenCommand.run(
      ['--user', 'chair-1', '--role', 'sanctioning_official', '--scope', '10015', '--position', 'commune_people_committee_chair'],
      ctx,
    );
    const verifier = new TokenVerifier(await tokenSettings(loadConfig(env, { isRoot: false, cwd: '/nonexistent-repo' })));
    expect((await verifier.verify(`Bearer ${out[0]}`)).principal.grants).toEqual([
      { role: 'sanctioning_official', scope: '10015', position: 'commune_people_committee_chair' },
    ]);
  });

  it.each([
    [['--role', 'police_officer', '--scope', '01'], /--user/],
    [['--user', 'u', '--role', 'police_officer'], /each --role a --scope/],
    [['--user', 'u', '--role', 'admin', '--scope', '01'], /--role admin: one of/],
    [['--user', 'u', '--role', 'auditor', '--scope', 'hanoi'], /--scope hanoi/],
    [['--user', 'u', '--role', 'auditor', '--scope', 'VN', '--hours', '0'], /--hours 0: a number of hours, more than 0/],
    [
      ['--user', 'u', '--role', 'sanctioning_official', '--scope', '10015', '--position', 'provincial_people_committee_chair'],
      /--position provincial_people_committee_chair: not one a sanctioning_official can hold over 10015/,
    ],
    [
      ['--user', 'u', '--role', 'sanctioning_official', '--scope', '01', '--position', 'commune_police_chief'],
      /commune positions need a commune scope/,
    ],
    [
      ['--user', 'u', '--role', 'police_officer', '--scope', '10015', '--position', 'commune_police_chief'],
      /not one a police_officer can hold/,
    ],
    [
      [
        '--user',
        'u',
        '--role',
        'sanctioning_official',
        '--scope',
        '01',
        '--role',
        'auditor',
        '--scope',
        'VN',
        '--position',
        'provincial_people_committee_chair',
      ],
      /one --position per --role/,
    ],
    [
      ['--user', 'u', '--role', 'auditor', '--scope', 'VN', '--hours', '13'],
      /--hours 13: at most 12, the longest lifetime the API accepts \(AUTH_MAX_TOKEN_LIFETIME_HOURS\)/,
    ],
  ])('refuses %j with a message saying what to fix', async (args, message) => {
    const { ctx } = context({ DATA_DIR: dataDir });
    const error = await tokenCommand.run(args, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });

  it('issues up to the configured maximum lifetime, and refuses longer with the setting named', async () => {
    const env = { DATA_DIR: dataDir, AUTH_MAX_TOKEN_LIFETIME_HOURS: '2' };
    const longest = context(env);
    expect(await tokenCommand.run(['--user', 'u', '--role', 'auditor', '--scope', 'VN', '--hours', '2'], longest.ctx)).toBe(0);
    const [, payload] = longest.out[0]!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(2 * 3600);
    // Without --hours: the usual 8 hours, cut to the maximum.
    const byDefault = context(env);
    await tokenCommand.run(['--user', 'u', '--role', 'auditor', '--scope', 'VN'], byDefault.ctx);
    const defaults = JSON.parse(Buffer.from(byDefault.out[0]!.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(defaults.exp - defaults.iat).toBe(2 * 3600);
    const error = await tokenCommand
      .run(['--user', 'u', '--role', 'auditor', '--scope', 'VN', '--hours', '3'], context(env).ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/--hours 3: at most 2, .*AUTH_MAX_TOKEN_LIFETIME_HOURS/);
  });
});
