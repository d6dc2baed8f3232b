import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { AuditService } from '../src/audit/audit.service.js';
import { asOrgId } from '../src/db/tenant.js';
import { bootApp, login, newOrg, PASSWORD, type TestApp, type TestOrg, uniqueEmail } from './app.js';
import { TEST_DATABASE_URL } from './env.js';
import {
  bodyKey,
  buildTenant,
  committedDoc,
  isOrgRoute,
  isWrite,
  type OpenApiDoc,
  type Route,
  routeName,
  routesOf,
  type Tenant,
  VALID_BODIES,
} from './fixtures.js';
import {
  type Answer,
  answerProblems,
  bodySchema,
  type Context,
  client,
  compact,
  exampleOf,
  payloadsOf,
  type Request,
  requestOf,
  WriteLog,
} from './fuzz.js';

/**
 * Part 1 of "Resilience and abuse": every write route of the committed OpenAPI document gets
 * FUZZ_RUNS (default 1,000) generated bad payloads. Every answer must be a 2xx or a 4xx with the
 * API's JSON error shape, never a 5xx; a refused request must write nothing (row triggers log
 * every write with its organisation); an accepted one must not name another organisation's
 * objects; and afterwards every table holds what it held plus the accepted writes.
 *
 * FUZZ_SEED replays a run; FUZZ_SURVEY=1 collects every problem instead of stopping at the first.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
const LANES = Number(process.env.FUZZ_LANES ?? 4);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const SURVEY = process.env.FUZZ_SURVEY === '1';

/** Writes a refusal may make by design: the failed-login counter, and revoking a replayed refresh family. */
const SIDE_EFFECTS: Record<string, { status: number; tables: string[] }> = {
  'POST /api/auth/login': { status: 401, tables: ['auth_throttle'] },
  'POST /api/auth/refresh': { status: 401, tables: ['refresh_sessions'] },
};

interface Tally {
  route: string;
  payloads: number;
  accepted: number;
  rowsWritten: number;
  /** Rows written by refusals that may write (SIDE_EFFECTS). */
  sideEffectRows: number;
  statuses: Record<number, number>;
  seconds: number;
  problems: string[];
}

/** Counts the writes since the previous call: to one organisation's rows, or (alone on the server) to any. */
interface Meter {
  start(): Promise<void>;
  next(): Promise<{ n: number; tables: string[] }>;
}

let t: TestApp;
let doc: OpenApiDoc;
let writes: Route[];
let log: WriteLog;
let http: ReturnType<typeof client>;
let foreign: Tenant;
/** One fresh organisation per organisation route, so a route's accepted writes cannot disturb another's. */
const homes = new Map<string, Tenant>();
/** Where the sign-in and invitation routes start from: made before the write log, like the homes. */
let starts: Record<string, Partial<Context> & { base?: unknown }>;
let signInUser: TestOrg;
let rowsAtStart: Record<string, number>;
let logAtStart: number;
const tallies: Tally[] = [];

beforeAll(async () => {
  t = await bootApp();
  doc = committedDoc();
  writes = routesOf(doc).filter(isWrite);
  foreign = await buildTenant(t, 'Foreign Ltd', ['VIEWER']);
  const queue = writes.filter(isOrgRoute);
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let route = queue.shift(); route; route = queue.shift()) {
        homes.set(routeName(route), await buildTenant(t, `Fuzz ${homes.size}`, ['VIEWER']));
      }
    }),
  );
  signInUser = await newOrg(t, 'Fuzz sign-in');
  const acceptor = await newOrg(t, 'Fuzz acceptor');
  const first = homes.values().next().value as Tenant;
  const invite = await t.http
    .post(`/api/orgs/${first.org.orgId}/invitations`)
    .auth(first.org.admin.token, { type: 'bearer' })
    .send({ email: acceptor.admin.email, role: 'VIEWER' })
    .expect(201);
  const token = decodeURIComponent(String(invite.body.acceptUrl).split('/invite/')[1] ?? '');
  const signedIn = await login(t, signInUser.admin.email);
  const cookie = ((signedIn.headers['set-cookie'] as unknown as string[]) ?? [])
    .find((c) => c.startsWith('gapline_rt='))
    ?.split(';')[0];
  starts = {
    'POST /api/auth/register': {
      base: { email: uniqueEmail('fuzz'), password: PASSWORD, name: 'Fuzz', organizationName: 'Fuzz Org' },
    },
    'POST /api/auth/login': { base: { email: signInUser.admin.email, password: PASSWORD } },
    'POST /api/auth/refresh': { cookie },
    'POST /api/auth/logout': { cookie },
    'POST /api/invitations/preview': { base: { token } },
    'POST /api/invitations/accept': { base: { token }, token: acceptor.admin.token },
  };
  log = await WriteLog.install(TEST_DATABASE_URL);
  rowsAtStart = await log.rowCounts();
  logAtStart = await log.lastId();
  http = client((t.app.getHttpServer().address() as AddressInfo).port, LANES + 1);
}, 180_000);

