/**
 * npm run bench:support — the case view of a support case with 50 events, as the API reads it
 * (CaseReader: describe the stream, policy decision recorded in the access log, redact, decrypt,
 * fold), against the same read of the same events stored with encryption off, in one run on one
 * PostgreSQL. Prints p50/p95 per scenario and the ratios; goals: p95 < 15 ms, ratio < 1.3x.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { CaseRecords, caseStream } from '../../access/src/application/case-records.js';
import { PolicyPoint } from '../../access/src/application/policy-point.js';
import type { Principal } from '../../access/src/domain/roles.js';
import { CaseReader } from '../../case-kernel/src/application/case-reader.js';
import { fold } from '../../case-kernel/src/domain/decider.js';
import { decryptFields, encryptFields, masterKeyFromBytes, PostgresKeyStore, type KeyStore } from '../../crypto/src/index.js';
import { openBenchServer } from '../../event-store/bench/server.js';
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import type { EventStore, JsonObject, NewEvent } from '../../event-store/src/port.js';
import { vnDate } from '../../case-kernel/src/domain/working-calendar.js';
import { supportCaseDecider } from '../src/domain/support-case-decider.js';
import type { SupportCaseCommand, SupportCaseEvent, SupportCaseState } from '../src/domain/support-case-types.js';
import { SUPPORT_CASE_SCHEMAS, supportCasesContext } from '../src/support-cases-context.js';

const EVENTS_PER_CASE = 50;
const CASES = Number(process.env.BENCH_CASES ?? 20);
const READS_PER_ROUND = Number(process.env.BENCH_READS ?? 300);
const WARM_UP = 50;
const ROUNDS = 3;
const JURISDICTION = '10015';
const WORKER = 'bench-social-worker';
const GOAL = { p95Ms: 15, ratio: 1.3 };

/** The 50 events of one support case, decided by the real decider: opening, consents, needs, then referral rounds. */
function supportCaseEvents(caseId: string): SupportCaseEvent[] {
  const today = vnDate(new Date());
  const events: SupportCaseEvent[] = [];
  let state: SupportCaseState = supportCaseDecider.initialState;
  const run = (command: SupportCaseCommand | ((s: SupportCaseState) => SupportCaseCommand)) => {
    for (const event of supportCaseDecider.decide(typeof command === 'function' ? command(state) : command, state, {
      now: new Date(),
      actorId: WORKER,
      roles: ['social_worker'],
      newId: randomUUID,
    })) {
      if (events.length === EVENTS_PER_CASE) return;
      events.push(event);
      state = supportCaseDecider.evolve(state, event);
    }
  };
  run({
    type: 'OpenSupportCase',
    caseId,
    jurisdiction: JURISDICTION,
    channel: 'outreach',
    contactedOn: today,
    assigneeId: WORKER,
    serviceUser: {
      name: 'Nguyễn Thị Người Được Hỗ Trợ',
      contact: '0912 345 678',
      birthYear: 1997,
      address: 'Tổ 5, thôn Đông, xã Chương Mỹ, Hà Nội',
    },
    note: 'Gặp tại điểm tư vấn lưu động; muốn được tư vấn sức khỏe và học nghề',
  });
  for (const purpose of ['case_management', 'follow_up_contact', 'deidentified_statistics'] as const)
    run({ type: 'GiveConsent', purpose, wordingVersion: 'v2026.1', method: 'written', givenOn: today });
  run({
    type: 'ScreenNeeds',
    needs: ['health_sexual_health_hiv_sti', 'vocational_training', 'job_placement'],
    healthNotes: 'Cần xét nghiệm định kỳ và tư vấn dự phòng',
    note: 'Ưu tiên học nghề may',
    screenedOn: today,
  });
  const last = (s: SupportCaseState) => s.referrals[s.referrals.length - 1]!.referralId;
  for (let round = 0; events.length < EVENTS_PER_CASE; round++) {
    const providerId = `provider-bench-${round}`;
    run({
      type: 'GiveConsent',
      purpose: 'referral',
      providerId,
      wordingVersion: 'v2026.1',
      method: 'verbal_witnessed',
      witness: 'Cán bộ y tế xã',
      givenOn: today,
    });
    run({
      type: 'ReferToProvider',
      providerId,
      service: round % 2 ? 'vocational_training' : 'health_sexual_health_hiv_sti',
      sharedFields: ['clientCode', 'needs'],
      referredOn: today,
    });
    run((s) => ({ type: 'AcceptReferral', referralId: last(s), acceptedOn: today }));
    run((s) => ({
      type: 'RecordServiceDelivered',
      referralId: last(s),
      deliveredOn: today,
      note: 'Đã tham gia buổi tư vấn và khám sức khỏe',
    }));
    run({ type: 'RecordFollowUp', method: 'phone', followUpOn: today, note: 'Sức khỏe ổn định, đang học nghề' });
    run({ type: 'UpdateServiceUser', serviceUser: { contact: `09${String(10_000_000 + round).slice(-8)}` } });
  }
  return events;
}

