// Benchmark: the hourly alert sweep over 100,000 projects in 1,000 organisations (goal ≤ 30 s on
// 2 cores). Seeds with SQL, then evaluates every organisation the way the worker does (per-org
// jobs, 4 at a time), and prints the total time and the alerts raised. As a baseline in the same
// run, it times the facts the rules read (stage times, checklist counts, spend, estimates) for
// every open project in one set-based SQL statement.
//   pnpm bench:alerts     (BENCH_ORGS=100 for a quicker run)
//   BENCH_SWEEP_DATABASE_URL=…  sweeps that database as it is instead (pnpm bench: a copy of seed:scale's)
import { benchEnv, freshDatabase, sql as run, writeResult } from './lib.mjs';

const EXISTING = process.env.BENCH_SWEEP_DATABASE_URL;
let ORGS = Number(process.env.BENCH_ORGS ?? 1000);
const PER_ORG = Number(process.env.BENCH_PROJECTS_PER_ORG ?? 100);
const CONCURRENCY = 4;
const GOAL_S = 30;
const db = EXISTING
  ? EXISTING
  : await freshDatabase(
      new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gapline_bench_alerts'),
    );
const sql = (text, values) => run(db, text, values);

let t = performance.now();
if (!EXISTING) await seed();
const [{ orgs, projects, open }] = await sql(
  `SELECT (SELECT count(*)::int FROM organizations) AS orgs, count(*)::int AS projects,
          (count(*) FILTER (WHERE archived_at IS NULL AND stage NOT IN ('RETIRED', 'CANCELLED')))::int AS open
   FROM projects`,
);
ORGS = orgs;

