import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlertsService } from '../src/alerts/alerts.service.js';
import { asOrgId } from '../src/db/tenant.js';
import { JobQueue } from '../src/jobs/job-queue.js';
import { as } from './api.js';
import { bootApp, newOrg, type TestApp } from './app.js';
import { ownerQuery } from './db.js';
import { TEST_DATABASE_URL } from './env.js';
import { ownPostgres, ownRedis, spawnWorker, waitFor } from './services.js';

// Outages of the real services, each started by this suite on ports of its own: the shared
// PostgreSQL and Redis that other suites use are never touched.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const prefix = `${process.env.TEST_QUEUE_PREFIX ?? 'gapline-test'}-outage`;
const ready = async (t: TestApp) => (await t.http.get('/api/ready')).status;

describe('PostgreSQL restarting under the API', () => {
  it('answers 503 meanwhile, then recovers without a restart', async () => {
    const pg = await ownPostgres();
    let t: TestApp | null = null;
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts/prisma.mjs'), 'migrate', 'deploy'], {
        env: { ...process.env, DATABASE_URL: pg.url },
        stdio: 'ignore',
      });
      t = await bootApp({ DATABASE_URL: pg.url, REDIS_URL: '', QUEUE_PREFIX: prefix });
      const app = t;
      const org = await newOrg(app, 'Through a restart');
      const api = as(app, org.admin);
      const projects = `/api/orgs/${org.orgId}/projects`;
      await api.post(projects, { name: 'Before the outage' }).expect(201);
      expect(await ready(app)).toBe(200);

      pg.stop();
      const down = await app.http.get('/api/ready').expect(503);
      expect(down.body.message).toMatch(/database down/);
      const read = await api.get(projects);
      expect(read.status).toBe(503);
      expect(read.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/try again/i) });
      expect(read.headers['retry-after']).toBe('5');

      await pg.start();
      await waitFor('readiness after the restart', async () =>
        (await ready(app)) === 200 ? true : undefined,
      );
      await api.post(projects, { name: 'After the outage' }).expect(201);
      const names = (await api.get(projects).expect(200)).body.items.map((p: { name: string }) => p.name);
      expect(names.sort()).toEqual(['After the outage', 'Before the outage']);
    } finally {
      await t?.close();
      pg.destroy();
    }
  }, 90_000);
});

describe('Redis going away and coming back', () => {
  it('keeps reads and writes working, and alerts catch up afterwards', async () => {
    const redis = await ownRedis();
    const t = await bootApp({ DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: redis.url, QUEUE_PREFIX: prefix });
    const worker = spawnWorker({
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
    });
    try {
      const org = await newOrg(t, 'Redis outage');
      const api = as(t, org.admin);
      const projects = `/api/orgs/${org.orgId}/projects`;
      expect(await ready(t)).toBe(200);

      await redis.kill();
      await waitFor('readiness to notice', async () => ((await ready(t)) === 503 ? true : undefined));
      const p = (await api.post(projects, { name: 'Written without Redis', stage: 'POC' }).expect(201)).body;
      await api.patch(`${projects}/${p.id}/checklist/ci-cd`, { status: 'DONE' }).expect(200);
      await api
        .post(`${projects}/${p.id}/costs`, { date: '2026-01-01', amount: 100, category: 'OTHER' })
        .expect(201);
      await api.get(`${projects}/${p.id}`).expect(200);
      await ownerQuery(
        `UPDATE project_transitions SET at = now() - interval '100 days' WHERE org_id = $1 AND project_id = $2`,
        [org.orgId, p.id],
      );

      await redis.start();
      await waitFor('readiness after Redis returns', async () =>
        (await ready(t)) === 200 ? true : undefined,
      );
      // The next sweep tick, through the real queue and the real worker process.
      await t.app.get(JobQueue).enqueue('alerts.sweep', { tick: `outage-${Date.now()}` });
      const rules = await waitFor('the missed alert', async () => {
        const alerts = (await api.get(`/api/orgs/${org.orgId}/alerts?projectId=${p.id}`).expect(200)).body;
        const found = alerts.map((a: { rule: string }) => a.rule);
        return found.includes('STAGE_OVERDUE') ? found : undefined;
      });
      expect(rules).toContain('STAGE_OVERDUE');
    } finally {
      worker.kill('SIGKILL');
      await t.close();
      await redis.kill();
    }
  }, 90_000);
});

describe('a worker killed in the middle of a sweep', () => {
  const ORGS = 10;
  const PROJECTS = 500;

  it('is finished by the next worker, with no duplicate and no lost alert', async () => {
    const redis = await ownRedis();
    const t = await bootApp({ DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: redis.url, QUEUE_PREFIX: prefix });
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      WORKER_LOCK_SECONDS: '5',
    };
    let worker = spawnWorker(env);
    try {
      const orgIds: string[] = [];
      for (let i = 0; i < ORGS; i++) {
        const org = await newOrg(t, `Sweep ${i}`);
        orgIds.push(org.orgId);
        // Every project has sat in POC for 100 days: each must end with exactly one STAGE_OVERDUE.
        await ownerQuery(
          `WITH p AS (
             INSERT INTO projects (org_id, id, name, owner_id, stage, recommendation, updated_at)
             SELECT $1::uuid, gen_random_uuid(), 'Stalled ' || g, $2::uuid, 'POC', 'POC_SUFFICIENT', now()
             FROM generate_series(1, $3::int) g RETURNING org_id, id)
           INSERT INTO project_transitions (org_id, id, project_id, to_stage, at)
           SELECT org_id, gen_random_uuid(), id, 'POC', now() - interval '100 days' FROM p`,
          [org.orgId, org.admin.userId, PROJECTS],
        );
      }
      const orgsWithAlerts = async () =>
        Number(
          (
            await ownerQuery<{ n: string }>(
              `SELECT count(DISTINCT org_id) AS n FROM alerts WHERE org_id = ANY($1::uuid[])`,
              [orgIds],
            )
          )[0]?.n,
        );

      await t.app.get(JobQueue).enqueue('alerts.sweep', { tick: `kill-${Date.now()}` });
      await waitFor('the sweep to start', async () => ((await orgsWithAlerts()) > 0 ? true : undefined));
      worker.kill('SIGKILL');
      const atKill = await orgsWithAlerts();
      expect(atKill).toBeLessThan(ORGS); // killed mid-sweep, not after it

      worker = spawnWorker(env);
      const live = await waitFor(
        'the next worker to finish the sweep',
        async () => {
          const [row] = await ownerQuery<{ n: string }>(
            `SELECT count(*) AS n FROM alerts
             WHERE org_id = ANY($1::uuid[]) AND rule = 'STAGE_OVERDUE' AND state IN ('OPEN', 'ACKNOWLEDGED')`,
            [orgIds],
          );
          return Number(row?.n) === ORGS * PROJECTS ? Number(row?.n) : undefined;
        },
        60_000,
      );
      expect(live).toBe(ORGS * PROJECTS);
      const duplicates = await ownerQuery(
        `SELECT project_id, rule FROM alerts WHERE org_id = ANY($1::uuid[]) AND state IN ('OPEN', 'ACKNOWLEDGED')
         GROUP BY project_id, rule HAVING count(*) > 1`,
        [orgIds],
      );
      expect(duplicates).toEqual([]);
      // Nothing lost: a clean evaluation of every organisation finds nothing left to change.
      const alerts = t.app.get(AlertsService);
      for (const id of orgIds) expect(await alerts.evaluate(asOrgId(id))).toEqual([]);
    } finally {
      worker.kill('SIGKILL');
      await t.close();
      await redis.kill();
    }
  }, 180_000);
});
