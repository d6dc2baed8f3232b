import { COMPLIANCE_CRITERIA } from '@gapline/domain';
import { AlertsService } from '../src/alerts/alerts.service.js';
import { asOrgId } from '../src/db/tenant.js';
import { JobQueue } from '../src/jobs/job-queue.js';
import { ChecklistService } from '../src/projects/checklist.service.js';
import { as } from './api.js';
import { bootApp, newOrg, type TestApp, type TestOrg } from './app.js';
import { ownerQuery } from './db.js';

const EUR = 100;
const ALWAYS = ['model-versioning', 'ci-cd', 'drift-detection', 'monitoring-alerting', 'incident-runbooks'];
const MORE = [
  'dataset-versioning',
  'reproducible-environments',
  'automated-rollback',
  'data-pipelines',
  'data-quality-checks',
  'access-control',
  'cost-monitoring',
];

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await bootApp();
  org = await newOrg(t, 'Portfolio');
  const api = as(t, org.admin);
  const base = `/api/orgs/${org.orgId}/projects`;
  const create = async (name: string, body: object = {}) =>
    (await api.post(base, { name, ...body }).expect(201)).body.id as string;
  const move = (id: string, to: string, reason?: string) =>
    api.post(`${base}/${id}/transitions`, { to, reason }).expect(200);
  const ready = (id: string) =>
    api
      .patch(`${base}/${id}/checklist`, {
        items: [...ALWAYS, ...MORE].map((key) => ({ key, status: 'DONE' })),
      })
      .expect(200);
  const spend = (id: string, amount: number, stage: string) =>
    api
      .post(`${base}/${id}/costs`, { date: '2026-02-01', amount: amount * EUR, category: 'OTHER', stage })
      .expect(201);

  await create('A idea');
  const b = await create('B personal', { stage: 'POC', personalData: true });
  await spend(b, 10_000, 'POC');
  const c = await create('C productionizing', { stage: 'POC' });
  await api.patch(`${base}/${c}/budgets`, { productionBudget: 300_000 * EUR }).expect(200);
  await spend(c, 20_000, 'POC');
  await move(c, 'PRODUCTIONIZING');
  await spend(c, 100_000, 'PRODUCTIONIZING');
  await ready(c);
  const d = await create('D production', { stage: 'POC' });
  await move(d, 'PRODUCTIONIZING');
  await ready(d);
  await move(d, 'PRODUCTION');
  const e = await create('E cancelled', { stage: 'POC' });
  await move(e, 'CANCELLED');

  // Another organisation's data, which must never count here.
  const other = await newOrg(t, 'Other');
  await as(t, other.admin)
    .post(`/api/orgs/${other.orgId}/projects`, { name: 'Elsewhere', stage: 'POC', personalData: true })
    .expect(201);
});
afterAll(() => t.close());

const projectId = async (name: string) =>
  (
    await ownerQuery<{ id: string }>('SELECT id::text FROM projects WHERE org_id = $1 AND name = $2', [
      org.orgId,
      name,
    ])
  )[0]?.id as string;

