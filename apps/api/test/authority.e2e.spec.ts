import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

/**
 * Issue 13: authority comes from the record and the signed identity, never from the request. Each
 * test is an attack by someone holding a valid token of another scope or role.
 */
const TODAY = vnDate(new Date());
const daysAgo = (n: number) => vnDate(new Date(Date.now() - n * 86_400_000));
const SERVICE_USER = { name: 'Đỗ Thị Thu', contact: '0988 123 456', birthYear: 1995, address: 'Xóm 4, xã Chương Mỹ' };

describe('API: authority from the record and the token (attacks of issue 13)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi();
    const grants: Record<string, RoleGrant[]> = {
      worker: [{ role: 'social_worker', scope: '01' }],
      southWorker: [{ role: 'social_worker', scope: '79' }],
      dpo: [{ role: 'data_protection_officer', scope: 'VN' }],
      secondDpo: [{ role: 'data_protection_officer', scope: '01' }],
      southDpo: [{ role: 'data_protection_officer', scope: '79' }],
      inspector: [{ role: 'inspector', scope: '01' }],
      officer: [{ role: 'police_officer', scope: '10015' }],
      communeChair: [{ role: 'sanctioning_official', scope: '10015', position: 'commune_people_committee_chair' }],
      communeScopeProvincialPosition: [{ role: 'sanctioning_official', scope: '10015', position: 'provincial_people_committee_chair' }],
      provincialChair: [{ role: 'sanctioning_official', scope: '01', position: 'provincial_people_committee_chair' }],
      officialWithoutPosition: [{ role: 'sanctioning_official', scope: '01' }],
    };
    for (const [name, g] of Object.entries(grants)) t[name] = await bearer(`${name}-auth`, g);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const post = (path: string, body: object, token: string) =>
    http().post(path).set('Authorization', token).set('Idempotency-Key', randomUUID()).send(body);
  /** Case events of one kind of record: access events and the erasure's own are not counted. */
  const caseEvents = async (streamPrefix: string) =>
    Number(
      (await api.pool.query<{ n: string }>('select count(*) as n from es_events where stream_id like $1', [`${streamPrefix}-%`])).rows[0]!
        .n,
    );
  const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

  /** A support case in Chương Mỹ (Hà Nội), opened by the Hà Nội social worker: its service user's subject id. */
  async function hanoiServiceUser(): Promise<{ caseId: string; subjectId: string }> {
    const opened = await post(
      '/support-cases',
      { jurisdiction: '10015', channel: 'walk_in', contactedOn: daysAgo(2), serviceUser: SERVICE_USER },
      t.worker!,
    ).expect(201);
    const view = await http().get(`/support-cases/${opened.body.id}`).set('Authorization', t.worker!).expect(200);
    return { caseId: opened.body.id as string, subjectId: `su-${view.body.clientCode as string}` };
  }
  const readsName = async (caseId: string) =>
    (await http().get(`/support-cases/${caseId}`).set('Authorization', t.worker!).expect(200)).body.serviceUser;

  describe('erasure and data-subject requests take the subject’s jurisdiction from its record', () => {
    it('a DPO of province 79 cannot erase a Hà Nội service user by saying "79" in the body, nor without it', async () => {
      const { caseId, subjectId } = await hanoiServiceUser();
      const supportEventsBefore = await caseEvents('support_case');
      const claimed = await post(
        `/data-subjects/${subjectId}/erasure`,
        { jurisdiction: '79', reason: 'Yêu cầu của người được hỗ trợ' },
        t.southDpo!,
      ).expect(400);
      expect(JSON.stringify(claimed.body.errors)).toContain('jurisdiction should not exist');
      const asked = await post(`/data-subjects/${subjectId}/erasure`, { reason: 'Yêu cầu của người được hỗ trợ' }, t.southDpo!).expect(404);
      const missing = await post(
        `/data-subjects/su-NO00-SUCH-CODE/erasure`,
        { reason: 'Yêu cầu của người được hỗ trợ' },
        t.southDpo!,
      ).expect(404);
      expect(withoutInstance(asked.body)).toEqual(withoutInstance(missing.body));
      await post(`/data-subjects/${subjectId}/erasure/confirm`, {}, t.southDpo!).expect(404);
      await http().get(`/data-subjects/${subjectId}/erasure`).set('Authorization', t.southDpo!).expect(404);
      // Only the policy point's records of the refusals were appended; the subject's key and data are untouched.
      expect(await api.store.readStream(`erasure-${subjectId}`)).toEqual([]);
      expect(await api.keyStore.existingKey(subjectId)).not.toBe('erased');
      expect(await readsName(caseId)).toMatchObject({ name: SERVICE_USER.name });
      expect(await caseEvents('support_case')).toBe(supportEventsBefore);
    });

    it('a social worker of 79 cannot file a deletion for a Hà Nội subject under "79"; the answer is the one for a subject that does not exist', async () => {
      const { subjectId } = await hanoiServiceUser();
      const claimed = await post(
        '/data-subject-requests',
        { subjectId, jurisdiction: '79', requestKind: 'delete', channel: 'in_person' },
        t.southWorker!,
      ).expect(400);
      expect(JSON.stringify(claimed.body.errors)).toContain('jurisdiction should not exist');
      const filed = await post('/data-subject-requests', { subjectId, requestKind: 'delete', channel: 'in_person' }, t.southWorker!).expect(
        404,
      );
      const missing = await post(
        '/data-subject-requests',
        { subjectId: 'su-NO00-SUCH-CODE', requestKind: 'delete', channel: 'in_person' },
        t.southWorker!,
      ).expect(404);
      expect(withoutInstance(filed.body)).toEqual(withoutInstance(missing.body));
      const listed = await http().get('/data-subject-requests').set('Authorization', t.southDpo!).expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(subjectId);
    });

    it('a request filed by the Hà Nội social worker belongs to the subject’s commune, and a DPO of 79 meets the same 404 as for no request', async () => {
      const { subjectId } = await hanoiServiceUser();
      const filed = await post('/data-subject-requests', { subjectId, requestKind: 'view', channel: 'written' }, t.worker!).expect(201);
      const stream = await api.store.readStream(`data_subject_request-${filed.body.id}`);
      expect(stream[0]!.metadata.jurisdiction).toBe('10015');
      expect(stream[0]!.data).toMatchObject({ jurisdiction: '10015', subjectId });
      const foreign = await post(`/data-subject-requests/${filed.body.id}/acknowledge`, {}, t.southDpo!).expect(404);
      const none = await post(`/data-subject-requests/${randomUUID()}/acknowledge`, {}, t.southDpo!).expect(404);
      expect(withoutInstance(foreign.body)).toEqual(withoutInstance(none.body));
    });

    it('support staff cannot name an enforcement subject in a request: the same 404 as a subject that does not exist', async () => {
      const recorded = await post(
        '/penalty-cases',
        {
          jurisdiction: '10015',
          violationDate: daysAgo(1),
          recordedOn: TODAY,
          act: '32',
          offenderType: 'individual',
          people: [{ fullName: 'Lê Văn Bình' }],
        },
        t.officer!,
      ).expect(201);
      const penaltyCase = await http().get(`/penalty-cases/${recorded.body.id}`).set('Authorization', t.officer!).expect(200);
      const enforcementSubject = penaltyCase.body.people[0].subjectId as string;
      expect(enforcementSubject).toMatch(/^penalised-/);
      const named = await post(
        '/data-subject-requests',
        { subjectId: enforcementSubject, requestKind: 'view', channel: 'phone' },
        t.worker!,
      ).expect(404);
      const missing = await post(
        '/data-subject-requests',
        { subjectId: 'penalised-no-such-person', requestKind: 'view', channel: 'phone' },
        t.worker!,
      ).expect(404);
      expect(withoutInstance(named.body)).toEqual(withoutInstance(missing.body));
    });
  });

  describe('erasure needs a second authorised person', () => {
    it('the officer who asked cannot confirm; another DPO in scope does, and the answer lists the keys destroyed and the log position', async () => {
      const { caseId, subjectId } = await hanoiServiceUser();
      await post(`/data-subjects/${subjectId}/erasure`, { reason: 'Yêu cầu xóa của người được hỗ trợ, phiếu 7/2026' }, t.dpo!).expect(202);
      const self = await post(`/data-subjects/${subjectId}/erasure/confirm`, {}, t.dpo!).expect(403);
      expect(self.body.code).toBe('erasure.self_confirmation');
      expect(await api.keyStore.existingKey(subjectId)).not.toBe('erased');
      expect(await readsName(caseId)).toMatchObject({ name: SERVICE_USER.name });

      const confirmed = await post(`/data-subjects/${subjectId}/erasure/confirm`, {}, t.secondDpo!).expect(200);
      const stream = await api.store.readStream(`erasure-${subjectId}`);
      expect(confirmed.body).toEqual({
        subjectId,
        status: 'erased',
        requestedBy: 'dpo-auth',
        requestedAt: expect.any(String),
        confirmedBy: 'secondDpo-auth',
        erasedAt: expect.any(String),
        destroyedKeyIds: [expect.stringMatching(/^key-[0-9a-f]{32}$/)],
        position: stream[1]!.checkpoint,
      });
      expect(stream.map((e) => e.metadata.jurisdiction)).toEqual(['10015', '10015']);
      expect(await api.keyStore.existingKey(subjectId)).toBe('erased');
      expect(await readsName(caseId)).toMatchObject({ name: { erased: true } });
    });

    it('a deletion request: the DPO who authorised the erasure cannot complete it; a second DPO does, and gets the keys destroyed', async () => {
      const { caseId, subjectId } = await hanoiServiceUser();
      const filed = await post('/data-subject-requests', { subjectId, requestKind: 'delete', channel: 'in_person' }, t.worker!).expect(201);
      const id = filed.body.id as string;
      await post(`/data-subject-requests/${id}/acknowledge`, {}, t.dpo!).expect(200);
      await post(`/data-subject-requests/${id}/authorise-erasure`, {}, t.dpo!).expect(200);
      const self = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa dữ liệu' }, t.dpo!).expect(403);
      expect(self.body.code).toBe('erasure.self_confirmation');
      expect(await api.keyStore.existingKey(subjectId)).not.toBe('erased');

      const completed = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa dữ liệu' }, t.secondDpo!).expect(200);
      const stream = await api.store.readStream(`data_subject_request-${id}`);
      expect(completed.body.erasure).toEqual({
        destroyedKeyIds: [expect.stringMatching(/^key-[0-9a-f]{32}$/)],
        position: stream[stream.length - 1]!.checkpoint,
      });
      expect(stream.map((e) => e.type)).toEqual([
        'data_subject_request.filed',
        'data_subject_request.acknowledged',
        'data_subject_request.erasure_authorised',
        'data_subject_request.erasure_executed',
        'data_subject_request.completed',
      ]);
      expect(await readsName(caseId)).toMatchObject({ name: { erased: true } });
    });
  });

  describe('data-subject ids are minted by the server', () => {
    it('an inspector cannot seal an establishment under a service user’s key: the same 400 before and after that person’s erasure, never 5xx', async () => {
      const { subjectId } = await hanoiServiceUser();
      const body = {
        commune: '10015',
        type: 'karaoke',
        businessName: 'Karaoke Hoa Mai',
        address: 'Số 5 đường Chính',
        ownerName: 'Phạm Văn Chủ',
        ownerContact: '0900 000 111',
        ownerSubjectId: subjectId,
      };
      const before = { establishments: await caseEvents('establishment'), penalties: await caseEvents('penalty_case') };
      const first = await post('/establishments', body, t.inspector!).expect(400);
      expect(JSON.stringify(first.body.errors)).toContain('ownerSubjectId should not exist');
      await post(`/data-subjects/${subjectId}/erasure`, { reason: 'Yêu cầu xóa của người được hỗ trợ' }, t.dpo!).expect(202);
      await post(`/data-subjects/${subjectId}/erasure/confirm`, {}, t.secondDpo!).expect(200);
      const after = await post('/establishments', body, t.inspector!).expect(400);
      expect(withoutInstance(after.body)).toEqual(withoutInstance(first.body));
      const people = await post(
        '/penalty-cases',
        {
          jurisdiction: '10015',
          violationDate: daysAgo(1),
          recordedOn: TODAY,
          act: '32',
          offenderType: 'individual',
          people: [{ subjectId, fullName: 'Lê Văn Bình' }],
        },
        t.officer!,
      ).expect(400);
      expect(JSON.stringify(people.body.errors)).toContain('subjectId should not exist');
      expect({ establishments: await caseEvents('establishment'), penalties: await caseEvents('penalty_case') }).toEqual(before);
    });

    it('the owner of a registered establishment is a new enforcement subject, never one the request chose', async () => {
      const created = await post(
        '/establishments',
        {
          commune: '10015',
          type: 'karaoke',
          businessName: 'Karaoke Sen',
          address: 'Số 9',
          ownerName: 'Vũ Văn Sở',
          ownerContact: '0900 000 222',
        },
        t.inspector!,
      ).expect(201);
      const [registered] = await api.store.readStream(`establishment-${created.body.id}`);
      expect(registered!.data.ownerSubjectId).toMatch(/^subj-[0-9a-f-]{36}$/);
      expect(await api.keyStore.ownerOf(registered!.data.ownerSubjectId as string)).toEqual({
        kind: 'establishment',
        recordId: created.body.id,
      });
    });
  });

  describe('the official’s position comes from the identity', () => {
    const record = async (act: string) =>
      (
        await post(
          '/penalty-cases',
          {
            jurisdiction: '10015',
            violationDate: daysAgo(1),
            recordedOn: TODAY,
            act,
            offenderType: 'individual',
            people: [{ fullName: 'Ngô Văn Môi' }],
          },
          t.officer!,
        ).expect(201)
      ).body.id as string;
    const decision = async (id: string) => {
      const view = await http().get(`/penalty-cases/${id}`).set('Authorization', t.officer!).expect(200);
      return { subjectId: view.body.people[0].subjectId as string, view };
    };
    const decide = async (id: string, token: string, status: number, extra: object = {}) => {
      const { subjectId } = await decision(id);
      return post(
        `/penalty-cases/${id}/decide`,
        { decisionNumber: '9/QĐ-XPHC', sanctions: [{ subjectId, sanction: 'fine', amount: 60_000_000 }], ...extra },
        token,
      ).expect(status);
    };

    it('a commune official cannot declare the provincial chair’s position in the body to decide a 60,000,000 VND fine', async () => {
      const id = await record('34.5');
      const declared = await decide(id, t.communeChair!, 400, { position: 'provincial_people_committee_chair' });
      expect(JSON.stringify(declared.body.errors)).toContain('position should not exist');
      const plain = await decide(id, t.communeChair!, 422);
      expect(plain.body).toMatchObject({
        code: 'penalty.beyond_competence',
        errors: { position: 'commune_people_committee_chair', limit: 37_500_000 },
      });
      expect((await api.store.readStream(`penalty_case-${id}`)).map((e) => e.type)).not.toContain('penalty.decided');
    });

    it('a token whose commune scope holds a provincial position is refused, and so is an official with no position', async () => {
      const id = await record('34.5');
      const wrongLevel = await decide(id, t.communeScopeProvincialPosition!, 422);
      expect(wrongLevel.body.code).toBe('penalty.position_not_held_at_scope');
      const none = await decide(id, t.officialWithoutPosition!, 422);
      expect(none.body.code).toBe('penalty.no_sanctioning_position');
      expect((await api.store.readStream(`penalty_case-${id}`)).map((e) => e.type)).not.toContain('penalty.decided');
    });

    it('the case shows each caller the position their identity holds over it and its limit, before deciding', async () => {
      const id = await record('34.5');
      const as = async (token: string) =>
        (await http().get(`/penalty-cases/${id}`).set('Authorization', token).expect(200)).body.yourCompetence;
      expect(await as(t.communeChair!)).toEqual({
        position: 'commune_people_committee_chair',
        titleVi: 'Chủ tịch Ủy ban nhân dân cấp xã',
        titleEn: 'commune People’s Committee chair',
        limit: 37_500_000,
      });
      expect(await as(t.provincialChair!)).toMatchObject({ position: 'provincial_people_committee_chair', limit: 75_000_000 });
      expect(await as(t.communeScopeProvincialPosition!)).toBeNull();
      expect(await as(t.officer!)).toBeNull();
    });

    it('the provincial chair decides it, and the case shows the position and the limit applied at decision time', async () => {
      const id = await record('34.5');
      await decide(id, t.provincialChair!, 200);
      const { view } = await decision(id);
      expect(view.body.decision).toMatchObject({ position: 'provincial_people_committee_chair', competenceLimit: 75_000_000 });
    });
  });
});
