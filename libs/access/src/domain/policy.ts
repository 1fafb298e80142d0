import { COMPARTMENT_OF, type Action, type FieldLabel, type ResourceDescriptor, type ResourceKind } from './resources.js';
import type { Principal, Role } from './roles.js';

/** Recorded with every access decision, so an auditor can replay it under the rules then in force. */
export const ACCESS_POLICY_VERSION = '2026-11-22.1';

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
  | { effect: 'deny'; status: 403 | 404; reason: DenialReason; role: null; reveal: []; redact: []; breakGlass: false; policyVersion: string };

export type DenialReason = 'role_not_permitted' | 'outside_scope' | 'not_assigned';

interface RoleRule {
  kinds: readonly ResourceKind[];
  actions: readonly Action[];
  assignedOnly?: boolean;
  labels(assigned: boolean, purpose: string): readonly FieldLabel[];
}

const ENFORCEMENT_KINDS: readonly ResourceKind[] = ['tip', 'establishment', 'inspection', 'hotspot', 'penalty_case'];
const READS: readonly Action[] = ['read', 'list', 'export'];
const BASIC: readonly FieldLabel[] = ['public', 'internal'];
const ALL_LABELS: readonly FieldLabel[] = ['public', 'internal', 'personal', 'sensitive'];

/** privacy.md's role table as data. */
export const ROLE_RULES: Record<Role, RoleRule> = {
  police_officer: {
    kinds: ENFORCEMENT_KINDS,
    actions: [...READS, 'write'],
    labels: (assigned) => (assigned ? ALL_LABELS : BASIC),
  },
  police_supervisor: {
    kinds: ENFORCEMENT_KINDS,
    actions: [...READS, 'write', 'assign'],
    labels: (assigned, purpose) => (assigned || purpose === REPORTER_FOLLOW_UP ? ALL_LABELS : [...BASIC, 'personal']),
  },
  inspector: {
    kinds: ['establishment', 'inspection', 'hotspot'],
    actions: [...READS, 'write'],
    labels: () => [...BASIC, 'personal'],
  },
  sanctioning_official: {
    kinds: ['penalty_case'],
    actions: [...READS, 'write'],
    labels: () => [...BASIC, 'personal'],
  },
  social_worker: {
    kinds: ['support_case', 'consent'],
    actions: [...READS, 'write'],
    assignedOnly: true,
    labels: () => ALL_LABELS,
  },
  support_supervisor: {
    kinds: ['support_case', 'consent'],
    actions: [...READS, 'write', 'assign'],
    labels: (assigned) => (assigned ? ALL_LABELS : [...BASIC, 'personal']),
  },
  statistician: {
    kinds: ['statistics'],
    actions: READS,
    labels: () => ['public'],
  },
  auditor: {
    kinds: [...ENFORCEMENT_KINDS, 'support_case', 'access_log', 'break_glass_review'],
    actions: READS,
    labels: () => BASIC,
  },
  data_protection_officer: {
    kinds: ['access_log', 'consent', 'erasure_request', 'break_glass_review'],
    actions: [...READS, 'write'],
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
    if (!rule.kinds.includes(resource.kind) || !rule.actions.includes(action)) continue;
    if (!context.contains(grant.scope, resource.jurisdiction)) {
      reason = 'outside_scope';
      continue;
    }
    if (rule.assignedOnly && !assigned && resource.id !== null) {
      if (reason === 'role_not_permitted') reason = 'not_assigned';
      continue;
    }
    const labels = rule.labels(assigned, context.purpose);
    if (!best || labels.length > best.labels.length) best = { role: grant.role, labels };
  }
  if (!best) {
    return { effect: 'deny', status: compartment === 'support' ? 404 : 403, reason, role: null, reveal: [], redact: [], breakGlass: false, policyVersion: ACCESS_POLICY_VERSION };
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

function hasBreakGlass(principal: Principal, resource: ResourceDescriptor, context: PolicyContext): boolean {
  if (resource.id === null) return false;
  const compartment = COMPARTMENT_OF[resource.kind];
  if (compartment !== 'enforcement' && compartment !== 'support') return false;
  if (!mayBreakGlass(principal, resource, context)) return false;
  return context.breakGlass.some(
    (g) => g.userId === principal.userId && g.kind === resource.kind && g.resourceId === resource.id && Date.parse(g.expiresAt) > context.now.getTime(),
  );
}

/** May this principal ask to break the glass on this record at all? */
export function mayBreakGlass(principal: Principal, resource: ResourceDescriptor, context: Pick<PolicyContext, 'contains'>): boolean {
  const compartment = COMPARTMENT_OF[resource.kind];
  if (compartment !== 'enforcement' && compartment !== 'support') return false;
  const allowed = BREAK_GLASS_ROLES[compartment];
  return principal.grants.some((g) => allowed.includes(g.role) && context.contains(g.scope, resource.jurisdiction));
}
