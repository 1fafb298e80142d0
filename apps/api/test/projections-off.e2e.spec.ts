import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually, sessionsOf } from '../../../libs/database/src/testing/sessions.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { createTestDatabase } from '../../../test/support/database.js';

const IDENTIFY = { jurisdiction: '27559', kind: 'street', locationDescription: 'Khu vực gần công viên', identifiedOn: '2026-03-02' };

interface ProjectionsCheck {
  status: string;
  runHere: boolean;
  detail?: string;
  detailVi?: string;
  projections: Array<{ name: string; role: string; position: number }>;
}

describe('API with PROJECTIONS=off (a separate projector builds the read models)', () => {
  let url: string;
  let drop: () => Promise<void>;
  let api: TestApi | null = null;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
  });
  afterAll(async () => {
    await api?.close();
    await drop();
  });

  const projectionsCheck = async (of: TestApi) =>
    (await request(of.app.getHttpServer()).get('/health').expect(200)).body.checks.projections as ProjectionsCheck;
  const builds = async (of: TestApi) => (await of.pool.query<{ n: number }>('select count(*)::int as n from projection_builds')).rows[0]!.n;

  it('starts, says at /health in both languages that it does not run them, builds nothing, and still takes commands', async () => {
    api = await startTestApi(url, undefined, { PROJECTIONS: 'off' });
    const check = await projectionsCheck(api);
    // Up (terminus knows up, degraded and down): not run here is no failure; each projection's role says it.
    expect(check).toMatchObject({ status: 'up', runHere: false });
    expect(check.detail).toMatch(/does not run the projections \(PROJECTIONS=off\)/);
    expect(check.detailVi).toMatch(/Tiến trình này không dựng .*\(PROJECTIONS=off\)/);
    expect(check.projections.map((p) => [p.name, p.role, p.position])).toEqual(expect.arrayContaining([['deadlines', 'not_run_here', 0]]));
    // Inline, the start-up itself would have taken the locks and created the builds.
    expect(await builds(api)).toBe(0);
    expect(await sessionsOf(url, 'projection-runner-lock')).toEqual([]);

    const supervisor = await bearer('supervisor-off', [{ role: 'police_supervisor', scope: '79' }]);
    const created = await request(api.app.getHttpServer())
      .post('/hotspots')
      .set('Authorization', supervisor)
      .set('Idempotency-Key', `key-${randomUUID()}`)
      .send(IDENTIFY)
      .expect(201);
    expect((await api.store.readStream(`hotspot-${created.body.id}`)).map((e) => e.type)).toEqual(['hotspot.identified']);
    expect(await builds(api)).toBe(0);
    await api.close();
    api = null;
  });

  it('by contrast, inline (the default) builds them at start-up and reports them as run here, the earlier command included', async () => {
    api = await startTestApi(url);
    expect(await builds(api)).toBeGreaterThan(0);
    const caughtUp = await eventually(async () => {
      const check = await projectionsCheck(api!);
      return check.runHere && check.status === 'up' && check.projections.find((p) => p.name === 'deadlines')!.position > 0;
    }, 20_000);
    expect(caughtUp).toBe(true);
    expect((await projectionsCheck(api)).projections.find((p) => p.name === 'deadlines')!.role).toBe('active');
  });
});
