import { FieldSchemas } from '../../../access/src/application/case-records.js';
import { AccessDeniedError, PolicyPoint } from '../../../access/src/application/policy-point.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import { masterKeyFromBytes, PostgresKeyStore } from '../../../crypto/src/index.js';
import { WrongExpectedRevisionError } from '../../../event-store/src/errors.js';
import { PostgresEventStore } from '../../../event-store/src/postgres/postgres-event-store.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { DomainError, type Decider } from '../domain/decider.js';
import { CaseCommands, caseIdFor, NO_SCOPE, type CaseContext } from './case-commands.js';

// A toy context: a note is opened with a reporter name (sensitive), then counted.
type Command = { kind: 'open'; jurisdiction: string; reporterName: string } | { kind: 'count' };
type Event = { type: 'note.opened'; data: { jurisdiction: string; reporterName: unknown } } | { type: 'note.counted'; data: { n: number } };
type State = { open: boolean; jurisdiction: string; count: number };
const decider: Decider<Command, Event, State> = {
  initialState: { open: false, jurisdiction: '', count: 0 },
  evolve: (s, e) => (e.type === 'note.opened' ? { ...s, open: true, jurisdiction: e.data.jurisdiction } : { ...s, count: e.data.n }),
  decide: (c, s) => {
    if (c.kind === 'open') return [{ type: 'note.opened', data: { jurisdiction: c.jurisdiction, reporterName: c.reporterName } }];
    if (s.count >= 2) throw new DomainError('rule_violated', 'note.too_many', 'At most two counts', 'Tối đa hai lần đếm');
    return [{ type: 'note.counted', data: { n: s.count + 1 } }];
  },
};
const context: CaseContext<Command, Event, State> = {
  kind: 'tip',
  decider,
  schemas: new FieldSchemas()
    .register('note.opened', { jurisdiction: 'public', reporterName: 'sensitive' })
    .register('note.counted', { n: 'public' }),
  creates: (c) => c.kind === 'open',
  action: () => 'write',
  scope: (s) => ({ jurisdiction: s.jurisdiction, assignees: [] }),
  newCaseScope: (c) => ({ jurisdiction: c.kind === 'open' ? c.jurisdiction : NO_SCOPE, assignees: [] }),
  subjectOf: (_s, _e, caseId) => `reporter-${caseId}`,
};

const PARENT: Record<string, string> = { '01': 'VN', '10015': '01', '79': 'VN' };
const contains = (scope: string, code: string): boolean => code === scope || (PARENT[code] !== undefined && contains(scope, PARENT[code]!));
const officer: Principal = { userId: 'officer-1', grants: [{ role: 'police_officer', scope: '01' }] };
const caller = (principal = officer) => ({ principal, purpose: 'case_handling', correlationId: 'c-1' });

describe('case command pipeline on PostgreSQL', () => {
  let store: PostgresEventStore;
  let keys: PostgresKeyStore;
  let commands: CaseCommands;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    store = await PostgresEventStore.connect(db.url, 4);
    keys = await PostgresKeyStore.connect(db.url, { masterKey: masterKeyFromBytes(Buffer.alloc(32, 8)) });
    commands = new CaseCommands(store, keys, new PolicyPoint(store, { contains }), { contains });
  });
  afterAll(async () => {
    await keys.close();
    await store.close();
    await drop();
  });

  const open = (key: string, principal = officer) => {
    const caseId = caseIdFor(principal.userId, key, 'tip');
    return commands.execute(context, {
      caseId,
      command: { kind: 'open', jurisdiction: '10015', reporterName: 'Trần Văn B' },
      caller: caller(principal),
      expectedRevision: null,
      idempotencyKey: key,
    });
  };

  it('creates a case with its sensitive field encrypted before it is stored', async () => {
    const result = await open('key-create-1');
    expect(result).toMatchObject({ revision: 0, events: ['note.opened'], duplicate: false });
    const [stored] = await store.readStream(`tip-${result.caseId}`);
    expect(JSON.stringify(stored!.data)).not.toContain('Trần Văn B');
    expect(stored!.data.reporterName).toMatchObject({ $enc: expect.any(Number) });
  });

  it('answers a retry with the same key with the first result and appends nothing', async () => {
    const first = await open('key-retry-1');
    const counted = await commands.execute(context, {
      caseId: first.caseId,
      command: { kind: 'count' },
      caller: caller(),
      expectedRevision: 0,
      idempotencyKey: 'key-count-1',
    });
    const again = await commands.execute(context, {
      caseId: first.caseId,
      command: { kind: 'count' },
      caller: caller(),
      expectedRevision: 0,
      idempotencyKey: 'key-count-1',
    });
    expect(again).toEqual({ ...counted, duplicate: true });
    expect(await open('key-retry-1')).toMatchObject({ caseId: first.caseId, revision: 0, duplicate: true });
    expect((await store.readStream(`tip-${first.caseId}`)).map((e) => e.type)).toEqual(['note.opened', 'note.counted']);
  });

  it('refuses a stale If-Match with a conflict, a rule with a domain error, and appends nothing', async () => {
    const { caseId } = await open('key-rules-1');
    await expect(
      commands.execute(context, {
        caseId,
        command: { kind: 'count' },
        caller: caller(),
        expectedRevision: 5,
        idempotencyKey: 'key-stale-1',
      }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    for (const key of ['k-a-00001', 'k-b-00001'])
      await commands.execute(context, {
        caseId,
        command: { kind: 'count' },
        caller: caller(),
        expectedRevision: null,
        idempotencyKey: key,
      });
    await expect(
      commands.execute(context, {
        caseId,
        command: { kind: 'count' },
        caller: caller(),
        expectedRevision: null,
        idempotencyKey: 'k-c-00001',
      }),
    ).rejects.toMatchObject({ code: 'note.too_many', kind: 'rule_violated' });
    expect(await store.readStream(`tip-${caseId}`)).toHaveLength(3);
  });

  it('refuses commands on a missing case, a second creation, and callers out of scope', async () => {
    await expect(
      commands.execute(context, {
        caseId: 'missing-1',
        command: { kind: 'count' },
        caller: caller(),
        expectedRevision: null,
        idempotencyKey: 'key-missing',
      }),
    ).rejects.toMatchObject({ status: 403 });
    // Only a caller who could act on such a case anywhere learns that it is missing.
    const national: Principal = { userId: 'supervisor-vn', grants: [{ role: 'police_supervisor', scope: 'VN' }] };
    await expect(
      commands.execute(context, {
        caseId: 'missing-1',
        command: { kind: 'count' },
        caller: caller(national),
        expectedRevision: null,
        idempotencyKey: 'key-missing',
      }),
    ).rejects.toMatchObject({ status: 404 });
    const { caseId } = await open('key-twice-1');
    await expect(
      commands.execute(context, {
        caseId,
        command: { kind: 'open', jurisdiction: '10015', reporterName: 'x' },
        caller: caller(),
        expectedRevision: null,
        idempotencyKey: 'key-twice-2',
      }),
    ).rejects.toMatchObject({ code: 'case.already_exists' });
    const outsider: Principal = { userId: 'officer-79', grants: [{ role: 'police_officer', scope: '79' }] };
    await expect(open('key-outsider-1', outsider)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await store.readStream(`tip-${caseIdFor('officer-79', 'key-outsider-1', 'tip')}`)).toEqual([]);
  });
});
