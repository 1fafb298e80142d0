import { countDeltas } from './deadline-counts.js';

const row = (completedAt: string | null, overrides: Partial<{ jurisdiction: string; assigneeId: string | null }> = {}) => ({
  kind: 'tip' as const,
  jurisdiction: '10015',
  assigneeId: 'officer-1',
  dueAt: '2026-03-03T02:00:00.000Z',
  completedAt,
  ...overrides,
});

describe('counts of deadlines done', () => {
  it('counts met and late per kind, unit and assignee, and leaves open deadlines out', () => {
    expect(
      countDeltas(
        [],
        [row('2026-03-02T00:00:00Z'), row('2026-03-04T00:00:00Z'), row(null), row('2026-03-01T00:00:00Z', { assigneeId: null })],
      ),
    ).toEqual([
      { kind: 'tip', jurisdiction: '10015', assignee: 'officer-1', met: 1, late: 1 },
      { kind: 'tip', jurisdiction: '10015', assignee: '', met: 1, late: 0 },
    ]);
  });

  it('moves a count when a case changes hands, and nets out what did not change', () => {
    const before = [row('2026-03-02T00:00:00Z'), row(null)];
    const after = [row('2026-03-02T00:00:00Z', { assigneeId: 'officer-2' }), row('2026-03-05T00:00:00Z', { assigneeId: 'officer-2' })];
    expect(countDeltas(before, after)).toEqual([
      { kind: 'tip', jurisdiction: '10015', assignee: 'officer-1', met: -1, late: 0 },
      { kind: 'tip', jurisdiction: '10015', assignee: 'officer-2', met: 1, late: 1 },
    ]);
    expect(countDeltas(before, before)).toEqual([]);
  });
});
