import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, RecordedEvent } from '../../../event-store/src/port.js';
import type { Projection } from '../projection.js';

/** Events of a small ledger: deposits into accounts, transfers between them (the total stays). */
export const DEPOSITED = 'ledger_test.deposited';
export const TRANSFERRED = 'ledger_test.transferred';

export function ledgerEvent(type: typeof DEPOSITED | typeof TRANSFERRED, data: Record<string, string | number>): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actorId: 'test',
      role: 'police_officer',
      jurisdiction: '01',
      purpose: 'test',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

/** Appends `count` deposits of 1..9 to accounts a0..a{accounts-1}, `perAppend` at a time; returns the total deposited. */
export async function deposit(
  store: EventStore,
  count: number,
  options: { accounts?: number; perAppend?: number; stream?: string } = {},
): Promise<number> {
  const accounts = options.accounts ?? 10;
  const perAppend = options.perAppend ?? 10;
  let total = 0;
  for (let start = 0; start < count; start += perAppend) {
    const events = Array.from({ length: Math.min(perAppend, count - start) }, (_, i) => {
      const amount = ((start + i) % 9) + 1;
      total += amount;
      return ledgerEvent(DEPOSITED, { account: `a${(start + i) % accounts}`, amount });
    });
    await store.append(`${options.stream ?? 'ledger'}-${randomUUID()}`, events, 'no_stream');
  }
  return total;
}

/**
 * Balances per account and the total deposited, in two tables. Version 1 keeps whole units,
 * version 2 hundredths: a reader who ever saw a mix of builds (one table from each) or a half-built
 * one would see the sums disagree, or a total that is neither the full one nor 100 times it.
 */
export function ledgerProjection(version = 1): Projection {
  const scale = version === 1 ? 1 : 100;
  return {
    name: 'ledger_test',
    version,
    eventTypes: [DEPOSITED, TRANSFERRED],
    schema: `
      create table accounts (account text primary key, balance bigint not null);
      create table totals (id boolean primary key default true check (id), deposited bigint not null, events bigint not null);
      insert into totals (deposited, events) values (0, 0);`,
    async apply(events: readonly RecordedEvent[], tx) {
      const deltas = new Map<string, number>();
      let deposited = 0;
      const add = (account: string, amount: number) => deltas.set(account, (deltas.get(account) ?? 0) + amount * scale);
      for (const event of events) {
        const amount = Number(event.data.amount);
        if (event.type === DEPOSITED) {
          add(String(event.data.account), amount);
          deposited += amount * scale;
        } else {
          add(String(event.data.from), -amount);
          add(String(event.data.to), amount);
        }
      }
      await tx.query(
        `insert into accounts (account, balance) select * from unnest($1::text[], $2::bigint[])
         on conflict (account) do update set balance = accounts.balance + excluded.balance`,
        [[...deltas.keys()], [...deltas.values()]],
      );
      await tx.query('update totals set deposited = deposited + $1, events = events + $2', [deposited, events.length]);
    },
  };
}

/**
 * Counts of events per type, by plain increments: applying an event twice, or losing one, shows.
 * `slowMs` holds each batch's transaction open after its writes (the kill test's window).
 */
export function tallyProjection(options: { eventTypes: readonly string[]; slowMs?: number; version?: number }): Projection {
  return {
    name: 'tally_test',
    version: options.version ?? 1,
    eventTypes: options.eventTypes,
    schema: 'create table counts (type text primary key, n bigint not null);',
    async apply(events, tx) {
      const counts = new Map<string, number>();
      for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      await tx.query(
        `insert into counts (type, n) select * from unnest($1::text[], $2::bigint[]) on conflict (type) do update set n = counts.n + excluded.n`,
        [[...counts.keys()], [...counts.values()]],
      );
      if (options.slowMs) await tx.query('select pg_sleep($1)', [options.slowMs / 1000]);
    },
  };
}
