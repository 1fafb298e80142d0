import { randomUUID } from 'node:crypto';
import { CaseRecords } from '../../../access/src/application/case-records.js';
import { AccessDeniedError, PolicyPoint, REDACTED } from '../../../access/src/application/policy-point.js';
import type { RoleGrant } from '../../../access/src/domain/roles.js';
import { CaseCommands } from '../../../case-kernel/src/application/case-commands.js';
import { CaseReader } from '../../../case-kernel/src/application/case-reader.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { PostgresKeyStore, parseMasterKey } from '../../../crypto/src/index.js';
import { PostgresEventStore } from '../../../event-store/src/postgres/postgres-event-store.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../jurisdictions/src/domain/jurisdiction-tree.js';
import { PENALTY_FIELD_SCHEMAS } from '../../../penalties/src/penalties-context.js';
import { receiveTip } from '../../../tips/src/domain/tip-scenario.testkit.js';
import type { TipCommand, TipState } from '../../../tips/src/domain/tip-types.js';
import { tipsContext } from '../../../tips/src/tips-context.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { CaseHistory, type AsOfView } from './case-history.js';
import { caller } from '../testing/audit-fixture.js';

const T1 = new Date('2026-03-02T01:00:00.000Z');
const T2 = new Date('2026-03-02T03:30:00.000Z');
const T3 = new Date('2026-03-03T02:00:00.000Z');
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

describe('as-of: a case exactly as it was known at a moment, on real PostgreSQL', () => {
  let drop: () => Promise<void>;
  let store: PostgresEventStore;
  let keyStore: PostgresKeyStore;
  let now = T1;
  const context = tipsContext(new WorkingCalendar(VN_PUBLIC_HOLIDAYS));
  const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
  const jurisdictions = { contains: (scope: string, code: string) => tree.contains(scope, code) };
  let history: CaseHistory;
  let reader: CaseReader;
  const tipId = `tip-${randomUUID()}`;
  const supervisor = caller({ userId: 'supervisor-1', grants: [{ role: 'police_supervisor', scope: '01' }] }, 'case_handling');
  const auditor = caller({ userId: 'auditor-1', grants: [{ role: 'auditor', scope: 'VN' }] });
  /** The case as each caller read it right after each moment, before anything later was appended. */
  const readThen = new Map<string, { state: TipState; revision: number }>();

  const run = async (command: TipCommand) => {
    const commands = new CaseCommands(store, keyStore, new PolicyPoint(store, jurisdictions, () => now), jurisdictions, () => now);
    await commands.execute(context, { caseId: tipId, command, caller: supervisor, expectedRevision: null, idempotencyKey: randomUUID() });
  };
  const snapshot = async (label: string) => {
    for (const [name, who] of [
      ['auditor', auditor],
      ['supervisor', supervisor],
    ] as const) {
      const read = await reader.read('tip', tipId, context.decider, who);
      readThen.set(`${label}/${name}`, { state: read.state, revision: read.revision });
    }
  };

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    store = await PostgresEventStore.connect(database.url, 4, { clock: () => now });
    keyStore = await PostgresKeyStore.connect(database.url, { masterKey: parseMasterKey(Buffer.alloc(32, 5).toString('base64')) });
    const policy = new PolicyPoint(store, jurisdictions, () => now);
    const records = new CaseRecords(store, keyStore, context.schemas);
    history = new CaseHistory(store, records, policy, keyStore, new Map([['tip', context.decider]]));
    reader = new CaseReader(records, policy, keyStore);

    now = T1; // received, with the reporter's identity: two events at t1
    await run(receiveTip({ tipId, jurisdiction: '10015', receivedAt: T1.toISOString(), allegation: 'Môi giới tại quán karaoke X' }));
    await snapshot('t1');
    now = T2; // classified, with a personal note
    await run({ type: 'ClassifyTip', category: 'buying_selling_sex', note: 'Người báo tin nêu tên chủ quán' });
    await snapshot('t2');
    now = T3; // assigned
    await run({ type: 'AssignTip', assigneeId: 'officer-7' });
    await snapshot('t3');
  });
  afterAll(async () => {
    await store.close();
    await keyStore.close();
    await drop();
  });

  const asOf = (at: Date, who = auditor): Promise<AsOfView> => history.asOf('tip', tipId, at, who);

  it('between t2 and t3 gives exactly the state read after t2 (the fold of the events up to t2), not one event more or less', async () => {
    for (const at of [T2, ms(T2, 1), ms(T3, -1)]) {
      const view = await asOf(at);
      expect({ at: view.at, state: view.state, revision: view.revision }).toEqual({
        at: at.toISOString(),
        state: readThen.get('t2/auditor')!.state,
        revision: readThen.get('t2/auditor')!.revision,
      });
    }
    expect((await asOf(ms(T2, 1))).state).not.toEqual(readThen.get('t3/auditor')!.state);
  });

  it('applies the rule on recordedAt at each boundary: before t1 nothing, at t1 the receipt, after t3 everything', async () => {
    expect(await asOf(ms(T1, -1))).toMatchObject({ revision: -1, currentRevision: 3, state: context.decider.initialState, history: [] });
    expect(await asOf(T1)).toMatchObject({ revision: 1, state: readThen.get('t1/auditor')!.state });
    expect(await asOf(ms(T2, -1))).toMatchObject({ revision: 1, state: readThen.get('t1/auditor')!.state });
    expect(await asOf(ms(T3, 3_600_000))).toMatchObject({
      revision: 3,
      rule: 'recordedAt <= at',
      state: readThen.get('t3/auditor')!.state,
    });
  });

  it('says who changed what and when; personal fields are redacted for the auditor and shown to a supervisor', async () => {
    const view = await asOf(ms(T2, 1));
    expect(view.history.map((c) => [c.revision, c.type, c.actorId, c.role, c.recordedAt])).toEqual([
      [0, 'tip.received', 'supervisor-1', 'police_supervisor', T1.toISOString()],
      [1, 'tip.reporter_recorded', 'supervisor-1', 'police_supervisor', T1.toISOString()],
      [2, 'tip.classified', 'supervisor-1', 'police_supervisor', T2.toISOString()],
    ]);
    expect(view.history[2]!.fieldsChanged.sort()).toEqual(['at', 'category', 'note']);
    expect(view.history[2]!.values).toMatchObject({ category: 'buying_selling_sex', note: REDACTED });
    expect(view.history[1]!.values).toMatchObject({ reporterName: REDACTED, reporterContact: REDACTED });
    expect(view.redactedFields).toEqual(expect.arrayContaining(['allegation', 'note', 'reporterName', 'reporterContact']));
    expect(JSON.stringify(view)).not.toContain('karaoke X');

    const supervisorView = await asOf(ms(T2, 1), supervisor);
    expect(supervisorView.state).toEqual(readThen.get('t2/supervisor')!.state);
    expect(supervisorView.history[2]!.values).toMatchObject({ note: 'Người báo tin nêu tên chủ quán' });
    expect(supervisorView.history[0]!.values).toMatchObject({ allegation: 'Môi giới tại quán karaoke X' });
  });

  it('records every as-of read as an access, and refuses as a case read does (403 for a support role on a tip, 404 for no such case)', async () => {
    const before = (await store.readStream(`access-tip-${tipId}`)).length;
    await asOf(T3);
    const after = await store.readStream(`access-tip-${tipId}`);
    expect(after).toHaveLength(before + 1);
    expect(after[after.length - 1]!.data).toMatchObject({ actorId: 'auditor-1', decision: 'allow', action: 'read', purpose: 'audit' });

    const social = caller({ userId: 'sw-1', grants: [{ role: 'social_worker', scope: 'VN' } as RoleGrant] });
    await expect(asOf(T3, social)).rejects.toMatchObject({ status: 403 });
    await expect(history.asOf('tip', 'no-such-tip', T3, auditor)).rejects.toEqual(new AccessDeniedError(404));
  });

  it('replays the stream: every event with its metadata and hash, links recomputed, data redacted as for a read', async () => {
    const replay = await history.replay(`tip-${tipId}`, auditor);
    expect(replay).toMatchObject({ streamId: `tip-${tipId}`, resource: { kind: 'tip', id: tipId }, chain: { ok: true, firstBreak: null } });
    const stored = await store.readStream(`tip-${tipId}`);
    expect(replay.events.map((e) => [e.revision, e.type, e.hash, e.chainOk])).toEqual(
      stored.map((e) => [e.revision, e.type, e.hash, true]),
    );
    expect(replay.state).toEqual(readThen.get('t3/auditor')!.state);
    expect(JSON.stringify(replay)).not.toContain('karaoke X');
  });
});

