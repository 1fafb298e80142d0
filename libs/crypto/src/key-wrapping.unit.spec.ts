import { randomBytes } from 'node:crypto';
import { KeyUnwrapError } from './errors.js';
import { newDataKey, unwrapDataKey, wrapDataKey } from './key-wrapping.js';
import { masterKeyFromBytes } from './master-key.js';

describe('key wrapping', () => {
  const master = masterKeyFromBytes(randomBytes(32));

  it('unwraps with the same master key and subject, and never stores the raw key', () => {
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(dataKey, master, 'subj-1');
    expect(wrapped.masterKeyId).toBe(master.id);
    expect(wrapped.ciphertext.equals(dataKey.export())).toBe(false);
    expect(unwrapDataKey(wrapped, master, 'subj-1').export().equals(dataKey.export())).toBe(true);
  });

  it('cannot unwrap with another master key, even one claiming the same id', () => {
    const wrapped = wrapDataKey(newDataKey(), master, 'subj-1');
    const other = masterKeyFromBytes(randomBytes(32));
    expect(() => unwrapDataKey(wrapped, other, 'subj-1')).toThrow(/wrapped by master key mk-/);
    expect(() => unwrapDataKey(wrapped, { id: master.id, key: other.key }, 'subj-1')).toThrow(KeyUnwrapError);
  });

  it('cannot unwrap a key moved to another subject', () => {
    const wrapped = wrapDataKey(newDataKey(), master, 'subj-1');
    expect(() => unwrapDataKey(wrapped, master, 'subj-2')).toThrow(/authentication failed/);
  });
});
