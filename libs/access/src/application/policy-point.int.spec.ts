import pg from 'pg';
import { PostgresEventStore } from '../../../event-store/src/postgres/postgres-event-store.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import type { ResourceDescriptor } from '../domain/resources.js';
import type { Principal } from '../domain/roles.js';
import { ACCESS_POLICY_VERSION } from '../domain/policy.js';
import { AccessLogReadModel } from './access-log.js';
import { BreakGlassReviewError, BreakGlassReviews, whoViewed } from './break-glass-reviews.js';
import { AccessDeniedError, PolicyPoint, REDACTED } from './policy-point.js';

const PARENT: Record<string, string> = { '01': 'VN', '10001': '01', '79': 'VN' };
const contains = (scope: string, code: string): boolean => code === scope || (PARENT[code] !== undefined && contains(scope, PARENT[code]!));
const request = { purpose: 'case_handling', correlationId: 'corr-1' };
const tip = (id: string): ResourceDescriptor => ({
  kind: 'tip',
  id,
  jurisdiction: '10001',
  assignees: ['officer-1'],
  fields: { status: 'public', reporterIdentity: 'sensitive' },
});
const as = (userId: string, role: Principal['grants'][number]['role'], scope = '01'): Principal => ({ userId, grants: [{ role, scope }] });

describe('policy point with the access audit on PostgreSQL', () => {
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let accessLog: AccessLogReadModel;
  let now = new Date('2026-11-22T10:00:00Z');
  let policy: PolicyPoint;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    store = await PostgresEventStore.connect(database.url, 4);
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    accessLog = new AccessLogReadModel(pool, store);
    await accessLog.migrate();
    policy = new PolicyPoint(store, { contains }, () => now);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await drop();
  });

  it('records every read and every denial, with the fields revealed and the policy version', async () => {
    const decision = await policy.authorize(as('officer-2', 'police_officer'), 'read', tip('t1'), request);
    expect(policy.redact(decision, { status: 'verifying', reporterIdentity: 'ciphertext' })).toEqual({
      status: 'verifying',
      reporterIdentity: REDACTED,
    });
    await expect(policy.authorize(as('stat-1', 'statistician'), 'read', tip('t1'), request)).rejects.toEqual(new AccessDeniedError(403));

    const entries = await accessLog.query({ resourceKind: 'tip', resourceId: 't1', jurisdictions: null, limit: 10 });
    expect(entries.map((e) => [e.actorId, e.decision, e.status])).toEqual(
      expect.arrayContaining([
        ['officer-2', 'allow', 200],
        ['stat-1', 'deny', 403],
      ]),
    );
    expect(entries.find((e) => e.actorId === 'officer-2')).toMatchObject({
      fieldsRevealed: ['status'],
      policyVersion: ACCESS_POLICY_VERSION,
      purpose: 'case_handling',
    });
    const viewers = await whoViewed(store, 'tip', 't1');
    expect(viewers.map((v) => v.actorId).sort()).toEqual(['officer-2', 'stat-1']);
  });

  it('a support record denied to an enforcement role answers 404 and is still recorded', async () => {
    const supportCase: ResourceDescriptor = {
      kind: 'support_case',
      id: 's1',
      jurisdiction: '10001',
      assignees: ['sw-1'],
      fields: { needs: 'sensitive' },
    };
    await expect(policy.authorize(as('officer-3', 'police_supervisor', 'VN'), 'read', supportCase, request)).rejects.toEqual(
      new AccessDeniedError(404),
    );
    const [entry] = await accessLog.query({ actorId: 'officer-3', jurisdictions: null, limit: 1 });
    expect(entry).toMatchObject({ decision: 'deny', status: 404, resource: { kind: 'support_case', id: 's1' } });
  });

  it('break the glass: time-limited, limited to the record, shown to the owner, reviewed by someone else', async () => {
    const supervisor = as('sup-1', 'police_supervisor');
    const before = await policy.authorize(supervisor, 'read', tip('t2'), request);
    expect(before.redact).toEqual(['reporterIdentity']);

    const opened = await policy.breakGlass(supervisor, tip('t2'), {
      ...request,
      purposeCode: 'threat_to_life',
      legalBasis: 'Decree 13/2023 art. 17',
      reason: 'reporter at risk',
      minutes: 30,
    });
    expect(Date.parse(opened.expiresAt) - now.getTime()).toBe(30 * 60_000);
    const during = await policy.authorize(supervisor, 'read', tip('t2'), request);
    expect(during).toMatchObject({ breakGlass: true, redact: [] });
    expect((await policy.authorize(supervisor, 'read', tip('t3'), request)).breakGlass).toBe(false);

    const notifications = await accessLog.query({
      ownerId: 'officer-1',
      type: 'access.break_glass_opened',
      jurisdictions: null,
      limit: 10,
    });
    expect(notifications.map((n) => n.grantId)).toContain(opened.grantId);
    expect((await whoViewed(store, 'tip', 't2')).some((v) => v.action === 'break_glass' && v.actorId === 'sup-1')).toBe(true);

    now = new Date(now.getTime() + 31 * 60_000);
    expect((await policy.authorize(supervisor, 'read', tip('t2'), request)).breakGlass).toBe(false);

    const reviews = new BreakGlassReviews(store, accessLog, policy, () => now);
    const dpo = as('dpo-1', 'data_protection_officer', 'VN');
    expect((await reviews.pending(dpo, request, null)).map((p) => p.grantId)).toContain(opened.grantId);
    const selfReview = { userId: 'sup-1', grants: [...supervisor.grants, { role: 'data_protection_officer' as const, scope: 'VN' }] };
    await expect(reviews.review(selfReview, opened.grantId, 'justified', 'ok', request)).rejects.toBeInstanceOf(BreakGlassReviewError);
    await expect(reviews.review(as('officer-9', 'police_officer'), opened.grantId, 'justified', 'ok', request)).rejects.toEqual(
      new AccessDeniedError(403),
    );
    await reviews.review(dpo, opened.grantId, 'justified', 'documented emergency', request);
    expect((await reviews.pending(dpo, request, null)).map((p) => p.grantId)).not.toContain(opened.grantId);
    await expect(reviews.review(dpo, opened.grantId, 'not_justified', 'again', request)).rejects.toMatchObject({
      code: 'access.already_reviewed',
    });
  });

  it('refuses break-glass to an enforcement role on a support record, and records the attempt', async () => {
    const supportCase: ResourceDescriptor = { kind: 'support_case', id: 's2', jurisdiction: '10001', assignees: ['sw-1'], fields: {} };
    await expect(
      policy.breakGlass(as('sup-2', 'police_supervisor', 'VN'), supportCase, {
        ...request,
        purposeCode: 'x',
        legalBasis: 'y',
        reason: 'z',
        minutes: 5,
      }),
    ).rejects.toEqual(new AccessDeniedError(404));
    expect(await store.readStream('break-glass-support_case-s2')).toEqual([]);
    const [attempt] = await accessLog.query({ actorId: 'sup-2', jurisdictions: null, limit: 1 });
    expect(attempt).toMatchObject({ decision: 'deny', status: 404 });
  });

  it('the read model catches up idempotently and is scoped by jurisdiction', async () => {
    await accessLog.catchUp();
    const count = (await pool.query('select count(*)::int as n from access_log')).rows[0].n;
    await pool.query('update access_log_checkpoint set checkpoint = null');
    await accessLog.catchUp();
    expect((await pool.query('select count(*)::int as n from access_log')).rows[0].n).toBe(count);
    expect(await accessLog.query({ jurisdictions: ['79'], limit: 100, decision: 'allow' })).toEqual([]);
  });
});
