import { GENESIS_HASH, eventHash } from '../../../event-store/src/hash-chain.js';
import type { RecordedEvent } from '../../../event-store/src/port.js';
import { ChainScan } from './chain-scan.js';

const metadata = {
  actorId: 'a',
  role: 'auditor',
  jurisdiction: 'VN',
  purpose: 'p',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
};

/** A correctly chained stream of n events. */
function stream(streamId: string, n: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previous = GENESIS_HASH;
  for (let revision = 0; revision < n; revision++) {
    const event: RecordedEvent = {
      id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
      streamId,
      revision,
      type: 'test.noted',
      schemaVersion: 1,
      data: { n: revision, note: 'x' },
      metadata,
      checkpoint: '',
      hash: '',
    };
    event.hash = eventHash(previous, event);
    previous = event.hash;
    events.push(event);
  }
  return events;
}
const headOf = (events: RecordedEvent[]) => ({
  streamId: events[0]!.streamId,
  revision: events.length - 1,
  hash: events[events.length - 1]!.hash,
});

describe('chain scan', () => {
  it('accepts intact streams fed interleaved and returns their heads sorted', () => {
    const a = stream('b-stream', 3);
    const b = stream('a-stream', 2);
    const scan = new ChainScan();
    [a[0], b[0], a[1], b[1], a[2]].forEach((e) => scan.accept(e!));
    [headOf(a), headOf(b)].forEach((h) => scan.recordedHead(h));
    expect(scan.finish({ headsRecorded: true })).toMatchObject({ ok: true, events: 5, streams: 2, firstBreak: null, brokenStreams: 0 });
    expect(scan.heads()).toEqual([headOf(b), headOf(a)]);
  });

  it('reports a changed payload, a missing revision and swapped events as the first break of their stream', () => {
    const changed = stream('s1', 3);
    changed[1] = { ...changed[1]!, data: { n: 1, note: 'y' } };
    const gap = stream('s2', 3).filter((e) => e.revision !== 1);
    const swapped = stream('s3', 3);
    [swapped[1], swapped[2]] = [
      { ...swapped[2]!, revision: 1 },
      { ...swapped[1]!, revision: 2 },
    ];
    const scan = new ChainScan();
    [...changed, ...gap, ...swapped].forEach((e) => scan.accept(e));
    const report = scan.finish({ headsRecorded: false });
    expect(report).toMatchObject({ ok: false, brokenStreams: 3 });
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 's1', revision: 1, reason: 'hash_mismatch' }),
      expect.objectContaining({ streamId: 's2', revision: 1, reason: 'missing_revision', actual: '2' }),
      expect.objectContaining({ streamId: 's3', revision: 1, reason: 'hash_mismatch' }),
    ]);
    expect(report.firstBreak).toEqual(report.breaks[0]);
  });

  it('catches a cut tail against the recorded head, and a stream with no recorded head', () => {
    const cut = stream('cut', 4);
    const scan = new ChainScan();
    cut.slice(0, 2).forEach((e) => scan.accept(e));
    scan.recordedHead(headOf(cut));
    stream('orphan', 1).forEach((e) => scan.accept(e));
    expect(scan.finish({ headsRecorded: true }).breaks).toEqual([
      expect.objectContaining({ streamId: 'cut', revision: 2, reason: 'head_mismatch' }),
      expect.objectContaining({ streamId: 'orphan', revision: 1, reason: 'head_mismatch', expected: 'no recorded head' }),
    ]);
  });

  it('checks checkpoint heads: present, cut, rewritten with fresh hashes, broken before', () => {
    const kept = stream('kept', 3);
    const cut = stream('cut', 3);
    const rewritten = stream('rewritten', 2);
    const broken = stream('broken', 3);
    const gone = stream('gone', 1);
    const checkpoint = [kept, cut, rewritten, broken, gone].map(headOf);
    const scan = new ChainScan(checkpoint);
    [...kept, ...stream('kept', 5).slice(3)].forEach((e) => scan.accept(e));
    cut.slice(0, 1).forEach((e) => scan.accept(e));
    // Rewritten history, hashes recomputed: the chain verifies, the checkpoint does not.
    const forged = stream('rewritten', 2).map((e) => e);
    forged[1]!.data = { n: 1, note: 'rewritten' };
    forged[1]!.hash = eventHash(forged[0]!.hash, forged[1]!);
    forged.forEach((e) => scan.accept(e));
    broken.forEach((e, i) => scan.accept(i === 1 ? { ...e, hash: 'f'.repeat(64) } : e));
    const report = scan.finish({ headsRecorded: false });
    expect(report.checkpoint).toMatchObject({ heads: 5, matched: 1, mismatches: 4 });
    expect(report.checkpoint!.listed).toEqual([
      expect.objectContaining({ streamId: 'rewritten', revision: 1, reason: 'hash_differs' }),
      expect.objectContaining({ streamId: 'cut', revision: 2, reason: 'missing' }),
      expect.objectContaining({ streamId: 'broken', revision: 2, reason: 'chain_broken' }),
      expect.objectContaining({ streamId: 'gone', revision: 0, reason: 'missing' }),
    ]);
    // The chain of 'broken' fails on its own; the checkpoint's heads are reported apart.
    expect(report).toMatchObject({ ok: false, brokenStreams: 1, firstBreak: { streamId: 'broken', revision: 1 } });
  });
});
