import { ACCESS_POLICY_VERSION, REPORTER_FOLLOW_UP, decide, mayBreakGlass, type PolicyContext } from './policy.js';
import { RESOURCE_KINDS, type Action, type ResourceDescriptor, type ResourceKind } from './resources.js';
import { ROLES, type Principal, type Role } from './roles.js';

// A small tree: VN > 01 (Hà Nội) > 10001; VN > 79 (Hồ Chí Minh) > 79001.
const PARENT: Record<string, string> = { '01': 'VN', '10001': '01', '79': 'VN', '79001': '79' };
const contains = (scope: string, code: string): boolean => code === scope || (PARENT[code] !== undefined && contains(scope, PARENT[code]!));
const context = (overrides: Partial<PolicyContext> = {}): PolicyContext => ({
  contains,
  now: new Date('2026-11-22T10:00:00Z'),
  purpose: 'case_handling',
  breakGlass: [],
  ...overrides,
});
const FIELDS = { status: 'public', notes: 'internal', subjectName: 'personal', reporterIdentity: 'sensitive' } as const;
const resource = (kind: ResourceKind, overrides: Partial<ResourceDescriptor> = {}): ResourceDescriptor => ({
  kind,
  id: 'case-1',
  jurisdiction: '10001',
  assignees: ['someone-else'],
  fields: FIELDS,
  ...overrides,
});
const user = (role: Role, scope = '01', userId = 'u1'): Principal => ({ userId, grants: [{ role, scope }] });

const ENFORCEMENT: ResourceKind[] = ['tip', 'establishment', 'inspection', 'hotspot', 'penalty_case'];

// Expected read access of every role to every kind, inside scope, not assigned.
const EXPECTED: Record<Role, Partial<Record<ResourceKind, string[]>>> = {
  police_officer: Object.fromEntries(ENFORCEMENT.map((k) => [k, ['status', 'notes']])),
  police_supervisor: Object.fromEntries(ENFORCEMENT.map((k) => [k, ['status', 'notes', 'subjectName']])),
  inspector: {
    establishment: ['status', 'notes', 'subjectName'],
    inspection: ['status', 'notes', 'subjectName'],
    hotspot: ['status', 'notes', 'subjectName'],
  },
  sanctioning_official: { penalty_case: ['status', 'notes', 'subjectName'] },
  social_worker: { provider: ['status', 'notes', 'subjectName', 'reporterIdentity'] },
  support_supervisor: Object.fromEntries(
    ['support_case', 'consent', 'outreach_referral', 'provider'].map((k) => [k, ['status', 'notes', 'subjectName']]),
  ),
  statistician: { statistics: ['status'], programme_activity: ['status'] },
  programme_officer: { statistics: ['status', 'notes'], programme_activity: ['status', 'notes'] },
  auditor: {
    ...Object.fromEntries(ENFORCEMENT.map((k) => [k, ['status', 'notes']])),
    ...Object.fromEntries(
      ['support_case', 'outreach_referral', 'provider', 'data_subject_request', 'programme_activity'].map((k) => [k, ['status', 'notes']]),
    ),
    access_log: ['status', 'notes'],
    break_glass_review: ['status', 'notes'],
    event_log: ['status', 'notes'],
    statistics: ['status', 'notes'],
  },
  data_protection_officer: {
    access_log: ['status', 'notes'],
    consent: ['status', 'notes'],
    erasure_request: ['status', 'notes'],
    data_subject_request: ['status', 'notes'],
    break_glass_review: ['status', 'notes'],
  },
};

const SUPPORT_KINDS: ResourceKind[] = ['support_case', 'consent', 'outreach_referral', 'provider', 'data_subject_request'];

describe('access policy: every role × every kind × inside/outside scope', () => {
  const rows = ROLES.flatMap((role) => RESOURCE_KINDS.flatMap((kind) => [true, false].map((inside) => [role, kind, inside] as const)));
  it.each(rows)('%s reading a %s (inside scope: %s)', (role, kind, inside) => {
    const decision = decide(user(role, inside ? '01' : '79'), 'read', resource(kind), context());
    const expected = inside ? EXPECTED[role][kind] : undefined;
    expect(decision.policyVersion).toBe(ACCESS_POLICY_VERSION);
    if (expected) {
      expect(decision).toMatchObject({ effect: 'allow', role, breakGlass: false });
      expect(decision.reveal.sort()).toEqual([...expected].sort());
      expect(decision.redact.sort()).toEqual(
        Object.keys(FIELDS)
          .filter((f) => !expected.includes(f))
          .sort(),
      );
    } else {
      expect(decision.effect).toBe('deny');
      expect(decision.effect === 'deny' && decision.status).toBe(SUPPORT_KINDS.includes(kind) ? 404 : 403);
    }
  });
});

