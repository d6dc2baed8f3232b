import { randomUUID } from 'node:crypto';
import { can, type Permission, ROLES } from '@gapline/domain';
import type request from 'supertest';
import { bootApp, type Session, type TestApp } from './app.js';
import { ownerQuery } from './db.js';
import {
  bodyKey,
  buildTenant,
  committedDoc,
  fill,
  isOrgRoute,
  type JsonSchema,
  type OpenApiDoc,
  type Route,
  routeName,
  routesOf,
  type Tenant,
  VALID_BODIES,
} from './fixtures.js';

/**
 * Broken object-level authorisation, swept over every organisation route of the committed OpenAPI
 * document: members of one organisation (each role) name another organisation's real objects,
 * in the path, the query and the body. The answer must be the one a made-up id gets (404, or 403
 * where the role may not use the route at all), with nothing of the target in it, and the
 * target's rows must not change.
 */

let t: TestApp;
let doc: OpenApiDoc;
let routes: Route[];
let victim: Tenant;
let attacker: Tenant;
const stats = { requests: 0, routes: 0 };

beforeAll(async () => {
  t = await bootApp();
  doc = committedDoc();
  routes = routesOf(doc).filter(isOrgRoute);
  victim = await buildTenant(t, 'Victim Bank');
  attacker = await buildTenant(t, 'Attacker Corp');
}, 60_000);
afterAll(async () => {
  console.log(`BOLA sweep: ${stats.routes} organisation routes, ${stats.requests} requests`);
  await t.close();
});

const attackers = () => ROLES.map((role) => [role, attacker.sessions[role] as Session] as const);

function send(route: Route, session: Session, values: Record<string, string>, body?: object, query = '') {
  stats.requests++;
  return t.http[route.method](fill(route.path, values) + query)
    .auth(session.token, { type: 'bearer' })
    .send(body ?? VALID_BODIES[bodyKey(route)] ?? {});
}

/** What the caller sees, with the ids it sent replaced, so answers about different ids compare. */
function seen(res: request.Response, sent: string[]) {
  let text = res.text;
  for (const id of sent) text = text.split(id).join('<id>');
  return { status: res.status, body: text };
}

/** The target's ids and words in an answer, other than those the caller sent (an echo tells nothing). */
function leaks(res: request.Response, sent: string[] = []): string[] {
  let text = res.text.toLowerCase();
  for (const s of sent) text = text.split(s.toLowerCase()).join('');
  return victim.secrets.filter((s) => text.includes(s.toLowerCase()));
}

/** A made-up value of the same shape as a path parameter. */
const madeUp = (param: string) =>
  param === 'capabilityKey' ? `made-up-${randomUUID().slice(0, 8)}` : randomUUID();

