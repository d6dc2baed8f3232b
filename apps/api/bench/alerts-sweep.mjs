// Benchmark: the hourly alert sweep over 100,000 projects in 1,000 organisations (goal ≤ 30 s on
// 2 cores). Seeds with SQL, then evaluates every organisation the way the worker does (per-org
// jobs, 4 at a time), and prints the total time and the alerts raised.
//   pnpm bench:alerts     (BENCH_ORGS=100 for a quicker run)
import { benchEnv, freshDatabase, sql as run } from './lib.mjs';

const ORGS = Number(process.env.BENCH_ORGS ?? 1000);
const PER_ORG = Number(process.env.BENCH_PROJECTS_PER_ORG ?? 100);
const CONCURRENCY = 4;
const GOAL_S = 30;
const db = await freshDatabase(
  new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gapline_bench_alerts'),
);
const sql = (text, values) => run(db, text, values);

let t = performance.now();
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
  `INSERT INTO capabilities (org_id, key, name, "group", position)
   SELECT o.id, 'cap-' || c, 'Capability ' || c, 'delivery', c FROM organizations o, generate_series(1, 17) c`,
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
console.log(`sweep 1: ${ORGS * PER_ORG} projects in ${first.toFixed(1)} s (${opened} alerts opened)`);
console.log(
  `sweep 2: ${ORGS * PER_ORG} projects in ${second.toFixed(1)} s (${again} changes; ${n} live alerts)`,
);
if (Math.max(first, second) > GOAL_S) {
  console.error(`✖ a sweep took longer than ${GOAL_S} s`);
  process.exit(1);
}
console.log(`✓ each sweep stays within ${GOAL_S} s`);
