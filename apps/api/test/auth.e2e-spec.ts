import { addMember, bootApp, login, newOrg, PASSWORD, type TestApp, uniqueEmail } from './app.js';

let t: TestApp;
beforeAll(async () => {
  t = await bootApp({ LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '600' });
});
afterAll(() => t.close());

const cookieOf = (res: { headers: Record<string, unknown> }) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('gapline_rt='));

describe('register, login, me', () => {
  it('registers a user with a new organisation as its ADMIN', async () => {
    const email = uniqueEmail('reg');
    const res = await t.http
      .post('/api/auth/register')
      .send({ email: email.toUpperCase(), password: PASSWORD, name: 'Ada', organizationName: 'Acme AI' })
      .expect(201);
    expect(res.body.user).toMatchObject({ email, name: 'Ada' });
    expect(res.body.accessToken).toEqual(expect.any(String));
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);

    const me = await t.http.get('/api/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ orgId: res.body.orgId, orgName: 'Acme AI', role: 'ADMIN' }),
    ]);
    expect(me.body.memberships[0].permissions).toContain('members.manage');
  });

  it('refuses a taken e-mail with 409', async () => {
    const { admin } = await newOrg(t);
    const res = await t.http
      .post('/api/auth/register')
      .send({ email: admin.email, password: PASSWORD, name: 'Again', organizationName: 'Other' })
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('logs in with the right password and not with a wrong one', async () => {
    const { admin } = await newOrg(t);
    const ok = await login(t, admin.email);
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(admin.userId);
    const bad = await login(t, admin.email, 'wrong password!!');
    expect(bad.status).toBe(401);
    expect(bad.body.message).toBe('E-mail or password is incorrect');
    const unknown = await login(t, uniqueEmail('nobody'));
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(bad.body.message);
  });

  it('lists every organisation of a user who belongs to several', async () => {
    const a = await newOrg(t, 'First');
    const b = await newOrg(t, 'Second');
    const member = await addMember(t, a, 'FINANCE');
    const inv = await t.http
      .post(`/api/orgs/${b.orgId}/invitations`)
      .auth(b.admin.token, { type: 'bearer' })
      .send({ email: member.email, role: 'VIEWER' })
      .expect(201);
    const token = decodeURIComponent(inv.body.acceptUrl.split('/invite/')[1]);
    await t.http
      .post('/api/invitations/accept')
      .auth(member.token, { type: 'bearer' })
      .send({ token })
      .expect(200);
    const me = await t.http.get('/api/me').auth(member.token, { type: 'bearer' }).expect(200);
    expect(me.body.memberships.map((m: { orgName: string; role: string }) => [m.orgName, m.role])).toEqual([
      ['First', 'FINANCE'],
      ['Second', 'VIEWER'],
    ]);
  });

  it('answers 401 without or with a bad token', async () => {
    await t.http.get('/api/me').expect(401);
    const res = await t.http.get('/api/me').auth('not-a-jwt', { type: 'bearer' }).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});

describe('refresh tokens', () => {
  it('rotates the refresh token and detects reuse of a rotated one', async () => {
    const { admin } = await newOrg(t);
    const first = admin.cookie;
    const r1 = await t.http.post('/api/auth/refresh').set('Cookie', first).expect(200);
    const second = cookieOf(r1)?.split(';')[0] as string;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await t.http.get('/api/me').auth(r1.body.accessToken, { type: 'bearer' }).expect(200);

    // Replaying the first (rotated) token revokes the whole family, including the second.
    const replay = await t.http.post('/api/auth/refresh').set('Cookie', first).expect(401);
    expect(replay.body.message).toMatch(/used twice/);
    await t.http.post('/api/auth/refresh').set('Cookie', second).expect(401);
  });

  it('refuses a missing or forged refresh token', async () => {
    await t.http.post('/api/auth/refresh').expect(401);
    await t.http.post('/api/auth/refresh').set('Cookie', 'gapline_rt=abc.def').expect(401);
  });

  it('logout ends the refresh family', async () => {
    const { admin } = await newOrg(t);
    const out = await t.http.post('/api/auth/logout').set('Cookie', admin.cookie).expect(204);
    expect(cookieOf(out)).toMatch(/gapline_rt=;/);
    await t.http.post('/api/auth/refresh').set('Cookie', admin.cookie).expect(401);
  });
});

describe('login rate limiting', () => {
  it('answers 429 with Retry-After after repeated failures, even for the right password', async () => {
    const { admin } = await newOrg(t);
    for (let i = 0; i < 3; i++) expect((await login(t, admin.email, 'wrong password!!')).status).toBe(401);
    const blocked = await login(t, admin.email);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(500);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(blocked.body.message).toMatch(/Too many failed sign-in attempts/);
  });

  it('a successful login resets the counter', async () => {
    const { admin } = await newOrg(t);
    for (let i = 0; i < 2; i++) await login(t, admin.email, 'wrong password!!');
    expect((await login(t, admin.email)).status).toBe(200);
    for (let i = 0; i < 2; i++) await login(t, admin.email, 'wrong password!!');
    expect((await login(t, admin.email)).status).toBe(200);
  });
});
