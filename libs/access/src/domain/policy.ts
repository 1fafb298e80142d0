import { COMPARTMENT_OF, type Action, type FieldLabel, type ResourceDescriptor, type ResourceKind } from './resources.js';
import type { Principal, Role } from './roles.js';

/** Recorded with every access decision, so an auditor can replay it under the rules then in force. */
export const ACCESS_POLICY_VERSION = '2026-12-08.1';

/** A purpose a police supervisor states to see a reporter's identity ("on need, logged"). */
export const REPORTER_FOLLOW_UP = 'reporter_follow_up';

export interface BreakGlassGrant {
  userId: string;
  kind: ResourceKind;
  resourceId: string;
  expiresAt: string;
}

export interface PolicyContext {
  /** Is `code` inside the jurisdiction `scope` (the scope itself included)? */
  contains(scope: string, code: string): boolean;
  now: Date;
  purpose: string;
  breakGlass: readonly BreakGlassGrant[];
}

export type Decision =
  | { effect: 'allow'; role: Role; reveal: string[]; redact: string[]; breakGlass: boolean; policyVersion: string }
  | {
      effect: 'deny';
      status: 403 | 404;
      reason: DenialReason;
      role: null;
      reveal: [];
      redact: [];
      breakGlass: false;
      policyVersion: string;
    };

export type DenialReason = 'role_not_permitted' | 'outside_scope' | 'not_assigned';

interface RoleRule {
  /** The actions the role may take on each kind of record; a kind not listed is out of bounds. */
  access: Partial<Record<ResourceKind, readonly Action[]>>;
  /** Kinds the role sees only when the record is assigned to the user. */
  assignedOnly?: readonly ResourceKind[];
  labels(assigned: boolean, purpose: string): readonly FieldLabel[];
}

const ENFORCEMENT_KINDS: readonly ResourceKind[] = ['tip', 'establishment', 'inspection', 'hotspot', 'penalty_case'];
const READS: readonly Action[] = ['read', 'list', 'export'];
const BASIC: readonly FieldLabel[] = ['public', 'internal'];
const ALL_LABELS: readonly FieldLabel[] = ['public', 'internal', 'personal', 'sensitive'];
const grant = (kinds: readonly ResourceKind[], actions: readonly Action[]) => Object.fromEntries(kinds.map((kind) => [kind, actions]));
/** Enforcement may hand a person over to support, and never read back what became of it. */
const OUTREACH_ONLY = { outreach_referral: ['write'] } as const;

/** privacy.md's role table as data. */
export const ROLE_RULES: Record<Role, RoleRule> = {
  police_officer: {
    access: { ...grant(ENFORCEMENT_KINDS, [...READS, 'write']), ...OUTREACH_ONLY },
    labels: (assigned) => (assigned ? ALL_LABELS : BASIC),
  },
  police_supervisor: {
    access: { ...grant(ENFORCEMENT_KINDS, [...READS, 'write', 'assign']), ...OUTREACH_ONLY },
    labels: (assigned, purpose) => (assigned || purpose === REPORTER_FOLLOW_UP ? ALL_LABELS : [...BASIC, 'personal']),
  },
  inspector: {
    access: { ...grant(['establishment', 'inspection', 'hotspot'], [...READS, 'write']), ...OUTREACH_ONLY },
    labels: () => [...BASIC, 'personal'],
  },
  sanctioning_official: {
    access: grant(['penalty_case'], [...READS, 'write']),
    labels: () => [...BASIC, 'personal'],
  },
  social_worker: {
    access: {
      ...grant(['support_case', 'consent'], [...READS, 'write']),
      outreach_referral: READS,
      provider: READS,
      data_subject_request: ['write'],
    },
    assignedOnly: ['support_case', 'consent', 'outreach_referral'],
    labels: () => ALL_LABELS,
  },
  support_supervisor: {
    access: {
      ...grant(['support_case', 'consent', 'outreach_referral'], [...READS, 'write', 'assign']),
      provider: [...READS, 'write'],
      data_subject_request: ['write'],
    },
    labels: (assigned) => (assigned ? ALL_LABELS : [...BASIC, 'personal']),
  },
  statistician: {
    // Queries the figures and reads the plans to pick one; records none: a plan's calendar sets the
    // period boundaries, and whoever queries must not be able to move them (issue 14).
    access: { statistics: READS, programme_activity: ['read', 'list'] },
    labels: () => ['public'],
  },
  programme_officer: {
    // Records plans with their targets and reporting calendars, programme activities, trainings and
    // reference figures (and reads the internal reasons of their revisions and retractions); sees
    // the figures against the plan's targets through the same disclosure control, exports none.
    access: { programme_activity: ['read', 'list', 'write'], statistics: ['read', 'list'] },
    labels: () => BASIC,
  },
  auditor: {
    // event_log 'write': publishing a signed checkpoint of the log heads.
    access: {
      ...grant(
        [
          ...ENFORCEMENT_KINDS,
          'support_case',
          'outreach_referral',
          'provider',
          'data_subject_request',
          'programme_activity',
          'access_log',
          'break_glass_review',
          'statistics',
        ],
        READS,
      ),
      event_log: [...READS, 'write'],
    },
    labels: () => BASIC,
  },
  data_protection_officer: {
    access: grant(['access_log', 'consent', 'erasure_request', 'data_subject_request', 'break_glass_review'], [...READS, 'write']),
    labels: () => BASIC,
  },
};

