import { AccessDeniedError, type PolicyPoint, type RequestContext } from '../../../access/src/application/policy-point.js';
import { decide, ROLE_RULES } from '../../../access/src/domain/policy.js';
import type { ResourceDescriptor } from '../../../access/src/domain/resources.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import type { DeadlineScope } from '../deadline-views.js';
import { DEADLINE_KINDS, DPO_ONLY_KINDS, type DeadlineKind } from '../domain/deadline-rows.js';

/** What the deadline query needs of the administrative tree. */
export interface UnitDirectory {
  contains(scope: string, code: string): boolean;
  /** Every unit code inside `scope`, or null for the whole country. */
  within(scope: string): string[] | null;
}

export interface DeadlineAccessRequest {
  principal: Principal;
  request: RequestContext;
  /** Only this unit (and below). */
  jurisdiction?: string;
  kind?: DeadlineKind;
  now: Date;
}

const listing = (kind: DeadlineKind, jurisdiction: string): ResourceDescriptor => ({
  kind,
  id: null,
  jurisdiction,
  assignees: [],
  fields: {},
});

/**
 * The rows a caller may list, decided by the policy: for each case kind with deadlines, the
 * jurisdictions where one of the caller's roles may `list` that kind (narrowed to the requested
 * unit); data-subject requests to the data-protection officer only. Each (kind, unit) listed is authorised through the policy point, so the listing is in the
 * access log; a caller who may list none gets the policy point's denial (recorded too).
 */
export async function deadlineScopes(policy: PolicyPoint, units: UnitDirectory, access: DeadlineAccessRequest): Promise<DeadlineScope[]> {
  const { principal, request } = access;
  const context = { contains: (s: string, c: string) => units.contains(s, c), now: access.now, purpose: request.purpose, breakGlass: [] };
  // The roles that count for a kind: for the DPO's kinds, the DPO role alone (also when the policy is asked).
  const eligible = (kind: DeadlineKind): Principal => ({
    userId: principal.userId,
    grants: principal.grants.filter((g) => !DPO_ONLY_KINDS.includes(kind) || g.role === 'data_protection_officer'),
  });
  const wanted: Array<{ kind: DeadlineKind; scope: string; assigneeOnly: string | null }> = [];
  for (const kind of access.kind ? [access.kind] : DEADLINE_KINDS) {
    for (const grant of eligible(kind).grants) {
      // Asked one role at a time: the scope that role reaches is the one its rows may come from.
      const decision = decide({ userId: principal.userId, grants: [grant] }, 'list', listing(kind, grant.scope), context);
      if (decision.effect !== 'allow') continue;
      const scope = narrow(grant.scope, access.jurisdiction, units);
      if (scope === null) continue;
      const assigneeOnly = ROLE_RULES[grant.role].assignedOnly?.includes(kind) ? principal.userId : null;
      if (!wanted.some((w) => w.kind === kind && w.scope === scope && w.assigneeOnly === assigneeOnly))
        wanted.push({ kind, scope, assigneeOnly });
    }
  }
  if (wanted.length === 0) {
    const kind = access.kind ?? DEADLINE_KINDS[0];
    const scope = access.jurisdiction ?? principal.grants[0]?.scope ?? 'VN';
    await policy.authorize(eligible(kind), 'list', listing(kind, scope), request);
    // The policy point throws on a denial; reaching here would mean the two disagree.
    throw new AccessDeniedError(403);
  }
  for (const w of wanted) await policy.authorize(eligible(w.kind), 'list', listing(w.kind, w.scope), request);
  return wanted.map((w) => ({ kind: w.kind, jurisdictions: units.within(w.scope), assigneeOnly: w.assigneeOnly }));
}

/** The part of a role's scope inside the requested unit: the unit itself, the whole scope, or nothing. */
function narrow(scope: string, requested: string | undefined, units: UnitDirectory): string | null {
  if (requested === undefined) return scope;
  if (units.contains(scope, requested)) return requested;
  if (units.contains(requested, scope)) return scope;
  return null;
}
