import { randomUUID } from 'node:crypto';
import { CaseRecords, caseStream } from '../../access/src/application/case-records.js';
import { PolicyPoint } from '../../access/src/application/policy-point.js';
import { toDomain } from '../../case-kernel/src/application/case-commands.js';
import { CaseReader } from '../../case-kernel/src/application/case-reader.js';
import type { RecordedEvent } from '../../event-store/src/port.js';
import { ACTORS, CONTEXTS, contains, UNIT, type ScriptStep } from '../../integration-events/src/testing/case-scripts.testkit.js';
import type { PenaltyEvent, PenaltyState } from '../../penalties/src/domain/penalty-types.js';
import { PENALTY_FIELD_SCHEMAS } from '../../penalties/src/penalties-context.js';
import { IntegrationRelay } from '../../relay/src/integration-relay.js';
import { parseIntegrationMessage } from '../../relay/src/kafka-message.js';
import { FakeProducer } from '../../relay/src/testing/fake-producer.js';
import { openRelayWorld, type RelayWorld } from '../../relay/src/testing/relay-world.js';

const PEOPLE = [
  { subjectId: 'penalised-replay-a', fullName: 'Nguyễn Văn Một', idNumber: '001200000009', address: 'Thôn Nam' },
  { subjectId: 'penalised-replay-b', fullName: 'Trần Văn Hai', idNumber: null, address: null },
];

/** The same case, word for word, under a given id: recorded, then (optionally) decided and delivered. */
function penaltyCase(caseId: string, decide: boolean): ScriptStep[] {
  const { penalties } = CONTEXTS;
  const steps: ScriptStep[] = [
    {
      context: penalties,
      caseId,
      at: '2026-03-03T02:00:00.000Z',
      actor: ACTORS.officer,
      command: {
        kind: 'record_violation',
        jurisdiction: UNIT,
        violationDate: '2026-03-02',
        recordedOn: '2026-03-03',
        act: '33',
        multiplePeopleAtOnce: false,
        offenderType: 'individual',
        people: PEOPLE,
        tipId: null,
        summary: 'Biên bản',
      },
    },
  ];
  if (decide) {
    steps.push({
      context: penalties,
      caseId,
      at: '2026-03-10T02:00:00.000Z',
      actor: ACTORS.official,
      command: {
        kind: 'decide',
        position: 'commune_people_committee_chair',
        decisionNumber: '9/QĐ-XPHC',
        sanctions: [
          { subjectId: PEOPLE[0]!.subjectId, sanction: 'fine', amount: 400_000 },
          { subjectId: PEOPLE[1]!.subjectId, sanction: 'warning', amount: null },
        ],
        additionalMeasures: [],
      },
    });
  }
  return steps;
}

const deliver = (caseId: string): ScriptStep => ({
  context: CONTEXTS.penalties,
  caseId,
  at: '2026-03-11T02:00:00.000Z',
  actor: ACTORS.official,
  command: { kind: 'deliver', deliveredOn: '2026-03-11' },
});

describe('schema evolution: an old log of penalty.decided v1 replays like the new v2', () => {
  let world: RelayWorld;
  let newLog: RecordedEvent[];
  let oldLog: RecordedEvent[];
  const newCase = randomUUID();
  const oldCase = randomUUID();

  beforeAll(async () => {
    world = await openRelayWorld();
    await world.write(penaltyCase(newCase, true));
    await world.write(penaltyCase(oldCase, false));
    // What a release before version 2 appended: the same decision, without the totals, as schema version 1.
    const decided = (await world.store.readStream(caseStream('penalty_case', newCase))).find((e) => e.type === 'penalty.decided')!;
    const recorded = await world.store.readStream(caseStream('penalty_case', oldCase));
    const { warningCount: _w, fineCount: _f, fineTotal: _t, ...v1 } = decided.data;
    const { recordedAt: _r, ...metadata } = decided.metadata;
    await world.store.append(
      caseStream('penalty_case', oldCase),
      [{ id: randomUUID(), type: 'penalty.decided', schemaVersion: 1, data: v1, metadata }],
      recorded.length - 1,
    );
    await world.write([deliver(newCase), deliver(oldCase)]);
    newLog = await world.store.readStream(caseStream('penalty_case', newCase));
    oldLog = await world.store.readStream(caseStream('penalty_case', oldCase));
  });
  afterAll(() => world.close());

  it('stores the two versions as written: the decider writes v2 now, the old event stays v1', () => {
    const decidedIn = (log: RecordedEvent[]) => log.find((e) => e.type === 'penalty.decided')!;
    expect(decidedIn(newLog)).toMatchObject({ schemaVersion: 2, data: { warningCount: 1, fineCount: 1, fineTotal: 400_000 } });
    expect(decidedIn(oldLog).schemaVersion).toBe(1);
    expect(decidedIn(oldLog).data).not.toHaveProperty('fineTotal');
    expect(oldLog.map((e) => e.type)).toEqual(newLog.map((e) => e.type));
  });

  it('folds into the same state in the command pipeline (so the next command worked on both) and in the case reader', async () => {
    const decider = CONTEXTS.penalties.decider;
    // The pipeline folds without decrypting: personal fields hold ciphertext, different for each case.
    const withoutCiphertext = (s: PenaltyState) => ({ ...s, summary: null, people: s.people.map((p) => p.subjectId) });
    const fold = (log: RecordedEvent[]) =>
      withoutCiphertext(log.reduce((s, e) => decider.evolve(s, toDomain<PenaltyEvent>(e)), decider.initialState));
    const folded = fold(oldLog);
    expect(folded).toEqual(fold(newLog));
    expect(folded).toMatchObject({ status: 'delivered', decision: { warningCount: 1, fineCount: 1, fineTotal: 400_000 } });

    const reader = new CaseReader(
      new CaseRecords(world.store, world.keys, PENALTY_FIELD_SCHEMAS),
      new PolicyPoint(world.store, { contains }),
      world.keys,
    );
    const caller = { principal: ACTORS.official, purpose: 'case_handling', correlationId: randomUUID() };
    const read = async (id: string) => (await reader.read<PenaltyEvent, PenaltyState>('penalty_case', id, decider, caller)).state;
    const oldState = await read(oldCase);
    expect(oldState).toEqual(await read(newCase));
    expect(oldState.people.map((p) => p.fullName)).toEqual(PEOPLE.map((p) => p.fullName));
    expect(oldState.decision).toMatchObject({ fineTotal: 400_000 });
  });

  it('publishes the same integration event from the old log as from the new one, and the consumer counts both', async () => {
    const producer = new FakeProducer();
    const relay = new IntegrationRelay(world.store, producer, world.checkpoints);
    while ((await relay.publishNext()).read > 0);
    const bodies = producer.acknowledged.map((m) => parseIntegrationMessage(m.message));
    const of = (id: string) =>
      bodies
        .filter((b) => b.streamId === caseStream('penalty_case', id))
        .map((b) => ({ contract: b.contract, occurredOn: b.occurredOn, data: b.data }));
    expect(of(oldCase)).toEqual(of(newCase));
    expect(of(oldCase)).toEqual([
      {
        contract: 'penalty.decision_issued',
        occurredOn: '2026-03-10',
        data: { unit: UNIT, act: '33', offenderType: 'individual', warningCount: 1, fineCount: 1, fineTotal: 400_000 },
      },
    ]);
    for (const stored of producer.acknowledged) await world.counter.handle(stored.message);
    expect(await world.counter.counts()).toEqual([{ contract: 'penalty.decision_issued.v1', unit: UNIT, events: 2 }]);
  });
});