describe('access policy: assignment, purpose, actions', () => {
  it('reveals the reporter identity of a tip only to the officer it is assigned to', () => {
    expect(decide(user('police_officer'), 'read', resource('tip', { assignees: ['u1'] }), context()).reveal).toContain('reporterIdentity');
    expect(decide(user('police_officer'), 'read', resource('tip'), context()).redact).toContain('reporterIdentity');
  });

  it('reveals it to a supervisor who states the need, never to an inspector', () => {
    expect(decide(user('police_supervisor'), 'read', resource('tip'), context({ purpose: REPORTER_FOLLOW_UP })).reveal).toContain(
      'reporterIdentity',
    );
    expect(decide(user('inspector'), 'read', resource('tip', { assignees: ['u1'] }), context({ purpose: REPORTER_FOLLOW_UP })).effect).toBe(
      'deny',
    );
  });

  it('lets a social worker see only support cases assigned to them, and answers 404 otherwise', () => {
    expect(decide(user('social_worker'), 'read', resource('support_case', { assignees: ['u1'] }), context())).toMatchObject({
      effect: 'allow',
      reveal: Object.keys(FIELDS),
    });
    expect(decide(user('social_worker'), 'read', resource('support_case'), context())).toMatchObject({
      effect: 'deny',
      status: 404,
      reason: 'not_assigned',
    });
  });

  it('never lets an enforcement role see a support record, whatever it is assigned or states', () => {
    for (const role of ['police_officer', 'police_supervisor', 'inspector', 'sanctioning_official'] as const) {
      for (const action of ['read', 'list', 'export', 'write'] as Action[]) {
        const decision = decide(
          user(role, 'VN'),
          action,
          resource('support_case', { assignees: ['u1'] }),
          context({ purpose: REPORTER_FOLLOW_UP }),
        );
        expect(decision).toMatchObject({ effect: 'deny', status: 404 });
      }
    }
  });

  it('lets enforcement roles hand a person over to support, and never read the referral back', () => {
    for (const role of ['police_officer', 'police_supervisor', 'inspector'] as const) {
      expect(decide(user(role), 'write', resource('outreach_referral'), context()).effect).toBe('allow');
      for (const action of ['read', 'list', 'export', 'assign'] as Action[]) {
        expect(decide(user(role), action, resource('outreach_referral', { assignees: ['u1'] }), context())).toMatchObject({
          effect: 'deny',
          status: 404,
        });
      }
    }
    expect(decide(user('sanctioning_official'), 'write', resource('outreach_referral'), context())).toMatchObject({
      effect: 'deny',
      status: 404,
    });
    expect(decide(user('social_worker'), 'read', resource('outreach_referral', { assignees: ['u1'] }), context()).effect).toBe('allow');
    expect(decide(user('social_worker'), 'read', resource('outreach_referral'), context())).toMatchObject({
      effect: 'deny',
      reason: 'not_assigned',
    });
  });

  it('lets support roles file a data-subject request that only the data-protection officer and auditors read', () => {
    for (const role of ['social_worker', 'support_supervisor', 'data_protection_officer'] as const) {
      expect(decide(user(role), 'write', resource('data_subject_request'), context()).effect).toBe('allow');
    }
    expect(decide(user('social_worker'), 'read', resource('data_subject_request', { assignees: ['u1'] }), context()).effect).toBe('deny');
    expect(decide(user('police_supervisor'), 'write', resource('data_subject_request'), context())).toMatchObject({
      effect: 'deny',
      status: 404,
    });
  });

  it('lets only support supervisors maintain the provider directory', () => {
    expect(decide(user('support_supervisor'), 'write', resource('provider'), context()).effect).toBe('allow');
    expect(decide(user('social_worker'), 'write', resource('provider'), context()).effect).toBe('deny');
    expect(decide(user('police_officer'), 'read', resource('provider'), context())).toMatchObject({ effect: 'deny', status: 404 });
  });

  it('lets a commune social worker read a provider serving the whole province, and not write it', () => {
    const communeWorker = user('social_worker', '10001');
    expect(decide(communeWorker, 'read', resource('provider', { jurisdiction: '01' }), context()).effect).toBe('allow');
    expect(decide(user('support_supervisor', '10001'), 'write', resource('provider', { jurisdiction: '01' }), context()).effect).toBe(
      'deny',
    );
    expect(decide(communeWorker, 'read', resource('provider', { jurisdiction: '79' }), context())).toMatchObject({
      effect: 'deny',
      reason: 'outside_scope',
    });
    expect(decide(communeWorker, 'read', resource('support_case', { jurisdiction: '01', assignees: ['u1'] }), context()).effect).toBe(
      'deny',
    );
  });

  it('combines grants: the role that reveals most wins, and a grant out of scope does not help', () => {
    const principal: Principal = {
      userId: 'u1',
      grants: [
        { role: 'police_officer', scope: '01' },
        { role: 'police_supervisor', scope: '79' },
      ],
    };
    expect(decide(principal, 'read', resource('tip'), context())).toMatchObject({
      role: 'police_officer',
      redact: ['subjectName', 'reporterIdentity'],
    });
    expect(decide(principal, 'read', resource('tip', { jurisdiction: '79001' }), context())).toMatchObject({ role: 'police_supervisor' });
  });

  it('allows assigning only to supervisors, and no writes to statisticians or auditors', () => {
    expect(decide(user('police_supervisor'), 'assign', resource('tip'), context()).effect).toBe('allow');
    expect(decide(user('police_officer'), 'assign', resource('tip'), context()).effect).toBe('deny');
    expect(decide(user('auditor'), 'write', resource('tip'), context()).effect).toBe('deny');
    expect(decide(user('statistician'), 'write', resource('statistics'), context()).effect).toBe('deny');
  });

  it('lets programme officers record plans and programme activities in scope, and nobody else: not the statistician who queries', () => {
    expect(decide(user('programme_officer'), 'write', resource('programme_activity'), context())).toMatchObject({
      effect: 'allow',
      role: 'programme_officer',
    });
    expect(decide(user('programme_officer', '79'), 'write', resource('programme_activity'), context())).toMatchObject({
      effect: 'deny',
      status: 403,
      reason: 'outside_scope',
    });
    for (const role of ROLES.filter((r) => r !== 'programme_officer')) {
      expect(decide(user(role, 'VN'), 'write', resource('programme_activity'), context())).toMatchObject({
        effect: 'deny',
        status: 403,
        reason: 'role_not_permitted',
      });
    }
    // Holding both roles does not let the statistician's grant write: only the programme officer's, in its own scope.
    const both: Principal = {
      userId: 'u1',
      grants: [
        { role: 'statistician', scope: 'VN' },
        { role: 'programme_officer', scope: '79' },
      ],
    };
    expect(decide(both, 'write', resource('programme_activity'), context())).toMatchObject({ effect: 'deny', reason: 'outside_scope' });
    expect(decide(both, 'write', resource('programme_activity', { jurisdiction: '79001' }), context())).toMatchObject({
      effect: 'allow',
      role: 'programme_officer',
    });
  });

  it('lets the statistician read and list plans to pick one, never export or write them', () => {
    for (const action of ['read', 'list'] as Action[])
      expect(decide(user('statistician'), action, resource('programme_activity'), context()).effect).toBe('allow');
    for (const action of ['export', 'write', 'assign'] as Action[])
      expect(decide(user('statistician'), action, resource('programme_activity'), context())).toMatchObject({
        effect: 'deny',
        status: 403,
      });
  });

  it('lets the programme officer read and list the statistics in scope, but not export a report nor write them', () => {
    for (const action of ['read', 'list'] as Action[]) {
      expect(decide(user('programme_officer'), action, resource('statistics', { id: null }), context())).toMatchObject({
        effect: 'allow',
        role: 'programme_officer',
      });
      expect(decide(user('programme_officer', '79'), action, resource('statistics', { id: null }), context())).toMatchObject({
        effect: 'deny',
        reason: 'outside_scope',
      });
    }
    for (const action of ['export', 'write'] as Action[])
      expect(decide(user('programme_officer'), action, resource('statistics', { id: null }), context())).toMatchObject({
        effect: 'deny',
        status: 403,
      });
    expect(decide(user('statistician'), 'export', resource('statistics', { id: null }), context()).effect).toBe('allow');
  });

  it('never lets a programme officer see a case or a support record', () => {
    for (const kind of RESOURCE_KINDS.filter((k) => k !== 'programme_activity' && k !== 'statistics')) {
      for (const action of ['read', 'list', 'export', 'write', 'assign'] as Action[]) {
        expect(
          decide(user('programme_officer', 'VN'), action, resource(kind, { assignees: ['u1'] }), context({ purpose: REPORTER_FOLLOW_UP }))
            .effect,
        ).toBe('deny');
      }
    }
    expect(mayBreakGlass(user('programme_officer', 'VN'), resource('tip'), { contains })).toBe(false);
  });
});

