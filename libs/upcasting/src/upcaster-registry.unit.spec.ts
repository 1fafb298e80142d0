import { UnknownSchemaVersionError, UpcasterRegistry, type Upcaster } from './upcaster-registry.js';

// A toy type renamed twice: `n` (1) → `count` (2) → `count` and `unit` split out of `where` (3).
const renameN: Upcaster = { eventType: 'toy.counted', fromVersion: 1, upcast: ({ n, ...rest }) => ({ ...rest, count: n }) };
const splitWhere: Upcaster = {
  eventType: 'toy.counted',
  fromVersion: 2,
  upcast: ({ where, ...rest }) => {
    const [unit, place] = String(where).split('/');
    return { ...rest, unit, place };
  },
};

describe('upcaster registry', () => {
  const registry = new UpcasterRegistry([splitWhere, renameN]);

  it('knows each type’s current version: 1 without upcasters, one more per step', () => {
    expect(registry.currentVersion('toy.counted')).toBe(3);
    expect(registry.currentVersion('toy.other')).toBe(1);
  });

  it('runs every step from the stored version, in order, whatever order they were registered in', () => {
    expect(registry.upcast({ type: 'toy.counted', schemaVersion: 1, data: { n: 4, where: '10015/market' } })).toEqual({
      type: 'toy.counted',
      schemaVersion: 3,
      data: { count: 4, unit: '10015', place: 'market' },
    });
    expect(registry.upcast({ type: 'toy.counted', schemaVersion: 2, data: { count: 4, where: '10015/market' } }).data).toEqual({
      count: 4,
      unit: '10015',
      place: 'market',
    });
  });

  it('returns an event already in the current version as it is, and keeps the other envelope fields', () => {
    const current = { type: 'toy.counted', schemaVersion: 3, data: { count: 1 }, id: 'e-1' };
    expect(registry.upcast(current)).toBe(current);
    expect(registry.upcast({ ...current, schemaVersion: 2, data: { count: 1, where: 'a/b' } })).toMatchObject({
      id: 'e-1',
      schemaVersion: 3,
    });
  });

  it('never changes the stored data it was given', () => {
    const stored = Object.freeze({ n: 2, where: 'x/y' });
    registry.upcast({ type: 'toy.counted', schemaVersion: 1, data: stored });
    expect(stored).toEqual({ n: 2, where: 'x/y' });
  });

  it('refuses an event written by a newer release, and a nonsense version', () => {
    expect(() => registry.upcast({ type: 'toy.counted', schemaVersion: 4, data: {} })).toThrow(UnknownSchemaVersionError);
    expect(() => registry.upcast({ type: 'toy.other', schemaVersion: 2, data: {} })).toThrow(/newer than 1/);
    expect(() => registry.upcast({ type: 'toy.counted', schemaVersion: 0, data: {} })).toThrow(/invalid schema version/);
  });

  it('refuses chains with a gap or a repeated step', () => {
    expect(() => new UpcasterRegistry([splitWhere])).toThrow(/expected a step from version 1/);
    expect(() => new UpcasterRegistry([renameN, renameN])).toThrow(/expected a step from version 2, found one from 1/);
  });
});
