import request from 'supertest';
import { ENFORCEMENT_ROLES } from '../../../libs/access/src/domain/roles.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { seedCase, testSchemas, type SeededCase } from '../../../test/support/cases.js';

/** Every table of the database as text, to look for plaintext where only ciphertext may be. */
async function everyRowAsText(api: TestApi): Promise<string> {
  const tables = await api.pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await api.pool.query(`select t::text as row from "${table_name}" t`);
    parts.push(...rows.rows.map((r) => r.row as string));
  }
  return parts.join('\n');
}

describe('API: the support compartment is invisible to enforcement roles', () => {
  let api: TestApi;
  let support: SeededCase;
  beforeAll(async () => {
    api = await startTestApi(undefined, testSchemas());
    support = await seedCase(api, 'support_case', '10015', 'social-worker-1');
    // The social worker and an auditor look at it, so there is access history to leak.
    await request(api.app.getHttpServer())
      .get(`/cases/support_case/${support.id}`)
      .set('Authorization', await bearer('social-worker-1', [{ role: 'social_worker', scope: '01' }]))
      .expect(200);
    await request(api.app.getHttpServer())
      .get(`/cases/support_case/${support.id}`)
      .set('Authorization', await bearer('auditor-1', [{ role: 'auditor', scope: 'VN' }]))
      .expect(200);
  });
  afterAll(() => api.close());

  const routes = (id: string) => [
    ['GET', `/cases/support_case/${id}`],
    ['GET', `/cases/support_case/${id}/viewers`],
    ['POST', `/cases/support_case/${id}/break-glass`],
    ['GET', `/access-log`],
    ['GET', `/access-log?resourceKind=support_case`],
    ['GET', `/access-log?resourceId=${id}`],
    ['GET', `/access-log/break-glass/pending`],
    ['GET', `/me/notifications`],
  ];

  it.each(ENFORCEMENT_ROLES.flatMap((role) => routes('ID').map(([method, path]) => [role, method, path] as const)))(
    '%s: %s %s reveals nothing of the support case',
    async (role, method, template) => {
      const path = template!.replace('ID', support.id);
      const token = await bearer(`${role}-1`, [{ role, scope: 'VN' }]);
      const call =
        method === 'GET'
          ? request(api.app.getHttpServer()).get(path)
          : request(api.app.getHttpServer())
              .post(path)
              .send({ purposeCode: 'emergency', legalBasis: 'law', reason: 'a long enough reason' });
      const response = await call.set('Authorization', token).set('X-Purpose', 'reporter_follow_up');
      const everything = JSON.stringify({ status: response.status, headers: response.headers, body: response.body });
      for (const secret of [support.plaintext.subjectName, support.plaintext.reporterIdentity, support.subjectId, 'social-worker-1']) {
        expect(everything).not.toContain(secret);
      }
      if (path.startsWith('/cases/')) {
        expect(response.status).toBe(404);
        const missing = await request(api.app.getHttpServer()).get('/cases/support_case/no-such-case').set('Authorization', token);
        expect({ ...response.body, instance: '' }).toEqual({ ...missing.body, instance: '' });
      } else if (path.startsWith('/access-log')) {
        expect(response.status).toBe(403);
      } else {
        expect(response.status).toBe(200);
        expect(response.body.entries).toEqual([]);
      }
      if (path.startsWith('/cases/')) expect(await api.store.readStream(`break-glass-support_case-${support.id}`)).toEqual([]);
    },
  );
});

