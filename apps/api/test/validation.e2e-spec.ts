import { bootApp, newOrg, type TestApp, type TestOrg } from './app.js';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await bootApp();
  org = await newOrg(t);
});
afterAll(() => t.close());

const fieldsOf = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);

describe('bad input gets a 400 naming the problem, never a 500', () => {
  it('malformed JSON', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c", "password": ')
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is not valid JSON',
    });
  });

  it('unknown fields', async () => {
    const res = await t.http
      .post(`/api/orgs/${org.orgId}/invitations`)
      .auth(org.admin.token, { type: 'bearer' })
      .send({ email: 'x@test.gapline.dev', role: 'VIEWER', orgId: '00000000-0000-0000-0000-000000000000' })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['orgId']);
    expect(res.body.message).toMatch(/property orgId should not exist/);
  });

  it('oversized strings', async () => {
    const res = await t.http
      .post('/api/auth/register')
      .send({
        email: 'big@test.gapline.dev',
        password: 'x'.repeat(201),
        name: 'n'.repeat(101),
        organizationName: 'o',
      })
      .expect(400);
    expect(fieldsOf(res.body).sort()).toEqual(['name', 'password']);
  });

  it('an oversized body', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: 'a@b.c', password: 'p'.repeat(200_000) })
      .expect(413);
    expect(res.body.message).toMatch(/The request body is too large/);
  });

  it('wrong types', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: 42, password: ['a'] })
      .expect(400);
    expect(fieldsOf(res.body).sort()).toEqual(['email', 'password']);
    const role = await t.http
      .patch(`/api/orgs/${org.orgId}/members/${org.admin.userId}`)
      .auth(org.admin.token, { type: 'bearer' })
      .send({ role: 'OWNER' })
      .expect(400);
    expect(role.body.details).toEqual([
      { field: 'role', problems: ['role must be one of ADMIN, PROJECT_OWNER, FINANCE, VIEWER'] },
    ]);
  });

  it('a body that is not an object', async () => {
    const res = await t.http.post('/api/auth/login').send([1, 2]).expect(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('bad path and query parameters', async () => {
    await t.http
      .patch(`/api/orgs/${org.orgId}/members/not-a-uuid`)
      .auth(org.admin.token, { type: 'bearer' })
      .send({ role: 'VIEWER' })
      .expect(404);
    const q = await t.http
      .get(`/api/orgs/${org.orgId}/audit?limit=abc&from=yesterday&cursor=-1`)
      .auth(org.admin.token, { type: 'bearer' })
      .expect(400);
    expect(fieldsOf(q.body).sort()).toEqual(['cursor', 'from', 'limit']);
  });

  it('a missing required field names it', async () => {
    const res = await t.http
      .post('/api/auth/register')
      .send({ email: 'nofield@test.gapline.dev', password: 'long enough password', name: 'N' })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['organizationName']);
  });
});