describe('portfolio', () => {
  it('gives exactly the hand-computed numbers', async () => {
    const p = (await as(t, org.admin).get(`/api/orgs/${org.orgId}/portfolio`).expect(200)).body;
    expect(p.totals).toEqual({ projects: 5, open: 4 });
    expect(p.byStage).toEqual({
      IDEA: 1,
      POC: 1,
      PRODUCTIONIZING: 1,
      PRODUCTION: 1,
      RETIRED: 0,
      POC_SUFFICIENT: 0,
      CANCELLED: 1,
    });
    expect(p.funnel).toMatchObject({
      reachedPoc: 4,
      reachedProductionizing: 2,
      reachedProduction: 1,
      conversionRate: 0.25,
      benchmarkRate: 0.13,
    });
    expect(p.readiness).toEqual({
      buckets: [
        { label: '0–24%', count: 2 },
        { label: '25–49%', count: 0 },
        { label: '50–74%', count: 2 },
        { label: '75–100%', count: 0 },
      ],
      productionizing: 1,
      productionizingReady: 1,
      average: expect.closeTo((12 / 17) * 0.5, 5),
      ready: 2,
    });
    expect(p.recommendations).toEqual({
      productionRequired: 1,
      pocSufficient: 4,
      doNotDeploy: 0,
      productionRequiredStillInPoc: 1,
    });
    expect(p.money).toEqual({
      pocSpend: 30_000 * EUR,
      productionBudgets: 300_000 * EUR,
      actuals: 130_000 * EUR,
      postPocSpend: 100_000 * EUR,
      projectedFirstYear: {
        low: (140_000 + 160_000 + 140_000) * EUR,
        high: (340_000 + 390_000 + 340_000) * EUR,
      },
      costMultiples: [{ projectId: expect.any(String), name: 'C productionizing', multiple: 5 }],
    });
    expect(p.capabilities).toHaveLength(17);
    const ci = p.capabilities.find((c: { key: string }) => c.key === 'ci-cd');
    expect(ci).toMatchObject({ done: 2, applicable: 4, doneRate: 0.5 });
    expect(p.capabilities[0].doneRate).toBe(0);
    expect(p.heatmap.capabilities).toHaveLength(17);
    expect(p.heatmap.projects.map((r: { name: string }) => r.name)).toEqual([
      'A idea',
      'B personal',
      'C productionizing',
      'D production',
    ]);
    const ciColumn = p.heatmap.capabilities.findIndex((c: { key: string }) => c.key === 'ci-cd');
    expect(p.heatmap.projects.map((r: { statuses: string[] }) => r.statuses[ciColumn])).toEqual([
      'NOT_STARTED',
      'NOT_STARTED',
      'DONE',
      'DONE',
    ]);
    expect(p.stalled).toEqual([]);
    expect(JSON.stringify(p)).not.toContain('Elsewhere');
  });

  it('keeps daily snapshots and answers weekly trends, starting when the organisation does', async () => {
    const before = (await as(t, org.admin).get(`/api/orgs/${org.orgId}/portfolio/trends`).expect(200)).body;
    expect(before).toHaveLength(1); // this week, live: no invented past
    expect(before[0]).toMatchObject({ openProjects: 4, readyCount: 2, actuals: 130_000 * EUR });
    await t.app.get(JobQueue).run('readiness.snapshot', { orgId: org.orgId });
    // A snapshot from three weeks ago, as the worker would have written it then.
    await ownerQuery(
      `INSERT INTO portfolio_snapshots (org_id, day, stage_counts, open_projects, avg_readiness, ready_count, actuals,
                                        projected_low, projected_high, open_alerts, critical_alerts)
       VALUES ($1, current_date - 21, '{"POC": 2}', 2, 0.1, 0, 1000, 1, 2, 3, 1)`,
      [org.orgId],
    );
    const trends = (await as(t, org.admin).get(`/api/orgs/${org.orgId}/portfolio/trends?weeks=8`).expect(200))
      .body;
    expect(trends).toHaveLength(2);
    expect(trends[0]).toMatchObject({ openProjects: 2, openAlerts: 3, stageCounts: { POC: 2 } });
    expect(trends[1]).toMatchObject({ openProjects: 4 });
    expect(trends[0].week < trends[1].week).toBe(true);
    await as(t, org.admin).get(`/api/orgs/${org.orgId}/portfolio/trends?weeks=0`).expect(400);
  });

  it('filters by risk class and business unit', async () => {
    const high = (await as(t, org.admin).get(`/api/orgs/${org.orgId}/portfolio?riskClass=HIGH`).expect(200))
      .body;
    expect(high.totals).toEqual({ projects: 0, open: 0 });
    expect(high.funnel.conversionRate).toBeNull();
    await as(t, org.admin).get(`/api/orgs/${org.orgId}/portfolio?riskClass=EXTREME`).expect(400);
  });
});

