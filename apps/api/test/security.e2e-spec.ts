import { createHmac } from 'node:crypto';
import { as } from './api.js';
import { addMember, bootApp, login, newOrg, PASSWORD, type TestApp, uniqueEmail } from './app.js';
import { ownerQuery } from './db.js';

/**
 * Part 5 of "Resilience and abuse": security headers, CORS, access tokens, password rules and
 * rate limits. (Login throttling's window and reset are in auth.e2e-spec.ts.)
 */

const DASHBOARD = 'https://dash.example';
let t: TestApp;
let secret: string;

beforeAll(async () => {
  t = await bootApp({ CORS_ORIGINS: DASHBOARD, LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '600' });
  secret = process.env.JWT_SECRET as string;
});
afterAll(() => t.close());

describe('security headers', () => {
  const answers = () =>
    [
      ['a page', t.http.get('/api/health')],
      ['an unknown route', t.http.get('/api/nope')],
      ['a refusal', t.http.get('/api/me')],
      ['bad input', t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":')],
      [
        'an oversized body',
        t.http.post('/api/auth/login').send({ email: 'a@b.c', password: 'p'.repeat(200_000) }),
      ],
      ['the OpenAPI document', t.http.get('/api/docs.json')],
    ] as const;

  it('are on every answer, errors included', async () => {
    for (const [what, pending] of answers()) {
      const h = (await pending).headers;
      const seen = {
        what,
        csp: h['content-security-policy'],
        hsts: h['strict-transport-security'],
        nosniff: h['x-content-type-options'],
        frames: h['x-frame-options'],
        referrer: h['referrer-policy'],
        opener: h['cross-origin-opener-policy'],
        resource: h['cross-origin-resource-policy'],
        poweredBy: h['x-powered-by'],
        requestId: h['x-request-id'],
      };
      expect(seen).toEqual({
        what,
        csp: expect.stringMatching(/default-src 'self'.*frame-ancestors 'self'.*object-src 'none'/),
        hsts: expect.stringMatching(/max-age=\d{7,}; includeSubDomains/),
        nosniff: 'nosniff',
        frames: 'SAMEORIGIN',
        referrer: 'no-referrer',
        opener: 'same-origin',
        resource: 'same-origin',
        poweredBy: undefined,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    t.http
      .options('/api/orgs/00000000-0000-0000-0000-000000000000/projects')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

  it('lets the listed origin call with credentials, and read refusals too', async () => {
    const simple = await t.http.get('/api/health').set('Origin', DASHBOARD);
    expect(simple.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(simple.headers['access-control-allow-credentials']).toBe('true');
    expect(simple.headers.vary).toMatch(/Origin/);
    const pre = await preflight(DASHBOARD);
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(pre.headers['access-control-allow-methods']).toMatch(/PATCH/);
    expect(pre.headers['access-control-allow-headers']).toMatch(/authorization/i);
    const badJson = await t.http
      .post('/api/auth/login')
      .set('Origin', DASHBOARD)
      .set('Content-Type', 'application/json')
      .send('{"email":');
    expect(badJson.status).toBe(400);
    expect(badJson.headers['access-control-allow-origin']).toBe(DASHBOARD);
  });

  it('refuses unknown origins, look-alikes included, for simple and preflighted requests', async () => {
    const { admin } = await newOrg(t);
    for (const origin of [
      'https://evil.example',
      'https://dash.example.evil.example',
      'https://evil-dash.example',
      'http://dash.example',
      'https://dash.example:8443',
      'null',
    ]) {
      for (const res of [
        await t.http.get('/api/me').auth(admin.token, { type: 'bearer' }).set('Origin', origin),
        await preflight(origin),
      ]) {
        // Without Access-Control-Allow-Origin the browser withholds the answer. (The cors package
        // still sends Access-Control-Allow-Credentials, which on its own grants nothing.)
        expect({ origin, allowOrigin: res.headers['access-control-allow-origin'] }).toEqual({
          origin,
          allowOrigin: undefined,
        });
      }
    }
  });

  it('allows no cross-origin calls at all unless origins are configured', async () => {
    const sameOrigin = await bootApp({ CORS_ORIGINS: '' });
    try {
      const res = await sameOrigin.http.get('/api/health').set('Origin', DASHBOARD);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await sameOrigin.http
        .options('/api/me')
        .set('Origin', DASHBOARD)
        .set('Access-Control-Request-Method', 'GET');
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await sameOrigin.close();
      process.env.CORS_ORIGINS = DASHBOARD;
    }
  });
});

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT with any header, claims and key: what an attacker can make. */
function jwt(claims: object, opts: { key?: string; alg?: string; header?: object } = {}): string {
  const alg = opts.alg ?? 'HS256';
  const head = b64(opts.header ?? { alg, typ: 'JWT' });
  const body = b64(claims);
  if (alg === 'none') return `${head}.${body}.`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] as string;
  const sig = createHmac(hash, opts.key ?? secret)
    .update(`${head}.${body}`)
    .digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe('access tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claimsOf = (userId: string, email: string, extra: object = {}) => ({
    sub: userId,
    email,
    iss: 'gapline',
    aud: 'gapline-api',
    iat: now() - 10,
    exp: now() + 600,
    ...extra,
  });

  it('refuses forged, unsigned, expired and misaddressed tokens', async () => {
    const org = await newOrg(t);
    const other = await newOrg(t);
    const good = claimsOf(org.admin.userId, org.admin.email);
    const me = (token: string) => t.http.get('/api/me').auth(token, { type: 'bearer' });
    const members = (token: string) =>
      t.http.get(`/api/orgs/${org.orgId}/members`).auth(token, { type: 'bearer' });
    // The control: a token made this way is accepted, so each refusal below is for its one flaw.
    expect((await me(jwt(good))).status).toBe(200);

    const [head, , sig] = org.admin.token.split('.');
    const cases: Record<string, string> = {
      'a wrong signature': jwt(good, { key: 'another-secret-0123456789-0123456789-xyz' }),
      'claims changed under the real signature': `${head}.${b64(claimsOf(other.admin.userId, other.admin.email))}.${sig}`,
      'alg none': jwt(good, { alg: 'none' }),
      'alg none, capitalised': jwt(good, { alg: 'none', header: { alg: 'None', typ: 'JWT' } }),
      'alg none with the real signature': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.${sig}`,
      'another HMAC algorithm with the right key': jwt(good, { alg: 'HS512' }),
      'expired a second ago': jwt({ ...good, iat: now() - 901, exp: now() - 1 }),
      'not valid yet': jwt({ ...good, nbf: now() + 3600 }),
      'another issuer': jwt({ ...good, iss: 'someone-else' }),
      'another audience': jwt({ ...good, aud: 'another-api' }),
      'no signature': `${head}.${b64(good)}`,
      'an empty bearer': '',
    };
    for (const [flaw, token] of Object.entries(cases)) {
      for (const res of [await me(token), await members(token)]) {
        expect({ flaw, status: res.status, body: res.body }).toEqual({
          flaw,
          status: 401,
          body: { statusCode: 401, error: 'Unauthorized', message: expect.any(String) },
        });
      }
    }
    // Only the Authorization header carries it: not the query string, not a cookie.
    await t.http.get(`/api/me?access_token=${org.admin.token}`).expect(401);
    await t.http.get('/api/me').set('Cookie', `access_token=${org.admin.token}`).expect(401);
  });

  it("stops a removed member's still-valid token at the organisation, at once", async () => {
    const org = await newOrg(t);
    const member = await addMember(t, org, 'FINANCE');
    await as(t, member).get(`/api/orgs/${org.orgId}/members`).expect(200);
    await as(t, org.admin).delete(`/api/orgs/${org.orgId}/members/${member.userId}`).expect(204);
    const res = await as(t, member).get(`/api/orgs/${org.orgId}/members`).expect(404);
    expect(res.body.message).toBe('Organisation not found');
    await as(t, member).patch(`/api/orgs/${org.orgId}`, { name: 'Taken over' }).expect(404);
    expect((await as(t, member).get('/api/me').expect(200)).body.memberships).toEqual([]);
  });

  it('applies a role change to tokens already issued', async () => {
    const org = await newOrg(t);
    const second = await addMember(t, org, 'ADMIN');
    await as(t, second).get(`/api/orgs/${org.orgId}/invitations`).expect(200);
    await as(t, org.admin)
      .patch(`/api/orgs/${org.orgId}/members/${second.userId}`, { role: 'VIEWER' })
      .expect(200);
    await as(t, second).get(`/api/orgs/${org.orgId}/invitations`).expect(403);
  });

  it('refuses the token of a user who no longer exists', async () => {
    const org = await newOrg(t);
    const gone = await addMember(t, org, 'VIEWER');
    await ownerQuery('DELETE FROM users WHERE id = $1', [gone.userId]);
    await as(t, gone).get('/api/me').expect(401);
    await as(t, gone).get(`/api/orgs/${org.orgId}/members`).expect(404);
  });
});

describe('password rules', () => {
  const register = (password: string, email = uniqueEmail('pw')) =>
    t.http.post('/api/auth/register').send({ email, password, name: 'Pat', organizationName: 'Pw Org' });

  it('takes 10 to 200 characters, and says so without echoing the password', async () => {
    const short = await register('nine-char');
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([
      { field: 'password', problems: ['password must be at least 10 characters long'] },
    ]);
    expect(short.text).not.toContain('nine-char');
    expect((await register('ten-chars!')).status).toBe(201);
    expect((await register('p'.repeat(200))).status).toBe(201);
    expect((await register(1234567890 as unknown as string)).status).toBe(400);
  });

  it('stores only an argon2id hash and compares the password exactly', async () => {
    const email = uniqueEmail('hash');
    const password = ' Spaced Out Password ';
    await register(password, email).expect(201);
    const [row] = await ownerQuery<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE email = $1',
      [email],
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain('Spaced');
    expect((await login(t, email, password.trim())).status).toBe(401);
    expect((await login(t, email, password.toLowerCase())).status).toBe(401);
    expect((await login(t, email, password)).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 in the error shape, and a forged X-Forwarded-For does not reset the count', async () => {
    const { admin } = await newOrg(t);
    for (let i = 0; i < 3; i++) {
      const res = await t.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i + 1}`)
        .send({ email: admin.email, password: 'wrong password!!' });
      expect(res.status).toBe(401);
    }
    const blocked = await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ email: admin.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/Too many failed sign-in attempts/),
    });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles an unknown e-mail like a known one, so the limit tells nothing about accounts', async () => {
    const nobody = uniqueEmail('nobody');
    for (let i = 0; i < 3; i++) expect((await login(t, nobody, 'wrong password!!')).status).toBe(401);
    const blocked = await login(t, nobody, 'wrong password!!');
    expect(blocked.status).toBe(429);
  });
});