afterAll(async () => {
  await log?.uninstall();
  http?.close();
  await t.close();
  const total = tallies.reduce((n, x) => n + x.payloads, 0);
  console.log(
    [
      `bad input: ${tallies.length} write routes, ${total} payloads, seed ${SEED}`,
      ...tallies.map(
        (x) =>
          `${x.route.padEnd(80)} ${String(x.payloads).padStart(5)} tried ${String(x.accepted).padStart(4)} accepted ${String(x.rowsWritten).padStart(5)} rows ${x.seconds.toFixed(1)} s ${JSON.stringify(x.statuses)}`,
      ),
    ].join('\n'),
  );
  if (process.env.FUZZ_REPORT)
    writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ seed: SEED, tallies }, null, 2));
});

function foreignContext(): Pick<Context, 'foreign' | 'foreignIds'> {
  const ownKey = foreign.secrets.find((s) => s.startsWith('own-check-')) as string;
  const uuid = /^[0-9a-f-]{36}$/;
  return {
    foreign: { ...foreign.params, capabilityKey: ownKey },
    foreignIds: foreign.secrets.filter((s) => uuid.test(s)),
  };
}

function describeRequest(req: Request, a: Answer): string {
  const body = req.body === undefined ? '' : req.body.length > 300 ? compact(req.body) : req.body;
  return `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 200)} ${body} → ${a.status} ${a.text.slice(0, 300)}`;
}

async function fuzz(route: Route, ctx: Context, base: unknown, meter: Meter): Promise<Tally> {
  const tally: Tally = {
    route: routeName(route),
    payloads: 0,
    accepted: 0,
    rowsWritten: 0,
    sideEffectRows: 0,
    statuses: {},
    seconds: 0,
    problems: [],
  };
  const started = performance.now();
  await meter.start();
  const property = fc.asyncProperty(payloadsOf(ctx, route, base), async (mutations) => {
    const req = requestOf(ctx, route, base, mutations);
    const answer = await http.send(req);
    const written = await meter.next();
    tally.payloads++;
    tally.statuses[answer.status] = (tally.statuses[answer.status] ?? 0) + 1;
    const problems = answerProblems(answer);
    if (answer.status >= 200 && answer.status < 300) {
      tally.accepted++;
      tally.rowsWritten += written.n;
      if (req.foreign) problems.push("accepted another organisation's id");
    } else if (written.n > 0) {
      const allowed = SIDE_EFFECTS[routeName(route)];
      const expected =
        allowed?.status === answer.status && written.tables.every((x) => allowed.tables.includes(x));
      if (expected) tally.sideEffectRows += written.n;
      else {
        const tables = [...new Set(written.tables)].join(', ');
        problems.push(`wrote ${written.n} row(s) (${tables}) yet answered ${answer.status}`);
      }
    }
    if (!problems.length) return;
    const line = `${tally.route}: ${problems.join('; ')}\n    ${describeRequest(req, answer)}`;
    if (SURVEY) tally.problems.push(line);
    else throw new Error(line);
  });
  const out = await fc.check(property, { numRuns: RUNS, seed: SEED });
  tally.seconds = (performance.now() - started) / 1000;
  tallies.push(tally);
  if (out.failed) {
    const error = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    throw new Error(`${error}\n  after ${out.numRuns} payloads; replay with FUZZ_SEED=${out.seed}`);
  }
  return tally;
}

/** A valid request body to start from: the hand-written one, or one made from the schema. */
function baseOf(route: Route, home: Record<string, string>): unknown {
  const valid = VALID_BODIES[bodyKey(route)];
  if (valid) return valid;
  const schema = bodySchema(doc, route);
  return schema ? exampleOf(doc, schema, home) : undefined;
}

