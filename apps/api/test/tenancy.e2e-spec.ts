import { can, type Permission, ROLES, type Role } from '@gapline/domain';
import { AlertsService } from '../src/alerts/alerts.service.js';
import { asOrgId } from '../src/db/tenant.js';
import { addMember, bootApp, newOrg, type Session, type TestApp, type TestOrg } from './app.js';

interface Route {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  path: string;
  permission: string;
}

let t: TestApp;
let routes: Route[];
let orgA: TestOrg;
let orgB: TestOrg;
let params: Record<string, string>;
const sessions = {} as Record<Role, Session>;

beforeAll(async () => {
  t = await bootApp();
  const doc = (await t.http.get('/api/docs.json').expect(200)).body as {
    paths: Record<string, Record<string, { 'x-permission'?: string }>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method as Route['method'],
      path,
      permission: op['x-permission'] ?? 'UNDECLARED',
    })),
  );
  orgA = await newOrg(t, 'Victim');
  orgB = await newOrg(t, 'Attacker');
  sessions.ADMIN = orgA.admin;
  for (const role of ROLES.filter((r) => r !== 'ADMIN')) sessions[role] = await addMember(t, orgA, role);
  const inv = await t.http
    .post(`/api/orgs/${orgA.orgId}/invitations`)
    .auth(orgA.admin.token, { type: 'bearer' })
    .send({ email: 'pending@test.gapline.dev', role: 'VIEWER' })
    .expect(201);
  const project = await t.http
    .post(`/api/orgs/${orgA.orgId}/projects`)
    .auth(orgA.admin.token, { type: 'bearer' })
    .send({ name: 'Victim project', ownerId: sessions.PROJECT_OWNER.userId })
    .expect(201);
  const cost = await t.http
    .post(`/api/orgs/${orgA.orgId}/projects/${project.body.id}/costs`)
    .auth(orgA.admin.token, { type: 'bearer' })
    .send({ date: '2026-01-01', amount: 100, category: 'OTHER' })
    .expect(201);
  await t.http
    .patch(`/api/orgs/${orgA.orgId}/projects/${project.body.id}/budgets`)
    .auth(orgA.admin.token, { type: 'bearer' })
    .send({ pocBudget: 2_000_000, productionBudget: 2_000_000 })
    .expect(200);
  await t.app.get(AlertsService).evaluate(asOrgId(orgA.orgId)); // the plan is underfunded: one alert
  const [alert] = await t.app.get(AlertsService).list(asOrgId(orgA.orgId), { limit: 1 });
  expect(alert?.rule).toBe('UNDERFUNDED_PLAN');
  const webhook = await t.http
    .post(`/api/orgs/${orgA.orgId}/webhooks`)
    .auth(orgA.admin.token, { type: 'bearer' })
    .send({ url: 'http://127.0.0.1:9/hook' })
    .expect(201);
  // Real ids of organisation A's objects, so a 404 proves the wall rather than a missing object.
  params = {
    orgId: orgA.orgId,
    userId: sessions.VIEWER.userId,
    invitationId: inv.body.id,
    projectId: project.body.id,
    capabilityKey: 'cost-monitoring',
    costId: cost.body.id,
    alertId: alert?.id ?? 'missing',
    webhookId: webhook.body.id,
  };
});
afterAll(() => t.close());

const orgRoutes = () => routes.filter((r) => r.path.startsWith('/api/orgs/{orgId}'));

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`No fixture for path parameter {${name}} in ${path}: add one to this test`);
    return value;
  });
}

