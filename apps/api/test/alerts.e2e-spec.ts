import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertsService } from '../src/alerts/alerts.service.js';
import { NotificationsService } from '../src/alerts/notifications.service.js';
import { signature } from '../src/alerts/webhooks.service.js';
import { loadConfig } from '../src/config.js';
import { asOrgId } from '../src/db/tenant.js';
import { JobQueue } from '../src/jobs/job-queue.js';
import { type RunningWorker, startWorker } from '../src/jobs/worker-runner.js';
import { as } from './api.js';
import { addMember, bootApp, newOrg, type Session, type TestApp, type TestOrg } from './app.js';
import { ownerQuery } from './db.js';
import { TEST_REDIS_URL } from './env.js';
import { startSmtp, waitFor } from './smtp.js';

let t: TestApp;
let worker: RunningWorker;
let org: TestOrg;
let owner: Session;
beforeAll(async () => {
  t = await bootApp({ QUEUE_PREFIX: `gapline-test-${randomUUID().slice(0, 8)}` });
  worker = await startWorker(
    { ...loadConfig(), REDIS_URL: TEST_REDIS_URL },
    t.app.get(JobQueue),
    () => {},
    [],
  );
  org = await newOrg(t, 'Alerting Org');
  owner = await addMember(t, org, 'PROJECT_OWNER');
});
afterAll(async () => {
  await worker.close();
  await t.close();
});

const alertsOf = async (projectId: string) =>
  (await as(t, org.admin).get(`/api/orgs/${org.orgId}/alerts?projectId=${projectId}&limit=200`).expect(200))
    .body as {
    id: string;
    rule: string;
    severity: string;
    state: string;
  }[];
const evaluate = () => t.app.get(AlertsService).evaluate(asOrgId(org.orgId));
const backdate = (projectId: string, days: number) =>
  ownerQuery(
    `UPDATE project_transitions SET at = now() - make_interval(days => $2)
     WHERE project_id = $1 AND at = (SELECT max(at) FROM project_transitions WHERE project_id = $1)`,
    [projectId, days],
  );
async function newProject(body: object = {}): Promise<string> {
  return (
    await as(t, owner)
      .post(`/api/orgs/${org.orgId}/projects`, { name: 'Alerting', stage: 'POC', ...body })
      .expect(201)
  ).body.id;
}

describe('stage overdue, with the clock moved back', () => {
  it('warns at 13 weeks in POC, is critical at 18, and resolves when the project moves', async () => {
    const id = await newProject();
    await evaluate();
    expect(await alertsOf(id)).toEqual([]);

    await backdate(id, 91);
    await evaluate();
    let alerts = await alertsOf(id);
    expect(alerts).toEqual([
      expect.objectContaining({ rule: 'STAGE_OVERDUE', severity: 'WARNING', state: 'OPEN' }),
    ]);
    const first = alerts[0]?.id;

    await backdate(id, 126);
    await evaluate();
    alerts = await alertsOf(id);
    expect(alerts).toEqual([expect.objectContaining({ id: first, severity: 'CRITICAL', state: 'OPEN' })]);

    // The move re-checks the project through the queue, after its transaction commits.
    await as(t, owner)
      .post(`/api/orgs/${org.orgId}/projects/${id}/transitions`, { to: 'PRODUCTIONIZING' })
      .expect(200);
    await waitFor(async () => undefined);
    const deadline = Date.now() + 10_000;
    while ((await alertsOf(id))[0]?.state !== 'RESOLVED' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await alertsOf(id)).toEqual([expect.objectContaining({ id: first, state: 'RESOLVED' })]);
  });

  it('a returning condition opens a new alert', async () => {
    const id = await newProject();
    await backdate(id, 100);
    await evaluate();
    await ownerQuery(`UPDATE project_transitions SET at = now() WHERE project_id = $1`, [id]);
    await evaluate();
    await backdate(id, 100);
    await evaluate();
    const alerts = await alertsOf(id);
    expect(alerts.map((a) => a.state)).toEqual(['OPEN', 'RESOLVED']);
  });
});

describe('one live alert per project and rule', () => {
  it('evaluating twice, and twice at once, leaves one alert', async () => {
    const id = await newProject();
    await backdate(id, 100);
    await evaluate();
    await evaluate();
    await Promise.all([evaluate(), evaluate(), evaluate()]);
    const live = (await alertsOf(id)).filter((a) => a.rule === 'STAGE_OVERDUE');
    expect(live).toHaveLength(1);
  });
});