/** Writes to one organisation's rows since the previous call (each lane has its own organisation). */
function orgMeter(orgId: string, attributed: { n: number }): Meter {
  let last = 0;
  return {
    start: async () => {
      last = await log.count(orgId);
    },
    next: async () => {
      const now = await log.count(orgId);
      const n = now - last;
      last = now;
      attributed.n += n;
      return { n, tables: n > 0 ? await log.latest(orgId, n) : [] };
    },
  };
}

/** Any write since the previous call: for routes fuzzed alone on the server. */
function globalMeter(): Meter {
  let last = 0;
  return {
    start: async () => {
      last = await log.lastId();
    },
    next: async () => {
      const rows = await log.since(last);
      if (rows.length) last = await log.lastId();
      return { n: rows.length, tables: rows.map((r) => r.tbl) };
    },
  };
}

describe('generated bad input on every write route', () => {
  it('covers the write routes of the committed OpenAPI document', () => {
    expect(writes.filter(isOrgRoute).length).toBeGreaterThan(20);
    expect(homes.size).toBe(writes.filter(isOrgRoute).length);
    expect(writes.filter((r) => !isOrgRoute(r)).map(routeName)).toEqual(
      expect.arrayContaining(['POST /api/auth/register', 'POST /api/auth/login']),
    );
  });

  it('answers organisation routes with a 2xx or a JSON 4xx, and writes only what it accepts', async () => {
    const queue = writes.filter(isOrgRoute);
    const before = await log.total();
    const global = await log.count('global');
    const attributed = { n: 0 };
    // allSettled: a failing lane must not leave the others running into the next test.
    const lanes = await Promise.allSettled(
      Array.from({ length: LANES }, async () => {
        for (let route = queue.shift(); route; route = queue.shift()) {
          const home = homes.get(routeName(route)) as Tenant;
          const ctx: Context = {
            doc,
            home: home.params,
            self: home.org.admin.userId,
            token: home.org.admin.token,
            ...foreignContext(),
          };
          try {
            await fuzz(route, ctx, baseOf(route, home.params), orgMeter(home.org.orgId, attributed));
          } catch (err) {
            queue.length = 0; // stop the other lanes after their current route
            throw err;
          }
        }
      }),
    );
    const failed = lanes.find((l) => l.status === 'rejected');
    if (failed) throw failed.reason;
    // Every write of the phase belongs to a request that was answered 2xx, in its own organisation.
    expect({ unattributed: (await log.total()) - before - attributed.n }).toEqual({ unattributed: 0 });
    expect({ foreign: await log.count(foreign.org.orgId), global: await log.count('global') }).toEqual({
      foreign: 0,
      global,
    });
    // Through the service: the fuzz may have legitimately demoted its own admin (after promoting another).
    for (const home of homes.values()) {
      const verify = await t.app.get(AuditService).verify(asOrgId(home.org.orgId));
      expect({ org: home.name, ...verify }).toMatchObject({ org: home.name, valid: true });
    }
    if (SURVEY) expect(tallies.flatMap((x) => x.problems)).toEqual([]);
  }, 1_200_000);

  it('answers the sign-in and invitation routes the same way', async () => {
    const home = homes.values().next().value as Tenant;
    for (const route of writes.filter((r) => !isOrgRoute(r))) {
      const start = starts[routeName(route)] ?? { token: signInUser.admin.token };
      const ctx: Context = { doc, home: home.params, ...foreignContext(), ...start };
      const base = 'base' in start ? start.base : baseOf(route, home.params);
      await fuzz(route, ctx, base, globalMeter());
    }
    if (SURVEY) expect(tallies.flatMap((x) => x.problems)).toEqual([]);
  }, 600_000);

  it('leaves every table holding what it held plus the accepted writes', async () => {
    // Every row written since the log started came from an accepted request (or a refusal that
    // may write, such as the failed-login counter)...
    const written = tallies.reduce((n, x) => n + x.rowsWritten + x.sideEffectRows, 0);
    expect({ logged: (await log.since(logAtStart)).length }).toEqual({ logged: written });
    // ...and the tables hold what they held, changed by exactly those rows.
    const net = await log.netSince(logAtStart);
    const expected = Object.fromEntries(Object.entries(rowsAtStart).map(([k, n]) => [k, n + (net[k] ?? 0)]));
    expect(await log.rowCounts()).toEqual(expected);
    expect(tallies.reduce((n, x) => n + x.payloads, 0)).toBeGreaterThanOrEqual(RUNS * writes.length);
  });
});
