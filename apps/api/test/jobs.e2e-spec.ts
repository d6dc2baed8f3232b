import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { JobQueue } from '../src/jobs/job-queue.js';
import { QUEUE_NAME } from '../src/jobs/jobs.js';
import { type RunningWorker, startWorker } from '../src/jobs/worker-runner.js';
import { bootApp, newOrg, type TestApp, uniqueEmail } from './app.js';
import { TEST_REDIS_URL } from './env.js';
import { startSmtp, waitFor } from './smtp.js';

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

async function invite(t: TestApp, orgId: string, token: string, email: string) {
  return t.http
    .post(`/api/orgs/${orgId}/invitations`)
    .auth(token, { type: 'bearer' })
    .send({ email, role: 'VIEWER' })
    .expect(201);
}

describe('jobs through Redis and the worker', () => {
  let t: TestApp;
  let smtp: Smtp;
  let worker: RunningWorker;
  const failures: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await bootApp({ SMTP_URL: smtp.url, QUEUE_PREFIX: `gapline-test-${randomUUID().slice(0, 8)}` });
    const config = loadConfig();
    worker = await startWorker(
      { ...config, REDIS_URL: TEST_REDIS_URL },
      t.app.get(JobQueue),
      (name, err) => failures.push(`${name}: ${err.message}`),
      [],
    );
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await smtp.close();
  });

  it('e-mails an invitation over SMTP with its single-use link', async () => {
    const org = await newOrg(t, 'Mailing Org');
    const email = uniqueEmail('mail');
    const inv = await invite(t, org.orgId, org.admin.token, email);
    const mail = await waitFor(() => smtp.inbox.find((m) => m.to.includes(email)));
    expect(mail.raw).toMatch(/invited you to Mailing Org/);
    const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(unfolded).toContain(inv.body.acceptUrl);
    expect(failures).toEqual([]);
  });

  it('re-checks the tenant: a job naming another organisation sends nothing', async () => {
    const a = await newOrg(t);
    const b = await newOrg(t);
    const email = uniqueEmail('crossed');
    const inv = await invite(t, a.orgId, a.admin.token, email);
    await waitFor(() => smtp.inbox.find((m) => m.to.includes(email)));
    const before = smtp.inbox.length;
    await t.app.get(JobQueue).run('invitation.email', {
      orgId: b.orgId,
      invitationId: inv.body.id,
      acceptUrl: 'http://evil.example/',
      invitedBy: 'mallory',
    });
    expect(smtp.inbox.length).toBe(before);
  });

  it('sends nothing for an invitation revoked before the job runs', async () => {
    const org = await newOrg(t);
    const email = uniqueEmail('revoked');
    const inv = await invite(t, org.orgId, org.admin.token, email);
    await waitFor(() => smtp.inbox.find((m) => m.to.includes(email)));
    await t.http
      .delete(`/api/orgs/${org.orgId}/invitations/${inv.body.id}`)
      .auth(org.admin.token, { type: 'bearer' })
      .expect(204);
    await t.app.get(JobQueue).run('invitation.email', {
      orgId: org.orgId,
      invitationId: inv.body.id,
      acceptUrl: inv.body.acceptUrl,
      invitedBy: org.admin.email,
    });
    expect(smtp.inbox.filter((m) => m.to.includes(email))).toHaveLength(1);
  });
});

describe('daily readiness snapshots', () => {
  let t: TestApp;
  let worker: RunningWorker;
  const prefix = `gapline-test-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await bootApp({ QUEUE_PREFIX: prefix });
    worker = await startWorker(
      { ...loadConfig(), REDIS_URL: TEST_REDIS_URL },
      t.app.get(JobQueue),
      () => {},
      [],
    );
  });
  afterAll(async () => {
    await worker.close().catch(() => {});
    await t.close();
  });

  const history = (org: { orgId: string; admin: { token: string } }, id: string) =>
    t.http
      .get(`/api/orgs/${org.orgId}/projects/${id}/readiness-history`)
      .auth(org.admin.token, { type: 'bearer' })
      .expect(200)
      .then((r) => r.body as { done: number }[]);

  it('the sweep fans out one job per organisation, and the job snapshots every open project', async () => {
    const org = await newOrg(t, 'Snapshots');
    const create = (name: string) =>
      t.http
        .post(`/api/orgs/${org.orgId}/projects`)
        .auth(org.admin.token, { type: 'bearer' })
        .send({ name })
        .expect(201)
        .then((r) => r.body.id as string);
    const open = await create('Open');
    const cancelled = await create('Cancelled');
    await t.http
      .post(`/api/orgs/${org.orgId}/projects/${cancelled}/transitions`)
      .auth(org.admin.token, { type: 'bearer' })
      .send({ to: 'CANCELLED' })
      .expect(200);
    expect(await history(org, open)).toHaveLength(1);

    // The sweep only enqueues: one job per organisation, ours among them.
    await worker.close();
    const jobs = t.app.get(JobQueue);
    await jobs.run('readiness.sweep', {});
    const connection = new Redis(TEST_REDIS_URL);
    const queue = new Queue(QUEUE_NAME, { connection, prefix });
    const waiting = await queue.getJobs(['waiting']);
    await queue.close();
    connection.disconnect();
    expect(waiting.filter((j) => j.name === 'readiness.snapshot' && j.data.orgId === org.orgId)).toHaveLength(
      1,
    );

    await jobs.run('readiness.snapshot', { orgId: org.orgId });
    expect(await history(org, open)).toHaveLength(2);
    expect(await history(org, cancelled)).toHaveLength(1);
  });
});

describe('jobs without Redis (embedded mode)', () => {
  it('runs the same handler in-process', async () => {
    const smtp = await startSmtp();
    const t = await bootApp({ SMTP_URL: smtp.url, REDIS_URL: '' });
    try {
      const ready = await t.http.get('/api/ready').expect(200);
      expect(ready.body.redis).toBe('in-process');
      const org = await newOrg(t, 'Embedded Org');
      const email = uniqueEmail('inproc');
      await invite(t, org.orgId, org.admin.token, email);
      const mail = await waitFor(() => smtp.inbox.find((m) => m.to.includes(email)));
      expect(mail.raw).toMatch(/invited you to Embedded Org/);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