describe('as-of and replay fold events upcast to their current version, as the case reader does', () => {
  it('gives evolve a penalty.decided written as version 1 with the version 2 totals, and shows the values as written', async () => {
    const database = await createTestDatabase();
    const store = await PostgresEventStore.connect(database.url, 2);
    const keyStore = await PostgresKeyStore.connect(database.url, { masterKey: parseMasterKey(Buffer.alloc(32, 6).toString('base64')) });
    try {
      const metadata = {
        actorId: 'official-1',
        role: 'sanctioning_official',
        jurisdiction: '10015',
        purpose: 'case_handling',
        correlationId: 'c',
        causationId: null,
        occurredAt: new Date().toISOString(),
      };
      const sanctions = [
        { subjectId: 'p-1', sanction: 'fine', amount: 400_000 },
        { subjectId: 'p-2', sanction: 'warning', amount: null },
      ];
      await store.append(
        'penalty_case-old-1',
        [
          {
            id: randomUUID(),
            type: 'penalty.decided',
            schemaVersion: 1,
            data: {
              decidedOn: '2026-03-10',
              decisionNumber: '9/QĐ',
              position: 'chair',
              referenceTable: 'x',
              sanctions,
              additionalMeasures: [],
            },
            metadata,
          },
        ],
        'no_stream',
      );
      const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
      const policy = new PolicyPoint(store, { contains: (scope, code) => tree.contains(scope, code) });
      const seen: Array<{ type: string; data: Record<string, unknown> }> = [];
      const recordingFold = {
        initialState: 0,
        evolve: (n: unknown, event: { type: string; data: Record<string, unknown> }) => (seen.push(event), (n as number) + 1),
      };
      const history = new CaseHistory(
        store,
        new CaseRecords(store, keyStore, PENALTY_FIELD_SCHEMAS),
        policy,
        keyStore,
        new Map([['penalty_case', recordingFold]]),
      );
      const official = caller({ userId: 'official-1', grants: [{ role: 'sanctioning_official', scope: '01' }] });

      const view = await history.asOf('penalty_case', 'old-1', new Date(Date.now() + 60_000), official);
      expect(seen[0]!.data).toMatchObject({ warningCount: 1, fineCount: 1, fineTotal: 400_000 });
      expect(view.history[0]).toMatchObject({ schemaVersion: 1, values: { sanctions } });
      expect(view.history[0]!.values).not.toHaveProperty('fineTotal');
      await history.replay('penalty_case-old-1', official);
      expect(seen[1]!.data).toMatchObject({ fineTotal: 400_000 });
    } finally {
      await Promise.all([store.close(), keyStore.close()]);
      await database.drop();
    }
  });
});