describe('break the glass', () => {
  const grant = (expiresAt: string) => ({ userId: 'u1', kind: 'tip' as const, resourceId: 'case-1', expiresAt });

  it('opens every field of that record to a supervisor while the grant lasts', () => {
    const open = decide(user('police_supervisor'), 'read', resource('tip'), context({ breakGlass: [grant('2026-11-22T11:00:00Z')] }));
    expect(open).toMatchObject({ effect: 'allow', breakGlass: true, redact: [] });
    const expired = decide(user('police_supervisor'), 'read', resource('tip'), context({ breakGlass: [grant('2026-11-22T09:59:59Z')] }));
    expect(expired).toMatchObject({ breakGlass: false, redact: ['reporterIdentity'] });
  });

  it('is limited to the record named in the grant', () => {
    const other = decide(
      user('auditor'),
      'read',
      resource('tip', { id: 'case-2' }),
      context({ breakGlass: [grant('2026-11-22T11:00:00Z')] }),
    );
    expect(other.breakGlass).toBe(false);
  });

  it('can never be used by an enforcement role on a support record, nor by an officer', () => {
    expect(mayBreakGlass(user('police_supervisor'), resource('support_case'), { contains })).toBe(false);
    expect(mayBreakGlass(user('police_officer'), resource('tip'), { contains })).toBe(false);
    expect(mayBreakGlass(user('support_supervisor'), resource('support_case'), { contains })).toBe(true);
    expect(mayBreakGlass(user('auditor', '79'), resource('tip'), { contains })).toBe(false);
  });
});
