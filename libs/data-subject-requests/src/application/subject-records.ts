import type { CaseRecords } from '../../../access/src/application/case-records.js';
import { AccessDeniedError, type PolicyPoint, type RequestContext } from '../../../access/src/application/policy-point.js';
import { COMPARTMENT_OF, RESOURCE_KINDS, type Action, type Compartment, type ResourceKind } from '../../../access/src/domain/resources.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import { isSubjectId, type KeyStore } from '../../../crypto/src/index.js';

/** A data subject as its own record says: where it belongs and in which compartment. */
export interface SubjectRecord {
  subjectId: string;
  recordKind: ResourceKind;
  recordId: string;
  jurisdiction: string;
  compartment: Compartment;
}

export type Caller = RequestContext & { principal: Principal };

const isResourceKind = (kind: string): kind is ResourceKind => (RESOURCE_KINDS as readonly string[]).includes(kind);

/**
 * Finds the record a subject belongs to (the record its key was made for) and reads the
 * subject's jurisdiction and compartment from that record's events. A request that names a
 * subject never says where the subject belongs.
 */
export class SubjectRecords {
  constructor(
    private readonly keys: Pick<KeyStore, 'ownerOf'>,
    private readonly records: Pick<CaseRecords, 'describe'>,
    private readonly policy: PolicyPoint,
  ) {}

  async find(subjectId: string): Promise<SubjectRecord | null> {
    if (!isSubjectId(subjectId)) return null;
    const owner = await this.keys.ownerOf(subjectId);
    if (!owner || !isResourceKind(owner.kind)) return null;
    const found = await this.records.describe(owner.kind, owner.recordId);
    if (!found) return null;
    return {
      subjectId,
      recordKind: owner.kind,
      recordId: owner.recordId,
      jurisdiction: found.resource.jurisdiction,
      compartment: COMPARTMENT_OF[owner.kind],
    };
  }

  /**
   * The subject, if the caller may take `action` on `kind` (an erasure, a data-subject request)
   * for it: the policy point is asked with the jurisdiction of the subject's own record. A subject
   * that does not exist, lies outside the caller's scope, or belongs to a compartment the caller
   * may not name (`compartments`) gets the same 404; the policy point records the question.
   */
  async authorize(
    subjectId: string,
    kind: ResourceKind,
    action: Action,
    caller: Caller,
    compartments: readonly Compartment[],
  ): Promise<SubjectRecord> {
    const found = await this.find(subjectId);
    const usable = found && compartments.includes(found.compartment) ? found : null;
    const jurisdiction = usable ? usable.jurisdiction : 'VN';
    try {
      await this.policy.authorize(
        caller.principal,
        action,
        { kind, id: usable ? subjectId : 'unknown', jurisdiction, assignees: [], fields: {} },
        caller,
      );
    } catch (error) {
      if (error instanceof AccessDeniedError) throw new AccessDeniedError(404);
      throw error;
    }
    if (!usable) throw new AccessDeniedError(404);
    return usable;
  }
}