/** Who may open a redacted record by breaking the glass, per compartment. Never an enforcement role on support. */
export const BREAK_GLASS_ROLES: Record<'enforcement' | 'support', readonly Role[]> = {
  enforcement: ['police_supervisor', 'auditor'],
  support: ['support_supervisor', 'auditor'],
};

/** The one decision function: allow (with the fields to reveal and to redact) or deny (403, or 404 where existence is sensitive). */
export function decide(principal: Principal, action: Action, resource: ResourceDescriptor, context: PolicyContext): Decision {
  const compartment = COMPARTMENT_OF[resource.kind];
  const assigned = resource.assignees.includes(principal.userId);
  let best: { role: Role; labels: readonly FieldLabel[] } | null = null;
  let reason: DenialReason = 'role_not_permitted';
  for (const grant of principal.grants) {
    const rule = ROLE_RULES[grant.role];
    if (!rule.access[resource.kind]?.includes(action)) continue;
    if (!context.contains(grant.scope, resource.jurisdiction) && !servesScope(resource, action, grant.scope, context)) {
      reason = 'outside_scope';
      continue;
    }
    if (rule.assignedOnly?.includes(resource.kind) && !assigned && resource.id !== null) {
      if (reason === 'role_not_permitted') reason = 'not_assigned';
      continue;
    }
    const labels = rule.labels(assigned, context.purpose);
    if (!best || labels.length > best.labels.length) best = { role: grant.role, labels };
  }
  if (!best) {
    return {
      effect: 'deny',
      status: compartment === 'support' ? 404 : 403,
      reason,
      role: null,
      reveal: [],
      redact: [],
      breakGlass: false,
      policyVersion: ACCESS_POLICY_VERSION,
    };
  }
  const glass = action === 'read' && hasBreakGlass(principal, resource, context);
  const visible = glass ? ALL_LABELS : best.labels;
  const fields = Object.entries(resource.fields);
  return {
    effect: 'allow',
    role: best.role,
    reveal: fields.filter(([, label]) => visible.includes(label)).map(([name]) => name),
    redact: fields.filter(([, label]) => !visible.includes(label)).map(([name]) => name),
    breakGlass: glass,
    policyVersion: ACCESS_POLICY_VERSION,
  };
}

/** A provider whose service area covers the user's scope serves the user's people: readable there too. */
function servesScope(resource: ResourceDescriptor, action: Action, scope: string, context: PolicyContext): boolean {
  return resource.kind === 'provider' && READS.includes(action) && context.contains(resource.jurisdiction, scope);
}

function hasBreakGlass(principal: Principal, resource: ResourceDescriptor, context: PolicyContext): boolean {
  if (resource.id === null) return false;
  const compartment = COMPARTMENT_OF[resource.kind];
  if (compartment !== 'enforcement' && compartment !== 'support') return false;
  if (!mayBreakGlass(principal, resource, context)) return false;
  return context.breakGlass.some(
    (g) =>
      g.userId === principal.userId &&
      g.kind === resource.kind &&
      g.resourceId === resource.id &&
      Date.parse(g.expiresAt) > context.now.getTime(),
  );
}

/** May this principal ask to break the glass on this record at all? */
export function mayBreakGlass(principal: Principal, resource: ResourceDescriptor, context: Pick<PolicyContext, 'contains'>): boolean {
  const compartment = COMPARTMENT_OF[resource.kind];
  if (compartment !== 'enforcement' && compartment !== 'support') return false;
  const allowed = BREAK_GLASS_ROLES[compartment];
  return principal.grants.some((g) => allowed.includes(g.role) && context.contains(g.scope, resource.jurisdiction));
}
