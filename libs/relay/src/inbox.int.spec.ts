import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase } from '../../../test/support/database.js';
import { Inbox } from './inbox.js';
import { toKafkaMessage } from './kafka-message.js';
import { UnitCounter } from './unit-counter.js';

const message = (unit: string | null, eventId = randomUUID()) =>
  toKafkaMessage({
    topic: 'pcm.tips.v1',
    key: `tip-${randomUUID()}`,
    eventId,
    contract: 'tip.received',
    version: 1,
    occurredOn: '2026-03-02',
    data: { unit, channel: 'hotline', tipKind: 'report', receivedOn: '2026-03-02' },
  });

describe('consumer inbox and the example consumer', () => {
  let pool: pg.Pool;
  let drop: () => Promise<void>;
  let counter: UnitCounter;
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
    counter = new UnitCounter(pool);
    await counter.migrate();
  });
  afterAll(async () => {
    await pool.end();
    await drop();
  });

  it('applies a message delivered many times at once exactly once', async () => {
    const once = message('27559');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => counter.handle(once)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(4);
    expect(await counter.counts()).toEqual([{ contract: 'tip.received.v1', unit: '27559', events: 1 }]);
  });

  it('keeps no event id when the consumer’s own write fails, so the redelivery is applied', async () => {
    const inbox = new Inbox(pool, 'failing-consumer');
    const eventId = randomUUID();
    await expect(
      inbox.applyOnce({ eventId, contract: 'tip.received.v1' }, async () => Promise.reject(new Error('the consumer’s write failed'))),
    ).rejects.toThrow(/write failed/);
    let ran = 0;
    expect(await inbox.applyOnce({ eventId, contract: 'tip.received.v1' }, async () => void ran++)).toBe(true);
    expect(await inbox.applyOnce({ eventId, contract: 'tip.received.v1' }, async () => void ran++)).toBe(false);
    expect(ran).toBe(1);
  });

  it('refuses messages whose headers and body disagree, and ignores contracts without a unit', async () => {
    const good = message('10015');
    await expect(counter.handle({ ...good, headers: { ...good.headers, 'event-id': randomUUID() } })).rejects.toThrow(
      /headers and the body disagree/,
    );
    await expect(counter.handle({ ...good, headers: { ...good.headers, 'event-id': 'not-a-uuid' } })).rejects.toThrow(/not a UUID/);
    expect(await counter.handle(message(null))).toBe('ignored');
  });
});