describe('lifecycle', () => {
  it('acknowledge, snooze until a time (then back to OPEN while it holds), resolve by hand', async () => {
    const id = await newProject();
    await backdate(id, 100);
    await evaluate();
    const [alert] = await alertsOf(id);
    const url = `/api/orgs/${org.orgId}/alerts/${alert?.id}`;
    expect((await as(t, owner).patch(url, { action: 'acknowledge' }).expect(200)).body.state).toBe(
      'ACKNOWLEDGED',
    );
    await evaluate();
    expect((await alertsOf(id))[0]?.state).toBe('ACKNOWLEDGED');

    const until = new Date(Date.now() + 60_000).toISOString();
    expect((await as(t, owner).patch(url, { action: 'snooze', until }).expect(200)).body.state).toBe(
      'SNOOZED',
    );
    await as(t, owner).patch(url, { action: 'snooze' }).expect(400);
    await ownerQuery(`UPDATE alerts SET snoozed_until = now() - interval '1 minute' WHERE id = $1`, [
      alert?.id,
    ]);
    await evaluate();
    expect((await alertsOf(id))[0]?.state).toBe('OPEN');

    await as(t, owner).patch(url, { action: 'resolve' }).expect(200);
    await as(t, owner).patch(url, { action: 'acknowledge' }).expect(422);
    const audit = await as(t, org.admin)
      .get(`/api/orgs/${org.orgId}/audit?entityId=${alert?.id}`)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'alert.resolved',
      'alert.snoozed',
      'alert.acknowledged',
    ]);
  });

  it('viewers read alerts but cannot act; owners act only on their projects', async () => {
    const viewer = await addMember(t, org, 'VIEWER');
    const other = await addMember(t, org, 'PROJECT_OWNER');
    const id = await newProject();
    await backdate(id, 100);
    await evaluate();
    const [alert] = await alertsOf(id);
    await as(t, viewer).get(`/api/orgs/${org.orgId}/alerts`).expect(200);
    await as(t, viewer)
      .patch(`/api/orgs/${org.orgId}/alerts/${alert?.id}`, { action: 'acknowledge' })
      .expect(403);
    await as(t, other)
      .patch(`/api/orgs/${org.orgId}/alerts/${alert?.id}`, { action: 'acknowledge' })
      .expect(403);
    const summary = await as(t, viewer).get(`/api/orgs/${org.orgId}/alerts/summary`).expect(200);
    expect(summary.body.open).toBeGreaterThan(0);
  });

  it('acknowledging NO_ACTIVITY restarts its clock', async () => {
    const id = await newProject();
    await ownerQuery(`UPDATE projects SET updated_at = now() - interval '40 days' WHERE id = $1`, [id]);
    await evaluate();
    const alert = (await alertsOf(id)).find((a) => a.rule === 'NO_ACTIVITY');
    expect(alert).toBeDefined();
    await as(t, owner)
      .patch(`/api/orgs/${org.orgId}/alerts/${alert?.id}`, { action: 'acknowledge' })
      .expect(200);
    await evaluate();
    expect((await alertsOf(id)).find((a) => a.rule === 'NO_ACTIVITY')?.state).toBe('RESOLVED');
  });
});

