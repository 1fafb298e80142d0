import { createSecretKey, randomBytes } from 'node:crypto';
import { KeyCache } from './key-cache.js';

describe('key cache', () => {
  const key = createSecretKey(randomBytes(32));
  let now = 0;
  const cache = () => {
    const c = new KeyCache(1000, 2, () => now);
    c.setEnabled(true);
    return c;
  };

  it('forgets a key after the TTL', () => {
    const c = cache();
    c.set('s1', key, c.generation);
    now += 999;
    expect(c.get('s1')).toBe(key);
    now += 1;
    expect(c.get('s1')).toBeUndefined();
  });

  it('does not keep what was read before an eviction', () => {
    const c = cache();
    const readAt = c.generation;
    c.evict('s1');
    c.set('s1', key, readAt);
    expect(c.get('s1')).toBeUndefined();
  });

  it('caches nothing, and drops everything, while shred notifications cannot arrive', () => {
    const c = cache();
    c.set('s1', key, c.generation);
    c.setEnabled(false);
    expect(c.get('s1')).toBeUndefined();
    c.set('s1', key, c.generation);
    expect(c.size).toBe(0);
  });

  it('does not keep what was read while notifications could not arrive', () => {
    const c = cache();
    c.setEnabled(false);
    const readWhileDeaf = c.generation;
    c.setEnabled(true);
    c.set('s1', key, readWhileDeaf);
    expect(c.get('s1')).toBeUndefined();
  });

  it('holds at most maxEntries keys, dropping the oldest', () => {
    const c = cache();
    for (const s of ['s1', 's2', 's3']) c.set(s, key, c.generation);
    expect([c.get('s1'), c.get('s2'), c.get('s3')]).toEqual([undefined, key, key]);
  });
});