/** Appends a case's events, sealed with the service user's key (as CaseCommands does) or in plaintext. */
async function storeCase(store: EventStore, keys: KeyStore | null, caseId: string, decided: SupportCaseEvent[]): Promise<void> {
  const state = fold(supportCaseDecider, decided.slice(0, 1));
  const events: NewEvent[] = [];
  for (const event of decided) {
    const id = randomUUID();
    const data = keys
      ? await encryptFields(
          event.data as JsonObject,
          SUPPORT_CASE_SCHEMAS.of(event.type),
          supportCasesContext.subjectOf(state, event, caseId),
          keys,
          { eventType: event.type, eventId: id },
        )
      : (event.data as JsonObject);
    const metadata = {
      actorId: WORKER,
      role: 'social_worker',
      jurisdiction: JURISDICTION,
      purpose: 'case_handling',
      correlationId: id,
      causationId: null,
      occurredAt: new Date().toISOString(),
    };
    events.push({ id, type: event.type, schemaVersion: 1, data, metadata });
  }
  await store.append(caseStream('support_case', caseId), events, 'no_stream');
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

interface Scenario {
  name: string;
  reader: CaseReader;
  caseIds: string[];
  principal: Principal;
  samples: number[];
}

/** One read of the i-th case of a scenario, as the API's case view does it; returns its time in ms. */
async function readOnce(scenario: Scenario, i: number): Promise<number> {
  const caller = { principal: scenario.principal, purpose: 'case_handling', correlationId: randomUUID() };
  const start = performance.now();
  const read = await scenario.reader.read('support_case', scenario.caseIds[i % scenario.caseIds.length]!, supportCaseDecider, caller);
  const elapsed = performance.now() - start;
  if (read.revision !== EVENTS_PER_CASE - 1 || read.state.referrals.length === 0) throw new Error('bench read lost events');
  return elapsed;
}

/**
 * Reads interleaved one by one across the scenarios, in an order that rotates every read: on a
 * shared machine a burst of other work then falls on every scenario alike.
 */
async function measure(scenarios: Scenario[], reads: number, keep: boolean): Promise<void> {
  for (let i = 0; i < reads; i++) {
    for (let k = 0; k < scenarios.length; k++) {
      const scenario = scenarios[(i + k) % scenarios.length]!;
      const elapsed = await readOnce(scenario, i);
      if (keep) scenario.samples.push(elapsed);
    }
  }
}

/**
 * The parts of an encrypted read timed apart: reading the stream, the policy decision (which
 * appends the access record, a durable commit), and opening every event.
 */
async function components(store: EventStore, keys: KeyStore, policy: PolicyPoint, principal: Principal, caseIds: string[], reads: number) {
  const times = { readStream: [] as number[], policy: [] as number[], decrypt: [] as number[] };
  for (let i = 0; i < reads; i++) {
    const id = caseIds[i % caseIds.length]!;
    const start = performance.now();
    const events = await store.readStream(caseStream('support_case', id));
    const read = performance.now();
    await policy.authorize(
      principal,
      'read',
      { kind: 'support_case', id, jurisdiction: JURISDICTION, assignees: [principal.userId], fields: {} },
      { purpose: 'case_handling', correlationId: randomUUID() },
    );
    const decided = performance.now();
    for (const e of events) await decryptFields(e.data, keys, { eventType: e.type, eventId: e.id });
    times.decrypt.push(performance.now() - decided);
    times.policy.push(decided - read);
    times.readStream.push(read - start);
  }
  const both = (values: number[]) => `${percentile(values, 50).toFixed(2)} / ${percentile(values, 95).toFixed(2)} ms`;
  return `read the stream ${both(times.readStream)}, policy decision + access record ${both(times.policy)}, decrypt all 50 events ${both(times.decrypt)}`;
}

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const server = await openBenchServer(process.env.DATABASE_URL);
  const closers: Array<() => Promise<void>> = [];
  try {
    const url = await server.database('support');
    const store = await PostgresEventStore.connect(url, 4);
    closers.push(() => store.close());
    const masterKey = masterKeyFromBytes(Buffer.alloc(32, 9));
    const keys = await PostgresKeyStore.connect(url, { masterKey });
    closers.push(() => keys.close());
    // The same key table read without the in-process key cache: every read fetches and unwraps the key.
    const uncachedKeys = await PostgresKeyStore.connect(url, { masterKey, cacheTtlMs: 0 });
    closers.push(() => uncachedKeys.close());
    const policy = new PolicyPoint(store, { contains: (scope, code) => scope === 'VN' || scope === code });
    const records = new CaseRecords(store, keys, SUPPORT_CASE_SCHEMAS);
    const reader = new CaseReader(records, policy, keys);
    const uncachedReader = new CaseReader(new CaseRecords(store, uncachedKeys, SUPPORT_CASE_SCHEMAS), policy, uncachedKeys);

    const plainIds: string[] = [];
    const sealedIds: string[] = [];
    for (let i = 0; i < CASES; i++) {
      for (const [ids, sealWith] of [
        [plainIds, null],
        [sealedIds, keys],
      ] as const) {
        const id = randomUUID();
        await storeCase(store, sealWith, id, supportCaseEvents(id));
        ids.push(id);
      }
    }
    const worker: Principal = { userId: WORKER, grants: [{ role: 'social_worker', scope: JURISDICTION }] };
    const supervisor: Principal = { userId: 'bench-supervisor', grants: [{ role: 'support_supervisor', scope: JURISDICTION }] };
    const scenarios: Scenario[] = [
      { name: 'encryption off (plaintext events)', reader, caseIds: plainIds, principal: worker, samples: [] },
      { name: 'encrypted, assigned social worker (decrypt all)', reader, caseIds: sealedIds, principal: worker, samples: [] },
      { name: 'encrypted, supervisor (sensitive redacted)', reader, caseIds: sealedIds, principal: supervisor, samples: [] },
    ];
    await measure(scenarios, WARM_UP, false);
    for (let round = 0; round < ROUNDS; round++) {
      await server.checkpoint();
      await measure(scenarios, READS_PER_ROUND, true);
    }
    const parts = await components(store, keys, policy, worker, sealedIds, READS_PER_ROUND);
    // Measured on its own afterwards: its 50 key queries per read load the database and would slow the scenarios it ran between.
    const uncached: Scenario = {
      name: 'encrypted, social worker, key cache off (apart)',
      reader: uncachedReader,
      caseIds: sealedIds,
      principal: worker,
      samples: [],
    };
    await measure([uncached], READS_PER_ROUND, true);
    scenarios.push(uncached);
    const facts = await server.facts();
    const stats = scenarios.map((s) => ({
      name: s.name,
      p50: percentile(s.samples, 50),
      p95: percentile(s.samples, 95),
      n: s.samples.length,
    }));
    const [plain, sealed] = stats;
    const ms = (v: number) => v.toFixed(2).padStart(7);
    console.log(
      `support case view: ${EVENTS_PER_CASE} events per case, ${CASES} cases per scenario, ${ROUNDS} rounds of ${READS_PER_ROUND} reads per scenario, one at a time, interleaved (after ${WARM_UP} warm-up reads each)`,
    );
    console.log('each read: describe the stream, policy decision appended to the access log, redact, decrypt, fold (CaseReader.read)');
    console.log(
      `machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model.trim()}), node ${process.version}, load average ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end (other work on the machine skews every number); PostgreSQL ${facts.version.split(' ').slice(0, 2).join(' ')} (${facts.source}, fsync ${facts.fsync}, synchronous_commit ${facts.synchronousCommit})`,
    );
    console.log('');
    console.log(`${'scenario'.padEnd(50)}   p50 ms   p95 ms   reads   p50 ratio   p95 ratio`);
    for (const s of stats) {
      console.log(
        `${s.name.padEnd(50)}  ${ms(s.p50)}  ${ms(s.p95)}  ${String(s.n).padStart(6)}   ${(s.p50 / plain!.p50).toFixed(2).padStart(8)}x  ${(s.p95 / plain!.p95).toFixed(2).padStart(8)}x`,
      );
    }
    console.log(`parts of an encrypted read (p50 / p95): ${parts}`);
    console.log('');
    const ratio = sealed!.p50 / plain!.p50;
    console.log(
      `goal p95 < ${GOAL.p95Ms} ms (encrypted, assigned social worker): ${sealed!.p95.toFixed(2)} ms  ${sealed!.p95 < GOAL.p95Ms ? 'PASS' : 'MISS'}`,
    );
    console.log(
      `goal ratio < ${GOAL.ratio}x (encrypted vs encryption off, p50): ${ratio.toFixed(2)}x  ${ratio < GOAL.ratio ? 'PASS' : 'MISS'}   (p95: ${(sealed!.p95 / plain!.p95).toFixed(2)}x)`,
    );
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await server.close();
  }
}

await main();
