import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Role } from '@gapline/domain';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './env.js';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Boots the whole API (real PostgreSQL, real Redis) behind a real HTTP server on a free port. */
export async function bootApp(env: Record<string, string> = {}): Promise<TestApp> {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: process.env.TEST_QUEUE_PREFIX ?? 'gapline-test',
    JWT_SECRET: 'test-secret-0123456789-0123456789-abcdef',
    ...env,
  });
  for (const [key, value] of Object.entries(env)) if (value === '') delete process.env[key];
  const app = await createApp(loadConfig());
  await app.listen(0, '127.0.0.1');
  const http = request(app.getHttpServer());
  return { app, http, close: () => app.close() };
}

export interface Session {
  token: string;
  userId: string;
  email: string;
  cookie: string;
}

export interface TestOrg {
  orgId: string;
  admin: Session;
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomUUID().slice(0, 8)}@test.gapline.dev`;
}

export const PASSWORD = 'correct horse battery staple';

function sessionFrom(res: request.Response, email: string): Session {
  const setCookie = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = (setCookie ?? []).find((c) => c.startsWith('gapline_rt='))?.split(';')[0] ?? '';
  return { token: res.body.accessToken, userId: res.body.user.id, email, cookie };
}

/** A fresh organisation with its admin: every suite makes its own tenants. */
export async function newOrg(t: TestApp, name = 'Test Org'): Promise<TestOrg> {
  const email = uniqueEmail('admin');
  const res = await t.http
    .post('/api/auth/register')
    .send({ email, password: PASSWORD, name: 'Admin', organizationName: name })
    .expect(201);
  return { orgId: res.body.orgId, admin: sessionFrom(res, email) };
}

/** Adds a member through the real invitation flow and returns their session. */
export async function addMember(t: TestApp, org: TestOrg, role: Role): Promise<Session> {
  const email = uniqueEmail(role.toLowerCase());
  const inv = await t.http
    .post(`/api/orgs/${org.orgId}/invitations`)
    .auth(org.admin.token, { type: 'bearer' })
    .send({ email, role })
    .expect(201);
  const token = decodeURIComponent(String(inv.body.acceptUrl).split('/invite/')[1] ?? '');
  const res = await t.http
    .post('/api/auth/register')
    .send({ email, password: PASSWORD, name: role, invitationToken: token })
    .expect(201);
  return sessionFrom(res, email);
}

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<request.Response> {
  return t.http.post('/api/auth/login').send({ email, password });
}
