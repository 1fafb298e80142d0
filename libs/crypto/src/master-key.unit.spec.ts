import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MasterKeyConfigError } from './errors.js';
import { DEV_MASTER_KEY_FILE, loadOrCreateDevMasterKey, parseMasterKey } from './master-key.js';

describe('master key from configuration', () => {
  it('parses base64 of 32 bytes, with a stable non-secret id', () => {
    const bytes = randomBytes(32);
    const key = parseMasterKey(` ${bytes.toString('base64')}\n`);
    expect(key.key.export().equals(bytes)).toBe(true);
    expect(key.id).toMatch(/^mk-[0-9a-f]{16}$/);
    expect(parseMasterKey(bytes.toString('base64')).id).toBe(key.id);
    expect(parseMasterKey(randomBytes(32).toString('base64')).id).not.toBe(key.id);
  });

  it.each([
    ['missing', undefined, /MASTER_KEY: required/],
    ['too short', randomBytes(16).toString('base64'), /MASTER_KEY: must be the base64 of exactly 32 bytes/],
    ['not base64', `${randomBytes(32).toString('base64').slice(0, -2)}!=`, /MASTER_KEY: must be the base64/],
    ['hex', randomBytes(32).toString('hex'), /MASTER_KEY: must be the base64/],
  ])('refuses a %s value, naming MASTER_KEY and never printing the value', (_case, raw, message) => {
    const error = (() => {
      try {
        parseMasterKey(raw);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(MasterKeyConfigError);
    expect(error.message).toMatch(message);
    if (raw) expect(error.message).not.toContain(raw.slice(0, 12));
  });
});

describe('development master key file', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = path.join(await fs.mkdtemp(path.join(tmpdir(), 'crypto-dev-key-')), 'data');
  });
  afterEach(async () => {
    await fs.rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('creates master.key with mode 0600 once and reads the same key afterwards', async () => {
    const first = await loadOrCreateDevMasterKey(dataDir);
    const file = path.join(dataDir, DEV_MASTER_KEY_FILE);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateDevMasterKey(dataDir);
    expect(second.id).toBe(first.id);
    expect(second.key.export().equals(first.key.export())).toBe(true);
    expect((await fs.readdir(dataDir)).sort()).toEqual([DEV_MASTER_KEY_FILE]);
  });

  it('gives processes starting together one and the same key', async () => {
    const keys = await Promise.all(Array.from({ length: 10 }, () => loadOrCreateDevMasterKey(dataDir)));
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
  });

  it('refuses a key file other users can read', async () => {
    await loadOrCreateDevMasterKey(dataDir);
    const file = path.join(dataDir, DEV_MASTER_KEY_FILE);
    await fs.chmod(file, 0o644);
    await expect(loadOrCreateDevMasterKey(dataDir)).rejects.toThrow(/readable by other users.*chmod 600/);
  });
});
