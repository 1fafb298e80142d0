import request from 'supertest';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

describe('API: jurisdictions', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await bearer('stat-1', [{ role: 'statistician', scope: 'VN' }]);
  });
  afterAll(() => api.close());

  it('shows a province with the communes under it', async () => {
    const response = await request(api.app.getHttpServer()).get('/jurisdictions/01').set('Authorization', token).expect(200);
    expect(response.body).toMatchObject({ code: '01', name: 'Hà Nội', level: 'province', parentCode: 'VN', ancestors: [{ code: 'VN' }] });
    expect(response.body.children.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['10015', '10045']));
  });

  it('maps a pre-reform commune to the current one, and a split one as partial', async () => {
    const whole = await request(api.app.getHttpServer()).get('/jurisdictions/former/10018').set('Authorization', token).expect(200);
    expect(whole.body).toEqual({ oldCode: '10018', partial: false, units: [{ code: '10045', name: 'Xuân Mai' }] });
    const bac = await request(api.app.getHttpServer()).get('/jurisdictions/former/52').set('Authorization', token).expect(200);
    expect(bac.body.units).toEqual([{ code: '52', name: 'Gia Lai' }]);
  });

  it('answers 404 for unknown codes and 401 without a token', async () => {
    await request(api.app.getHttpServer()).get('/jurisdictions/99999').set('Authorization', token).expect(404);
    await request(api.app.getHttpServer()).get('/jurisdictions/01').expect(401);
  });
});