/** Valid bodies, so a refusal can only come from the access rules, not from validation. */
const BODIES: Record<string, object> = {
  'patch /api/orgs/{orgId}': { name: 'Renamed' },
  'patch /api/orgs/{orgId}/members/{userId}': { role: 'FINANCE' },
  'post /api/orgs/{orgId}/invitations': { email: 'matrix@test.gapline.dev', role: 'VIEWER' },
  'patch /api/orgs/{orgId}/settings': { stallDaysIdea: 60 },
  'post /api/orgs/{orgId}/capabilities': { key: 'matrix-check', name: 'Matrix', group: 'governance' },
  'patch /api/orgs/{orgId}/capabilities/{capabilityKey}': { description: 'Watched' },
  'post /api/orgs/{orgId}/projects': { name: 'Matrix project' },
  'patch /api/orgs/{orgId}/projects/{projectId}': { name: 'Renamed project' },
  'post /api/orgs/{orgId}/projects/{projectId}/transitions': { to: 'POC' },
  'patch /api/orgs/{orgId}/projects/{projectId}/checklist': {
    items: [{ key: 'cost-monitoring', status: 'IN_PROGRESS' }],
  },
  'patch /api/orgs/{orgId}/projects/{projectId}/checklist/{capabilityKey}': { status: 'DONE' },
  'patch /api/orgs/{orgId}/projects/{projectId}/budgets': { pocBudget: 100 },
  'patch /api/orgs/{orgId}/alerts/{alertId}': { action: 'acknowledge' },
  'put /api/orgs/{orgId}/notifications': { emailAlerts: true },
  'post /api/orgs/{orgId}/webhooks': { url: 'http://127.0.0.1:9/matrix' },
  'patch /api/orgs/{orgId}/webhooks/{webhookId}': { active: true },
  'put /api/orgs/{orgId}/projects/{projectId}/estimates': { lines: [] },
  'post /api/orgs/{orgId}/projects/{projectId}/costs': { date: '2026-01-02', amount: 100, category: 'OTHER' },
  'patch /api/orgs/{orgId}/projects/{projectId}/costs/{costId}': { note: 'matrix' },
  'post /api/orgs/{orgId}/projects/{projectId}/checklist/{capabilityKey}/evidence': {
    url: 'https://wiki.example/cost',
    title: 'Cost dashboard',
  },
};

function call(route: Route, session: Session | null, values = params) {
  const req = t.http[route.method](fill(route.path, values)).send(
    BODIES[`${route.method} ${route.path}`] ?? {},
  );
  return session ? req.auth(session.token, { type: 'bearer' }) : req;
}

describe('route permissions', () => {
  it('declares a permission on every route (a diff here changes who can reach an endpoint)', () => {
    const table = Object.fromEntries(
      routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r.permission]),
    );
    expect(table).toMatchSnapshot();
    expect(routes.filter((r) => r.permission === 'UNDECLARED')).toEqual([]);
  });

  it('scopes organisation routes under /api/orgs/{orgId} with an organisation permission', () => {
    expect(orgRoutes().length).toBeGreaterThan(5);
    for (const r of orgRoutes()) expect(['public', 'authenticated']).not.toContain(r.permission);
  });
});

describe('tenancy wall', () => {
  it('answers 401 to every organisation route without a token', async () => {
    for (const route of orgRoutes()) {
      const res = await call(route, null);
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it("answers 404 to another organisation's admin on every organisation route", async () => {
    for (const route of orgRoutes()) {
      const res = await call(route, orgB.admin);
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
      });
      expect(JSON.stringify(res.body)).not.toContain('Victim');
    }
  });

  it("answers 404 when an outsider names organisation A's objects under their own organisation", async () => {
    const own = { ...params, orgId: orgB.orgId };
    for (const route of orgRoutes().filter((r) =>
      /\{(userId|invitationId|projectId|costId|alertId|webhookId)\}/.test(r.path),
    )) {
      const res = await call(route, orgB.admin, own);
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
      });
    }
    const members = await t.http
      .get(`/api/orgs/${orgA.orgId}/members`)
      .auth(orgA.admin.token, { type: 'bearer' });
    expect(members.body).toHaveLength(4);
  });

  it('answers 404 for a malformed organisation id', async () => {
    await t.http.get('/api/orgs/not-a-uuid/members').auth(orgA.admin.token, { type: 'bearer' }).expect(404);
  });
});

describe('role matrix', () => {
  it('answers 403 exactly where the role lacks the permission', async () => {
    // Read-only roles first, so admin mutations run last and cannot disturb the other checks.
    for (const role of [...ROLES].reverse()) {
      for (const route of orgRoutes()) {
        const res = await call(route, sessions[role]);
        const allowed = can(role, route.permission as Permission);
        const seen = { role, route: `${route.method} ${route.path}`, forbidden: res.status === 403 };
        expect(seen).toEqual({ ...seen, forbidden: !allowed });
        expect([401, 500]).not.toContain(res.status);
      }
    }
  });
});