describe('API: erasure by crypto-shredding', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(undefined, testSchemas());
  });
  afterAll(() => api.close());

  it('leaves no plaintext in any table, shows "erased", and the log still verifies', async () => {
    const seeded = await seedCase(api, 'tip', '10015', 'officer-1');
    const other = await seedCase(api, 'tip', '10015', 'officer-1');
    const before = await everyRowAsText(api);
    expect(before).toContain(seeded.subjectId);
    expect(before).toContain('routine');
    expect(before).not.toContain(seeded.plaintext.subjectName);
    expect(before).not.toContain(seeded.plaintext.reporterIdentity);

    const officer = await bearer('officer-1', [{ role: 'police_officer', scope: '01' }]);
    const readable = await request(api.app.getHttpServer()).get(`/cases/tip/${seeded.id}`).set('Authorization', officer).expect(200);
    expect(readable.body.fields).toMatchObject(seeded.plaintext);

    const officerErasure = await request(api.app.getHttpServer())
      .post(`/data-subjects/${seeded.subjectId}/erasure`)
      .set('Authorization', officer)
      .send({ reason: 'request DSR-1' });
    expect(officerErasure.status).toBe(404);

    const dpo = await bearer('dpo-1', [{ role: 'data_protection_officer', scope: 'VN' }]);
    const secondDpo = await bearer('dpo-2', [{ role: 'data_protection_officer', scope: '01' }]);
    const asked = await request(api.app.getHttpServer())
      .post(`/data-subjects/${seeded.subjectId}/erasure`)
      .set('Authorization', dpo)
      .send({ reason: 'request DSR-1' })
      .expect(202);
    expect(asked.body).toMatchObject({
      subjectId: seeded.subjectId,
      status: 'awaiting_confirmation',
      requestedBy: 'dpo-1',
      destroyedKeyIds: [],
    });
    const erased = await request(api.app.getHttpServer())
      .post(`/data-subjects/${seeded.subjectId}/erasure/confirm`)
      .set('Authorization', secondDpo)
      .send({})
      .expect(200);
    expect(erased.body).toMatchObject({
      subjectId: seeded.subjectId,
      status: 'erased',
      requestedBy: 'dpo-1',
      confirmedBy: 'dpo-2',
      destroyedKeyIds: [expect.stringMatching(/^key-[0-9a-f]{32}$/)],
    });
    const recorded = await api.store.readStream(`erasure-${seeded.subjectId}`);
    expect(recorded.map((e) => e.type)).toEqual(['data_subject.erasure_requested', 'data_subject.erased']);
    expect(erased.body.position).toBe(recorded[1]!.checkpoint);

    const after = await request(api.app.getHttpServer()).get(`/cases/tip/${seeded.id}`).set('Authorization', officer).expect(200);
    expect(after.body.fields).toMatchObject({ title: 'tip case', subjectName: { erased: true }, reporterIdentity: { erased: true } });
    expect(after.body.erasedFields.sort()).toEqual(['reporterIdentity', 'subjectName']);
    const untouched = await request(api.app.getHttpServer()).get(`/cases/tip/${other.id}`).set('Authorization', officer).expect(200);
    expect(untouched.body.fields).toMatchObject(other.plaintext);

    const wrappedKeys = await api.pool.query('select count(*)::int as n from crypto_subject_keys where subject_id = $1', [
      seeded.subjectId,
    ]);
    expect(wrappedKeys.rows[0].n).toBe(0);
    expect(await everyRowAsText(api)).not.toContain(seeded.plaintext.subjectName);
    expect(await api.store.verify()).toMatchObject({ ok: true });

    const again = await request(api.app.getHttpServer())
      .post(`/data-subjects/${seeded.subjectId}/erasure`)
      .set('Authorization', dpo)
      .send({ reason: 'again, by mistake' })
      .expect(409);
    expect(again.body.code).toBe('erasure.already_erased');
    const status = await request(api.app.getHttpServer())
      .get(`/data-subjects/${seeded.subjectId}/erasure`)
      .set('Authorization', dpo)
      .expect(200);
    expect(status.body).toMatchObject({ status: 'erased', position: recorded[1]!.checkpoint });
  });

  it('refuses a bad erasure request with 400 naming the fields, and erases nothing', async () => {
    const seeded = await seedCase(api, 'tip', '10015', 'officer-1');
    const dpo = await bearer('dpo-1', [{ role: 'data_protection_officer', scope: 'VN' }]);
    const response = await request(api.app.getHttpServer())
      .post(`/data-subjects/${seeded.subjectId}/erasure`)
      .set('Authorization', dpo)
      .send({ reason: 'x', extra: 1, jurisdiction: '10015' })
      .expect(400);
    const text = JSON.stringify(response.body.errors);
    // Where the subject belongs is read from its record: a jurisdiction in the body is an unknown field.
    expect(text).toMatch(/jurisdiction should not exist/);
    expect(text).toMatch(/reason/);
    expect(text).toMatch(/extra/);
    const officer = await bearer('officer-1', [{ role: 'police_officer', scope: '01' }]);
    const view = await request(api.app.getHttpServer()).get(`/cases/tip/${seeded.id}`).set('Authorization', officer).expect(200);
    expect(view.body.fields.subjectName).toBe(seeded.plaintext.subjectName);
  });
});
