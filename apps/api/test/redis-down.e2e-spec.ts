import { AlertsService } from '../src/alerts/alerts.service.js';
import { asOrgId } from '../src/db/tenant.js';
import { as } from './api.js';
import { bootApp, newOrg, type TestApp } from './app.js';
import { ownerQuery } from './db.js';

// Redis "down": nothing listens on this port.
let t: TestApp;
beforeAll(async () => {
  t = await bootApp({ REDIS_URL: 'redis://127.0.0.1:1' });
});
afterAll(() => t.close());

describe('with Redis unavailable', () => {
  it('reports not ready, and keeps serving reads and writes', async () => {
    const ready = await t.http.get('/api/ready').expect(503);
    expect(ready.body.message).toMatch(/redis down/);
    const org = await newOrg(t, 'No Redis');
    const api = as(t, org.admin);
    const p = (
      await api.post(`/api/orgs/${org.orgId}/projects`, { name: 'Still works', stage: 'POC' }).expect(201)
    ).body;
    await api.patch(`/api/orgs/${org.orgId}/projects/${p.id}`, { description: 'edited' }).expect(200);
    await api
      .patch(`/api/orgs/${org.orgId}/projects/${p.id}/checklist/ci-cd`, { status: 'DONE' })
      .expect(200);
    await api
      .post(`/api/orgs/${org.orgId}/projects/${p.id}/costs`, {
        date: '2026-01-01',
        amount: 100,
        category: 'OTHER',
      })
      .expect(201);
    const inv = await api
      .post(`/api/orgs/${org.orgId}/invitations`, { email: 'later@test.gapline.dev', role: 'VIEWER' })
      .expect(201);
    expect(inv.body.acceptUrl).toMatch(/\/invite\//);
    await api.get(`/api/orgs/${org.orgId}/projects/${p.id}`).expect(200);

    // Re-checks could not be queued meanwhile; the next sweep evaluates everything and catches up.
    await ownerQuery(
      `UPDATE project_transitions SET at = now() - interval '100 days' WHERE project_id = $1`,
      [p.id],
    );
    await t.app.get(AlertsService).evaluate(asOrgId(org.orgId));
    const alerts = await api.get(`/api/orgs/${org.orgId}/alerts?projectId=${p.id}`).expect(200);
    expect(alerts.body.map((a: { rule: string }) => a.rule)).toContain('STAGE_OVERDUE');
  });
});
