import { parseMoment } from './moment.js';

describe('moments for as-of', () => {
  it.each([
    ['2026-03-02T10:30:00+07:00', '2026-03-02T03:30:00.000Z'],
    ['2026-03-02T03:30:00.123Z', '2026-03-02T03:30:00.123Z'],
    ['2026-03-02T03:30Z', '2026-03-02T03:30:00.000Z'],
    ['2026-12-31T23:00:00-02:00', '2027-01-01T01:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseMoment(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-03-02',
    '2026-03-02T10:30:00',
    '2026-02-30T10:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-02T24:30:00Z',
    'yesterday',
    '2026-03-02T10:30:00+0700',
  ])('refuses %s', (text) => {
    expect(parseMoment(text)).toBeNull();
  });
});