async function seed() {
  const [{ id: userId }] = await sql(
    `INSERT INTO users (id, email, name, password_hash, updated_at)
   VALUES (gen_random_uuid(), 'bench@gapline.dev', 'Bench', 'x', now()) RETURNING id`,
  );
  await sql(
    `INSERT INTO organizations (id, name, updated_at) SELECT gen_random_uuid(), 'Org ' || g, now() FROM generate_series(1, $1::int) g`,
    [ORGS],
  );
  await sql(
    `INSERT INTO memberships (org_id, user_id, role, updated_at) SELECT id, $1, 'ADMIN', now() FROM organizations`,
    [userId],
  );
  await sql(
    `INSERT INTO capabilities (org_id, key, name, "group", position, bit)
   SELECT o.id, 'cap-' || c, 'Capability ' || c, 'delivery', c, c - 1 FROM organizations o, generate_series(1, 17) c`,
  );
  await sql(
    `INSERT INTO projects (org_id, id, name, owner_id, stage, recommendation, updated_at, poc_budget, production_budget, expected_annual_value)
   SELECT o.id, gen_random_uuid(), 'Project ' || g, $1, (ARRAY['IDEA','POC','PRODUCTIONIZING','PRODUCTION'])[1 + g % 4],
          'POC_SUFFICIENT', now() - (g % 60) * interval '1 day', 2000000, CASE WHEN g % 3 = 0 THEN 10000000 END, 10000000
   FROM organizations o, generate_series(1, $2::int) g`,
    [userId, PER_ORG],
  );
  await sql(
    `INSERT INTO project_transitions (org_id, id, project_id, to_stage, at, override)
   SELECT org_id, gen_random_uuid(), id, stage, now() - (abs(hashtext(id::text)) % 200) * interval '1 day', false FROM projects`,
  );
  await sql(
    `INSERT INTO checklist_items (org_id, project_id, capability_key, status, due_date, updated_at)
   SELECT p.org_id, p.id, c.key, CASE WHEN c.position % 3 = 0 THEN 'DONE' ELSE 'NOT_STARTED' END,
          CASE WHEN c.position = 5 THEN current_date - 3 END, now()
   FROM projects p JOIN capabilities c ON c.org_id = p.org_id`,
  );
  await sql(
    `INSERT INTO cost_entries (org_id, id, project_id, date, amount, category, stage, updated_at)
   SELECT org_id, gen_random_uuid(), id, current_date - 10, 500000, 'ML_ENGINEERING',
          CASE WHEN stage IN ('IDEA', 'POC') THEN 'POC' ELSE 'PRODUCTIONIZING' END, now() FROM projects`,
  );
  await sql('ANALYZE');
  console.log(
    `seeded ${ORGS} organisations × ${PER_ORG} projects in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

benchEnv(db, { DB_POOL_SIZE: '8' });
const { NestFactory } = await import('@nestjs/core');
const { WorkerModule } = await import('../dist/app.module.js');
const { AlertsService } = await import('../dist/alerts/alerts.service.js');
const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
const alerts = app.get(AlertsService);
const orgIds = (await sql('SELECT id FROM organizations ORDER BY id')).map((r) => r.id);

async function sweep() {
  const queue = [...orgIds];
  let changes = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const found = await alerts.evaluate(id);
        changes += found.length;
      }
    }),
  );
  return changes;
}

t = performance.now();
const opened = await sweep();
const first = (performance.now() - t) / 1000;
t = performance.now();
const again = await sweep();
const second = (performance.now() - t) / 1000;
const [{ n }] = await sql(`SELECT count(*)::int AS n FROM alerts WHERE state <> 'RESOLVED'`);
await app.close();

// Baseline: what the rules read, for every open project at once, in one statement.
t = performance.now();
const [facts] = await sql(
  `WITH t AS (SELECT org_id, project_id, max(at) AS entered FROM project_transitions GROUP BY 1, 2),
        i AS (SELECT org_id, project_id, count(*) FILTER (WHERE status = 'DONE') AS done,
                     count(*) FILTER (WHERE status <> 'NOT_APPLICABLE') AS applicable,
                     count(*) FILTER (WHERE due_date < current_date AND status NOT IN ('DONE', 'NOT_APPLICABLE')) AS overdue
              FROM checklist_items GROUP BY 1, 2),
        c AS (SELECT org_id, project_id, sum(amount) FILTER (WHERE stage = 'POC') AS poc,
                     sum(amount) FILTER (WHERE stage <> 'POC') AS post,
                     sum(amount) FILTER (WHERE date >= current_date - 90) AS recent
              FROM cost_entries GROUP BY 1, 2),
        e AS (SELECT org_id, project_id, sum(low) AS low, sum(high) AS high FROM cost_estimates GROUP BY 1, 2)
   SELECT count(*)::int AS rows, count(t.entered)::int AS entered, sum(i.done)::int AS done,
          sum(i.overdue)::int AS overdue, sum(c.poc)::text AS poc, sum(c.post)::text AS post,
          sum(c.recent)::text AS recent, sum(e.low)::text AS low, max(p.updated_at) AS updated
   FROM projects p
   LEFT JOIN t ON t.org_id = p.org_id AND t.project_id = p.id
   LEFT JOIN i ON i.org_id = p.org_id AND i.project_id = p.id
   LEFT JOIN c ON c.org_id = p.org_id AND c.project_id = p.id
   LEFT JOIN e ON e.org_id = p.org_id AND e.project_id = p.id
   WHERE p.archived_at IS NULL AND p.stage NOT IN ('RETIRED', 'CANCELLED')`,
);
const baseline = (performance.now() - t) / 1000;

console.log(`sweep 1: ${projects} projects in ${first.toFixed(1)} s (${opened} alerts changed)`);
console.log(`sweep 2: ${projects} projects in ${second.toFixed(1)} s (${again} changes; ${n} live alerts)`);
console.log(
  `baseline: the rules' facts of ${facts.rows} open projects in one SQL statement, ${baseline.toFixed(2)} s ` +
    `(sweeps ${(first / baseline).toFixed(1)}x and ${(second / baseline).toFixed(1)}x that)`,
);
writeResult({
  organizations: ORGS,
  projects,
  openProjects: open,
  concurrency: CONCURRENCY,
  sweeps: [
    { n: 1, seconds: first, changes: opened },
    { n: 2, seconds: second, changes: again },
  ],
  liveAlerts: n,
  baseline: { seconds: baseline, rows: facts.rows },
});
if (Math.max(first, second) > GOAL_S) {
  console.error(`✖ a sweep took longer than ${GOAL_S} s`);
  process.exit(1);
}
console.log(`✓ each sweep stays within ${GOAL_S} s`);
