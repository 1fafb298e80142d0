import { randomUUID } from 'node:crypto';
import { CaseRecords, FieldSchemas } from '../../libs/access/src/application/case-records.js';
import type { ResourceKind } from '../../libs/access/src/domain/resources.js';
import type { TestApi } from './api.js';

/** A labelled event type for test cases: one field of each label. */
export const CASE_OPENED = 'test_case.opened';
export const testSchemas = () =>
  new FieldSchemas().register(CASE_OPENED, {
    title: 'public',
    notes: 'internal',
    assigneeId: 'internal',
    subjectName: 'personal',
    reporterIdentity: 'sensitive',
  });

export interface SeededCase {
  kind: ResourceKind;
  id: string;
  subjectId: string;
  plaintext: { subjectName: string; reporterIdentity: string };
}

/** Records a case the way command handlers will: personal and sensitive fields encrypted before the append. */
export async function seedCase(api: TestApi, kind: ResourceKind, jurisdiction: string, assigneeId: string): Promise<SeededCase> {
  const records = new CaseRecords(api.store, api.keyStore, testSchemas());
  const id = randomUUID();
  const subjectId = `subj-${randomUUID()}`;
  const plaintext = { subjectName: `Nguyễn Văn ${id.slice(0, 8)}`, reporterIdentity: `reporter-${id.slice(9, 18)}` };
  await records.record(
    kind,
    id,
    {
      type: CASE_OPENED,
      data: { title: `${kind} case`, notes: 'routine', assigneeId, ...plaintext },
      subjectId,
      actorId: 'recorder-1',
      role: kind === 'support_case' ? 'social_worker' : 'police_officer',
      jurisdiction,
      purpose: 'case_handling',
      correlationId: randomUUID(),
    },
    'no_stream',
  );
  return { kind, id, subjectId, plaintext };
}
