import type { CaseRecords } from '../../../access/src/application/case-records.js';
import { AccessDeniedError, type PolicyPoint, type RequestContext } from '../../../access/src/application/policy-point.js';
import type { Action, ResourceKind } from '../../../access/src/domain/resources.js';
import type { Principal } from '../../../access/src/domain/roles.js';

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Asks the policy point about an action on an existing case before anything else looks at it, so a
 * caller who may not know the case cannot tell an existing one from a missing one: both get the
 * policy point's one 404 (AccessDeniedError). CaseCommands does the same for every command; this is
 * for work outside that pipeline (e.g. shredding a subject after a request is completed).
 * Returns what the policy was asked about, for a caller who may go on.
 */
export async function authorizeOnExistingCase(
  records: CaseRecords,
  policy: PolicyPoint,
  kind: ResourceKind,
  id: string,
  action: Action,
  caller: RequestContext & { principal: Principal },
): Promise<NonNullable<Awaited<ReturnType<CaseRecords['describe']>>>> {
  const found = CASE_ID.test(id) ? await records.describe(kind, id) : null;
  // A missing case is asked about at the root: only a caller who could act on such a case anywhere
  // is allowed past the policy, and then meets the same 404.
  const resource = found ? { ...found.resource, fields: {} } : { kind, id: 'unknown', jurisdiction: 'VN', assignees: [], fields: {} };
  await policy.authorize(caller.principal, action, resource, caller);
  if (!found) throw new AccessDeniedError(404);
  return found;
}
