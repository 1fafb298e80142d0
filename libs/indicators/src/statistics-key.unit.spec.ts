import { loadConfig } from '../../config/src/config.js';
import { hmacPersonKey, statisticsKey } from './statistics-key.js';

// Keys the person keys of stored indicator facts were made with before the key came from AppConfig
// (computed with the previous `statisticsKey(env)`): the same configuration must give the same key,
// or every existing projection would silently count people twice.
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
const STATISTICS_KEY = Buffer.alloc(32, 9).toString('base64');
const DERIVED_FROM_MASTER = 'ce3fdc5fbe52ad3437f81fc15a7dd4b092949ec1895aef2d9c03b57058ce845a';
const DEVELOPMENT = '3d489ba2e7730bb92cc4989827594166ae4bff2a963d738f740ac53b8604e925';
const defaults = { isRoot: false, cwd: '/srv/app' };

describe('statistics key', () => {
  it('is STATISTICS_KEY itself when set', () => {
    expect(statisticsKey(loadConfig({ STATISTICS_KEY, MASTER_KEY }, defaults)).toString('hex')).toBe('09'.repeat(32));
  });

  it('without STATISTICS_KEY, is derived from MASTER_KEY exactly as before', () => {
    const key = statisticsKey(loadConfig({ MASTER_KEY }, defaults));
    expect(key.toString('hex')).toBe(DERIVED_FROM_MASTER);
    expect(hmacPersonKey(key)('support', 'subject-1')).toBe('cTKqR9jyKUZp6OBLbQUhnaak7tcvIw6-EWCA14tH5Zw');
  });

  it('with neither (a local trial), is the fixed development key as before', () => {
    expect(statisticsKey(loadConfig({}, defaults)).toString('hex')).toBe(DEVELOPMENT);
  });

  it('differs with another master key, and never equals the master key', () => {
    const other = statisticsKey({ statisticsKey: null, masterKey: Buffer.alloc(32, 8).toString('base64') }).toString('hex');
    expect(other).not.toBe(DERIVED_FROM_MASTER);
    expect(other).not.toBe('08'.repeat(32));
  });
});
