import { can, type Permission, ROLES, type Role } from '@gapline/domain';
import { bootApp, newOrg, type Session, type TestApp, type TestOrg } from './app.js';
import {
  bodyKey,
  buildTenant,
  fill,
  isOrgRoute,
  type OpenApiDoc,
  type Route,
  routesOf,
  type Tenant,
  VALID_BODIES,
} from './fixtures.js';

let t: TestApp;
let routes: Route[];
let victim: Tenant;
let orgB: TestOrg;

beforeAll(async () => {
  t = await bootApp();
  routes = routesOf((await t.http.get('/api/docs.json').expect(200)).body as OpenApiDoc);
  victim = await buildTenant(t, 'Victim');
  orgB = await newOrg(t, 'Attacker');
});
afterAll(() => t.close());

const orgRoutes = () => routes.filter(isOrgRoute);

function call(route: Route, session: Session | null, values = victim.params) {
  const req = t.http[route.method](fill(route.path, values)).send(VALID_BODIES[bodyKey(route)] ?? {});
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

// Another organisation's members naming this one's objects: see bola.e2e-spec.ts.
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

  it('answers 404 for a malformed organisation id', async () => {
    await t.http.get('/api/orgs/not-a-uuid/members').auth(orgB.admin.token, { type: 'bearer' }).expect(404);
  });
});

describe('role matrix', () => {
  it('answers 403 exactly where the role lacks the permission', async () => {
    const sessions = victim.sessions as Record<Role, Session>;
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
