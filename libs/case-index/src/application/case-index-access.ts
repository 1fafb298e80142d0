import { AccessDeniedError, type PolicyPoint, type RequestContext } from '../../../access/src/application/policy-point.js';
import { decide, ROLE_RULES } from '../../../access/src/domain/policy.js';
import type { FieldLabel, ResourceDescriptor } from '../../../access/src/domain/resources.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import type { UnitDirectory } from '../../../deadlines/src/application/deadline-access.js';
import type { CaseIndexScope } from '../case-index-views.js';
import { CASE_INDEX_KINDS, type CaseIndexKind } from '../domain/case-entry.js';

export interface CaseIndexAccessRequest {
  principal: Principal;
  request: RequestContext;
  /** Only this unit (and below). */
  jurisdiction?: string;
  kind?: CaseIndexKind;
  now: Date;
}

/** What a listed row shows, with each field's label: recorded with the listing as the fields revealed. */
export const CASE_LIST_FIELDS: Readonly<Record<string, FieldLabel>> = {
  caseId: 'public',
  jurisdiction: 'public',
  status: 'public',
  openedOn: 'public',
  lastEventAt: 'public',
  label: 'public',
  assigneeIds: 'internal',
};

const listing = (kind: CaseIndexKind, jurisdiction: string): ResourceDescriptor => ({
  kind,
  id: null,
  jurisdiction,
  assignees: [],
  fields: CASE_LIST_FIELDS,
});

/**
 * The rows a caller may list, decided by the policy as for the deadline view: for each enforcement
 * kind, the units where one of the caller's roles may `list` it (narrowed to the requested unit),
 * only the caller's own cases where the role sees that kind only when assigned. Each (kind, unit)
 * listed is authorised through the policy point, so the listing is in the access log; a caller who
 * may list none gets the policy point's denial (recorded too). Support kinds are never asked for.
 */
export async function caseIndexScopes(
  policy: PolicyPoint,
  units: UnitDirectory,
  access: CaseIndexAccessRequest,
): Promise<CaseIndexScope[]> {
  const { principal, request } = access;
  const context = { contains: (s: string, c: string) => units.contains(s, c), now: access.now, purpose: request.purpose, breakGlass: [] };
  const wanted: Array<{ kind: CaseIndexKind; scope: string; assigneeOnly: string | null }> = [];
  for (const kind of access.kind ? [access.kind] : CASE_INDEX_KINDS) {
    for (const grant of principal.grants) {
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
    await policy.authorize(
      principal,
      'list',
      listing(access.kind ?? CASE_INDEX_KINDS[0], access.jurisdiction ?? principal.grants[0]?.scope ?? 'VN'),
      request,
    );
    // The policy point throws on a denial; reaching here would mean the two disagree.
    throw new AccessDeniedError(403);
  }
  const scopes: CaseIndexScope[] = [];
  for (const w of wanted) {
    const decision = await policy.authorize(principal, 'list', listing(w.kind, w.scope), request);
    scopes.push({
      kind: w.kind,
      jurisdictions: units.within(w.scope),
      assigneeOnly: w.assigneeOnly,
      assigneesVisible: decision.reveal.includes('assigneeIds'),
    });
  }
  return scopes;
}

/** The part of a role's scope inside the requested unit: the unit itself, the whole scope, or nothing. */
function narrow(scope: string, requested: string | undefined, units: UnitDirectory): string | null {
  if (requested === undefined) return scope;
  if (units.contains(scope, requested)) return requested;
  if (units.contains(requested, scope)) return scope;
  return null;
}
