import { isConnectionLoss } from '../../database/src/pool.js';
import type { ReadAllResult, RecordedEvent } from './port.js';
import { CatchUpSubscription, WakeUps } from './subscription.js';

const event = (n: number): RecordedEvent =>
  ({
    eventId: `e${n}`,
    streamId: `s-${n}`,
    revision: 0,
    type: 't',
    data: {},
    metadata: { recordedAt: '2026-01-01T00:00:00Z' },
    position: String(n),
  }) as unknown as RecordedEvent;

/** A readAll that answers pages from a script: an error, or events (each page continues from the last). */
function scripted(script: Array<Error | number[]>) {
  const asked: Array<string | null> = [];
  const read = async (checkpoint: string | null): Promise<ReadAllResult> => {
    asked.push(checkpoint);
    const next = script.shift();
    if (next instanceof Error) throw next;
    const numbers = next ?? [];
    return { events: numbers.map(event), checkpoint: numbers.length > 0 ? String(numbers.at(-1)) : checkpoint };
  };
  return { read, asked };
}

const lost = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

async function take(subscription: CatchUpSubscription, n: number): Promise<string[]> {
  const seen: string[] = [];
  for await (const e of subscription) {
    seen.push(e.streamId);
    if (seen.length === n) break;
  }
  return seen;
}

describe('catch-up subscription', () => {
  it('reads again from the same checkpoint when the connection was lost, and delivers every event once', async () => {
    const { read, asked } = scripted([[1, 2], lost(), lost(), [3]]);
    const subscription = new CatchUpSubscription(
      read,
      new WakeUps(),
      null,
      { batchSize: 2, pollIntervalMs: 10 },
      () => undefined,
      isConnectionLoss,
    );
    expect(await take(subscription, 3)).toEqual(['s-1', 's-2', 's-3']);
    // The page after [1, 2] was asked three times from checkpoint "2": two lost connections, then the answer.
    expect(asked).toEqual([null, '2', '2', '2']);
  });

  it('ends with the error when it is not a lost connection (a refused statement is not tried again)', async () => {
    const refused = Object.assign(new Error('relation "es_events" does not exist'), { code: '42P01' });
    const { read, asked } = scripted([refused, [1]]);
    const subscription = new CatchUpSubscription(read, new WakeUps(), null, { pollIntervalMs: 10 }, () => undefined, isConnectionLoss);
    await expect(take(subscription, 1)).rejects.toThrow('does not exist');
    expect(asked).toEqual([null]);
  });

  it('without a retry rule (the default), a lost connection ends the subscription as before', async () => {
    const { read } = scripted([lost(), [1]]);
    const subscription = new CatchUpSubscription(read, new WakeUps(), null, { pollIntervalMs: 10 }, () => undefined);
    await expect(take(subscription, 1)).rejects.toThrow('administrator command');
  });

  it('tells a lost connection from a refused statement', () => {
    expect(isConnectionLoss(lost())).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss(Object.assign(new Error('x'), { code: '40001' }))).toBe(false);
    expect(isConnectionLoss(new Error('something else'))).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
  });
});