/** Every tenant table's rows of one organisation, fingerprinted, to prove nothing of it changed. */
async function fingerprint(orgId: string): Promise<Record<string, string>> {
  const tables = await ownerQuery<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'org_id' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const [row] = await ownerQuery<{ n: number; sum: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum
         FROM "${table}" t WHERE org_id = $1`,
      [orgId],
    );
    out[table] = `${row?.n}:${row?.sum}`;
  }
  const [org] = await ownerQuery<{ sum: string }>(
    `SELECT md5(t::text) AS sum FROM organizations t WHERE id = $1`,
    [orgId],
  );
  out.organizations = org?.sum ?? 'missing';
  return out;
}

describe('BOLA sweep', () => {
  let before: Record<string, string>;
  beforeAll(async () => {
    before = await fingerprint(victim.org.orgId);
  });

  it('covers every route the API serves (the committed document is not stale)', async () => {
    const live = routesOf((await t.http.get('/api/docs.json').expect(200)).body as OpenApiDoc);
    expect(routesOf(doc).map(routeName).sort()).toEqual(live.map(routeName).sort());
    expect(routes.length).toBeGreaterThan(40);
    stats.routes = routes.length;
  });

  it("answers 404 to each role of another organisation on every route of the target's organisation", async () => {
    for (const [role, session] of attackers()) {
      for (const route of routes) {
        const real = await send(route, session, victim.params);
        const fake = Object.fromEntries(Object.keys(victim.params).map((k) => [k, madeUp(k)]));
        const control = await send(route, session, fake);
        const at = { role, route: routeName(route) };
        expect({ ...at, status: real.status, leaks: leaks(real, Object.values(victim.params)) }).toEqual({
          ...at,
          status: 404,
          leaks: [],
        });
        expect({ ...at, ...seen(real, Object.values(victim.params)) }).toEqual({
          ...at,
          ...seen(control, Object.values(fake)),
        });
      }
    }
  });

  it('answers each role as for a made-up id when it names the target’s objects in its own organisation', async () => {
    const foreign: Record<string, string> = {
      ...victim.params,
      capabilityKey: victim.secrets.find((s) => s.startsWith('own-check-')) as string,
    };
    let combos = 0;
    for (const [role, session] of attackers()) {
      for (const route of routes) {
        const named = [...route.path.matchAll(/\{(\w+)\}/g)]
          .map((m) => m[1] as string)
          .filter((p) => p !== 'orgId');
        // Every mix of the target's ids and the caller's own real ones, with at least one of the target's.
        for (let mask = 1; mask < 1 << named.length; mask++) {
          const theirs = named.filter((_, i) => mask & (1 << i));
          const values = { ...attacker.params };
          const fake = { ...attacker.params };
          for (const p of theirs) {
            values[p] = foreign[p] as string;
            fake[p] = madeUp(p);
          }
          const real = await send(route, session, values);
          const control = await send(route, session, fake);
          combos++;
          const at = { role, route: routeName(route), theirs: theirs.join(',') };
          const expected = can(role, route.permission as Permission) ? 404 : 403;
          const sent = theirs.map((p) => values[p] as string);
          expect({ ...at, status: real.status, leaks: leaks(real, sent) }).toEqual({
            ...at,
            status: expected,
            leaks: [],
          });
          expect({
            ...at,
            ...seen(
              real,
              theirs.map((p) => values[p] as string),
            ),
          }).toEqual({
            ...at,
            ...seen(
              control,
              theirs.map((p) => fake[p] as string),
            ),
          });
        }
      }
    }
    expect(combos).toBeGreaterThan(100);
  });

  it('finds nothing of the target through ids in query parameters', async () => {
    const idOf: Record<string, string> = {
      ownerId: victim.sessions.PROJECT_OWNER?.userId as string,
      actorId: victim.org.admin.userId,
      entityId: victim.params.projectId as string,
      projectId: victim.params.projectId as string,
    };
    let checked = 0;
    for (const [role, session] of attackers()) {
      for (const route of routes.filter((r) => r.method === 'get')) {
        for (const q of route.op.parameters ?? []) {
          if (q.in !== 'query' || !idOf[q.name]) continue;
          const res = await send(route, session, attacker.params, undefined, `?${q.name}=${idOf[q.name]}`);
          checked++;
          const at = { role, route: routeName(route), query: q.name };
          expect({ ...at, ok: [200, 403].includes(res.status), leaks: leaks(res) }).toEqual({
            ...at,
            ok: true,
            leaks: [],
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(4);
  });

  it('refuses the target’s ids in request bodies', async () => {
    const users = [victim.org.admin.userId, victim.sessions.PROJECT_OWNER?.userId as string];
    let checked = 0;
    for (const [role, session] of attackers()) {
      for (const route of routes) {
        const schema = route.op.requestBody?.content['application/json']?.schema;
        const base = VALID_BODIES[bodyKey(route)];
        if (!schema || !base) continue;
        for (const field of uuidFields(schema)) {
          for (const id of users) {
            const body = structuredClone(base) as Record<string, unknown>;
            if (field.startsWith('items[].')) {
              const items = body.items as Record<string, unknown>[];
              body.items = items.map((i) => ({ ...i, [field.slice(8)]: id }));
            } else body[field] = id;
            const res = await send(route, session, attacker.params, body);
            checked++;
            const at = { role, route: routeName(route), field };
            expect({ ...at, refused: res.status >= 400 && res.status < 500, leaks: leaks(res) }).toEqual({
              ...at,
              refused: true,
              leaks: [],
            });
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(4);
  });

  it("leaves every row of the target's organisation as it was", async () => {
    expect(await fingerprint(victim.org.orgId)).toEqual(before);
    const members = await t.http
      .get(`/api/orgs/${victim.org.orgId}/members`)
      .auth(victim.org.admin.token, { type: 'bearer' })
      .expect(200);
    expect(members.body).toHaveLength(ROLES.length);
  });
});

/** Body fields that carry a uuid (`items[].x` for the elements of an `items` array). */
function uuidFields(schema: JsonSchema, prefix = ''): string[] {
  const s = resolve(schema);
  return Object.entries(s.properties ?? {}).flatMap(([name, raw]) => {
    const p = resolve(raw);
    if (p.format === 'uuid') return [`${prefix}${name}`];
    if (p.type === 'array' && p.items && name === 'items' && !prefix) return uuidFields(p.items, 'items[].');
    return [];
  });
}

function resolve(s: JsonSchema): JsonSchema {
  if (s.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop() as string] as JsonSchema);
  if (s.allOf?.length === 1) return { ...resolve(s.allOf[0] as JsonSchema), ...s, allOf: undefined };
  return s;
}