describe('portfolio roll-ups', () => {
  // Each write path must keep the per-project roll-ups (ADR 0004) as true as the rows they sum.
  const get = async () => (await as(t, org.admin).get(`/api/orgs/${org.orgId}/portfolio`).expect(200)).body;

  it('follows template changes, checklist updates, estimates, cost deletions and back-dated history', async () => {
    const api = as(t, org.admin);
    const base = `/api/orgs/${org.orgId}/projects`;
    const before = await get();

    await api
      .post(`/api/orgs/${org.orgId}/capabilities`, {
        key: 'fairness-review',
        name: 'Fairness review',
        group: 'delivery',
      })
      .expect(201);
    const b = await projectId('B personal');
    await api
      .patch(`${base}/${b}/checklist`, { items: [{ key: 'fairness-review', status: 'DONE' }] })
      .expect(200);
    let p = await get();
    expect(p.capabilities.find((c: { key: string }) => c.key === 'fairness-review')).toMatchObject({
      done: 1,
      applicable: 4,
    });
    expect(p.heatmap.capabilities).toHaveLength(18);

    // A team estimate replaces a seed line: ML engineering €60k–150k becomes €10k–20k on B.
    await api
      .put(`${base}/${b}/estimates`, {
        lines: [{ line: 'ML_ENGINEERING', low: 10_000 * EUR, high: 20_000 * EUR }],
      })
      .expect(200);
    p = await get();
    expect(p.money.projectedFirstYear).toEqual({
      low: before.money.projectedFirstYear.low - 50_000 * EUR,
      high: before.money.projectedFirstYear.high - 130_000 * EUR,
    });

    const costs = (await api.get(`${base}/${b}/costs`).expect(200)).body;
    await api.delete(`${base}/${b}/costs/${costs.entries[0].id}`).expect(204);
    p = await get();
    expect(p.money.actuals).toBe(before.money.actuals - 10_000 * EUR);
    expect(p.money.pocSpend).toBe(before.money.pocSpend - 10_000 * EUR);

    // History back-dated 120 days (the clock edge): B has been in POC past the 90-day threshold.
    await ownerQuery(
      `UPDATE project_transitions SET at = at - interval '120 days' WHERE org_id = $1 AND project_id = $2`,
      [org.orgId, b],
    );
    p = await get();
    expect(p.stalled).toEqual([
      { projectId: b, name: 'B personal', stage: 'POC', daysInStage: 120, threshold: expect.any(Number) },
    ]);
  });

  it('heals stale derived criteria at the daily snapshot', async () => {
    const before = await get();
    await ownerQuery(`UPDATE projects SET criteria = '{}' WHERE org_id = $1`, [org.orgId]);
    const stale = await get();
    expect(stale.money.projectedFirstYear.low).toBeLessThan(before.money.projectedFirstYear.low);
    await t.app.get(ChecklistService).snapshotAll(asOrgId(org.orgId));
    expect((await get()).money.projectedFirstYear).toEqual(before.money.projectedFirstYear);
  });

  it('refuses a 64th capability with the reason', async () => {
    const api = as(t, org.admin);
    const base = `/api/orgs/${org.orgId}/capabilities`;
    const have = (await api.get(`${base}?includeRetired=true`).expect(200)).body.length;
    for (let i = have; i < 63; i++) {
      await api.post(base, { key: `extra-${i}`, name: `Extra ${i}`, group: 'delivery' }).expect(201);
    }
    const res = await api
      .post(base, { key: 'one-too-many', name: 'One too many', group: 'delivery' })
      .expect(422);
    expect(res.body.message).toContain('at most 63 capabilities');
  });
});

