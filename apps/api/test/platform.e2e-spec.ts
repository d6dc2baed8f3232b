import { bootApp, newOrg, type TestApp } from './app.js';

let t: TestApp;
beforeAll(async () => {
  t = await bootApp();
});
afterAll(() => t.close());

// Security headers and CORS: security.e2e-spec.ts.
describe('platform endpoints', () => {
  it('answers liveness and readiness (database and Redis)', async () => {
    expect((await t.http.get('/api/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/api/ready').expect(200)).body).toEqual({
      status: 'ok',
      database: 'ok',
      redis: 'ok',
    });
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await t.http.get('/api/health');
    const res = await t.http.get('/metrics').expect(200);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\}/,
    );
    expect(res.text).toContain('process_cpu_seconds_total');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await t.http.get('/api/docs.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/api/orgs/{orgId}/members'].get['x-permission']).toBe('members.read');
    const ui = await t.http.get('/api/docs').expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('carries the request id from the header into the response and the audit trail', async () => {
    const org = await newOrg(t);
    const res = await t.http
      .patch(`/api/orgs/${org.orgId}`)
      .auth(org.admin.token, { type: 'bearer' })
      .set('X-Request-Id', 'trace-123')
      .send({ name: 'Traced' })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
    const audit = await t.http
      .get(`/api/orgs/${org.orgId}/audit?limit=1`)
      .auth(org.admin.token, { type: 'bearer' });
    expect(audit.body.items[0]).toMatchObject({ action: 'organization.updated', requestId: 'trace-123' });
    const generated = await t.http.get('/api/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await t.http.get('/api/nope').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