describe('webhooks', () => {
  let server: Server;
  let port: number;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let failNext = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        if (failNext > 0) {
          failNext -= 1;
          res.writeHead(503).end();
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('delivers a correctly signed body for a new alert', async () => {
    const hookOrg = await newOrg(t, 'Hooked');
    const hook = await as(t, hookOrg.admin)
      .post(`/api/orgs/${hookOrg.orgId}/webhooks`, {
        url: `http://127.0.0.1:${port}/hook`,
        severities: ['WARNING'],
      })
      .expect(201);
    expect(hook.body.secret).toMatch(/^whsec_/);
    const list = await as(t, hookOrg.admin).get(`/api/orgs/${hookOrg.orgId}/webhooks`).expect(200);
    expect(list.body[0]).not.toHaveProperty('secret');
    const p = await as(t, hookOrg.admin)
      .post(`/api/orgs/${hookOrg.orgId}/projects`, { name: 'Hooked', stage: 'POC' })
      .expect(201);
    await backdate(p.body.id, 90);
    await t.app.get(JobQueue).run('alerts.evaluate', { orgId: hookOrg.orgId });
    const got = await waitFor(() => received.find((r) => r.body.includes(p.body.id)));
    const expected = signature(hook.body.secret, String(got.headers['x-gapline-timestamp']), got.body);
    expect(got.headers['x-gapline-signature']).toBe(expected);
    expect(got.headers['x-gapline-event']).toBe('alert.opened');
    expect(JSON.parse(got.body)).toMatchObject({
      event: 'alert.opened',
      orgId: hookOrg.orgId,
      alert: { projectId: p.body.id, rule: 'STAGE_OVERDUE', severity: 'WARNING' },
    });
    const log = await as(t, hookOrg.admin)
      .get(`/api/orgs/${hookOrg.orgId}/webhooks/${hook.body.id}/deliveries`)
      .expect(200);
    expect(log.body[0]).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatus: 204 });
  });

  it('retries a failing receiver with backoff and logs each attempt', async () => {
    const hookOrg = await newOrg(t, 'Flaky');
    const hook = await as(t, hookOrg.admin)
      .post(`/api/orgs/${hookOrg.orgId}/webhooks`, { url: `http://127.0.0.1:${port}/flaky` })
      .expect(201);
    failNext = 1;
    await as(t, hookOrg.admin).post(`/api/orgs/${hookOrg.orgId}/webhooks/${hook.body.id}/test`).expect(202);
    const deadline = Date.now() + 15_000;
    let log: { status: string; attempts: number; lastStatus: number }[] = [];
    while (Date.now() < deadline) {
      log = (await as(t, hookOrg.admin).get(`/api/orgs/${hookOrg.orgId}/webhooks/${hook.body.id}/deliveries`))
        .body;
      if (log[0]?.status === 'DELIVERED') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(log[0]).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatus: 204 });
    expect(
      received.filter((r) => r.headers['x-gapline-event'] === 'webhook.test').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('rejects a bad URL and unknown severities', async () => {
    const res = await as(t, org.admin)
      .post(`/api/orgs/${org.orgId}/webhooks`, { url: 'ftp://x', severities: ['LOUD'] })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['severities', 'url']);
  });
});

describe('e-mail digests and what reaches whom', () => {
  it('sends one digest per recipient, to admins and the project owner, honouring their settings', async () => {
    const smtp = await startSmtp();
    const m = await bootApp({ SMTP_URL: smtp.url, REDIS_URL: '' });
    try {
      const o = await newOrg(m, 'Digest Org');
      const po = await addMember(m, o, 'PROJECT_OWNER');
      const quiet = await addMember(m, o, 'PROJECT_OWNER');
      const fin = await addMember(m, o, 'FINANCE');
      await as(m, quiet).put(`/api/orgs/${o.orgId}/notifications`, { emailAlerts: false }).expect(200);
      const mine = (await as(m, po).get(`/api/orgs/${o.orgId}/notifications`).expect(200)).body;
      expect(mine).toEqual({ emailAlerts: true, minSeverity: 'WARNING' });
      await as(m, po).put(`/api/orgs/${o.orgId}/notifications`, { minSeverity: 'LOUD' }).expect(400);

      const since = new Date(Date.now() - 1000);
      const ids: string[] = [];
      for (const who of [po, quiet]) {
        const p = await as(m, who)
          .post(`/api/orgs/${o.orgId}/projects`, { name: `Digest ${who.email}`, stage: 'POC' })
          .expect(201);
        await backdate(p.body.id, 100);
        ids.push(p.body.id);
      }
      await m.app.get(AlertsService).evaluate(asOrgId(o.orgId));
      const sent = await m.app
        .get(NotificationsService)
        .sendDigest(asOrgId(o.orgId), since, new Date(Date.now() + 1000));
      expect(sent).toBe(2);
      // Digests only (invitees also got their invitation e-mails).
      const to = (email: string) =>
        smtp.inbox.filter((mail) => mail.to.includes(email) && /new alert/.test(mail.raw));
      expect(to(o.admin.email)).toHaveLength(1);
      expect(to(o.admin.email)[0]?.raw).toMatch(/2 new alerts/);
      expect(to(po.email)).toHaveLength(1);
      expect(to(po.email)[0]?.raw).toMatch(/1 new alert/);
      expect(to(quiet.email)).toHaveLength(0);
      expect(to(fin.email)).toHaveLength(0);

      // The unread count restarts when the alerts page is opened.
      expect((await as(m, po).get(`/api/orgs/${o.orgId}/alerts/summary`).expect(200)).body.unread).toBe(2);
      await as(m, po).post(`/api/orgs/${o.orgId}/alerts/seen`).expect(204);
      expect((await as(m, po).get(`/api/orgs/${o.orgId}/alerts/summary`).expect(200)).body.unread).toBe(0);
    } finally {
      await m.close();
      await smtp.close();
    }
  });
});