describe('portfolio tallies', () => {
  // ADR 0005: the figures are sums of tallies kept by a trigger on projects. Whatever the writes,
  // the tallies (compacted or not) must equal a recount of the project rows.
  type Tally = { measure: string; value: string };
  const recount = () =>
    ownerQuery<Tally>(
      `SELECT measure, sum(value)::text AS value
       FROM portfolio_deltas('{}', ARRAY(SELECT p FROM projects p WHERE p.org_id = $1))
       GROUP BY measure ORDER BY 1`,
      [org.orgId],
    );
  const kept = () =>
    ownerQuery<Tally>(
      `SELECT measure, sum(value)::text AS value FROM (
         SELECT measure, value FROM portfolio_tallies WHERE org_id = $1
         UNION ALL SELECT measure, value FROM portfolio_tally_changes WHERE org_id = $1
       ) t GROUP BY measure HAVING sum(value) <> 0 ORDER BY 1`,
      [org.orgId],
    );
  const pending = async () =>
    Number(
      (
        await ownerQuery<{ n: string }>(
          'SELECT count(*) AS n FROM portfolio_tally_changes WHERE org_id = $1',
          [org.orgId],
        )
      )[0]?.n,
    );
  const get = async (query = '') =>
    (await as(t, org.admin).get(`/api/orgs/${org.orgId}/portfolio${query}`).expect(200)).body;

  it('equal a recount of the projects through moves between cells, archiving, alerts and compaction', async () => {
    const api = as(t, org.admin);
    const base = `/api/orgs/${org.orgId}/projects`;
    const [b, c, d] = [
      await projectId('B personal'),
      await projectId('C productionizing'),
      await projectId('D production'),
    ];

    // B moves to another cell; D is archived and restored; A is archived for good.
    await api.patch(`${base}/${b}`, { businessUnit: 'Risk', riskClass: 'HIGH' }).expect(200);
    await api.delete(`${base}/${d}`).expect(204);
    await api.post(`${base}/${d}/restore`).expect(200);
    await api.delete(`${base}/${await projectId('A idea')}`).expect(204);
    // C and B have been in their stages long enough for the rules to raise alerts, rolled up onto them.
    await ownerQuery(
      `UPDATE project_transitions SET at = at - make_interval(days => CASE WHEN project_id = $2 THEN 900 ELSE 100 END)
       WHERE org_id = $1 AND project_id IN ($2, $3)`,
      [org.orgId, c, b],
    );
    await t.app.get(AlertsService).evaluate(asOrgId(org.orgId));
    // Acknowledged alerts still count; a snoozed one does not.
    const alerts = (await api.get(`/api/orgs/${org.orgId}/alerts?state=OPEN`).expect(200)).body;
    expect(alerts.length).toBeGreaterThan(1);
    const url = (a: { id: string }) => `/api/orgs/${org.orgId}/alerts/${a.id}`;
    await api.patch(url(alerts[0]), { action: 'acknowledge' }).expect(200);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await api.patch(url(alerts[1]), { action: 'snooze', until }).expect(200);

    expect(await pending()).toBeGreaterThan(0);
    expect(await kept()).toEqual(await recount());
    const before = await get();
    expect(before.totals).toEqual({ projects: 4, open: 3 });
    const [live] = await ownerQuery<{ critical: string; warning: string }>(
      `SELECT count(*) FILTER (WHERE a.severity = 'CRITICAL') AS critical, count(*) FILTER (WHERE a.severity = 'WARNING') AS warning
       FROM alerts a JOIN projects p ON p.org_id = a.org_id AND p.id = a.project_id
       WHERE a.org_id = $1 AND a.state IN ('OPEN', 'ACKNOWLEDGED') AND p.archived_at IS NULL`,
      [org.orgId],
    );
    expect(before.alerts.open).toBeGreaterThan(0);
    expect(before.alerts).toEqual({
      open: Number(live?.critical) + Number(live?.warning),
      critical: Number(live?.critical),
      warning: Number(live?.warning),
    });
    // A filter sums only its cells.
    const risk = await get('?businessUnit=Risk');
    expect(risk.totals).toEqual({ projects: 1, open: 1 });
    const [spend] = await ownerQuery<{ poc: string }>(
      `SELECT coalesce(sum(amount), 0) AS poc FROM cost_entries WHERE project_id = $1 AND stage = 'POC'`,
      [b],
    );
    expect(risk.money.pocSpend).toBe(Number(spend?.poc));
    expect(risk.heatmap.projects.map((p: { name: string }) => p.name)).toEqual(['B personal']);
    expect((await get('?riskClass=HIGH')).totals).toEqual({ projects: 1, open: 1 });
    expect((await get(`?ownerId=${org.admin.userId}&businessUnit=Risk&riskClass=MINIMAL`)).totals).toEqual({
      projects: 0,
      open: 0,
    });

    // The sweep's job folds the changes in; nothing a reader sees moves.
    await t.app.get(JobQueue).run('alerts.evaluate', { orgId: org.orgId });
    expect(await pending()).toBe(0);
    expect(await kept()).toEqual(await recount());
    expect(await get()).toEqual(before);
  });

  it("counts compliance with the domain package's criteria", async () => {
    const [fn] = await ownerQuery<{ def: string }>(
      `SELECT pg_get_functiondef('portfolio_deltas(projects[], projects[])'::regprocedure) AS def`,
    );
    expect(fn?.def).toContain(`ARRAY[${COMPLIANCE_CRITERIA.map((c) => `'${c}'`).join(', ')}]`);
  });
});
