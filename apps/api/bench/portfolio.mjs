// Benchmark: the portfolio endpoint for one organisation with 10,000 projects (goal: p95 ≤ 50 ms and
// ≤ 2x the bare SQL). Measures the endpoint through HTTP with auth, and as a baseline in the same
// run, the endpoint's SQL statements alone.
//   pnpm --filter @gapline/api bench:portfolio
import { freshDatabase, sql, startApi } from './lib.mjs';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const RUNS = 60;
const db = await freshDatabase(
  new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gapline_bench_portfolio'),
);
const { app, base, orgId, accessToken, userId } = await startApi(db, 'Big');
const { PortfolioRepository, portfolioStatements } = await import(
  '../dist/portfolio/portfolio.repository.js'
);
const { TenantDb } = await import('../dist/db/tenant.js');
await sql(
  db,
  `INSERT INTO projects (org_id, id, name, owner_id, stage, recommendation, updated_at, poc_budget, production_budget, personal_data)
   SELECT $1::uuid, gen_random_uuid(), 'Project ' || g, $2::uuid, (ARRAY['IDEA','POC','PRODUCTIONIZING','PRODUCTION','CANCELLED'])[1 + g % 5],
          (ARRAY['PRODUCTION_REQUIRED','POC_SUFFICIENT'])[1 + g % 2], now(), 2000000, 30000000, g % 2 = 0
   FROM generate_series(1, $3::int) g`,
  [orgId, userId, PROJECTS],
);
await sql(
  db,
  `INSERT INTO project_transitions (org_id, id, project_id, to_stage, at, override)
  SELECT org_id, gen_random_uuid(), id, 'POC', now() - interval '200 days', false FROM projects`,
);
await sql(
  db,
  `INSERT INTO project_transitions (org_id, id, project_id, from_stage, to_stage, at, override)
  SELECT org_id, gen_random_uuid(), id, 'POC', stage, now() - interval '100 days', false FROM projects WHERE stage <> 'POC'`,
);
await sql(
  db,
  `INSERT INTO checklist_items (org_id, project_id, capability_key, status, updated_at)
  SELECT p.org_id, p.id, c.key, CASE WHEN (c.position + length(p.name)) % 3 = 0 THEN 'DONE' ELSE 'NOT_STARTED' END, now()
  FROM projects p JOIN capabilities c ON c.org_id = p.org_id`,
);
await sql(
  db,
  `INSERT INTO cost_entries (org_id, id, project_id, date, amount, category, stage, updated_at)
  SELECT org_id, gen_random_uuid(), id, current_date - 30, 100000, 'OTHER', CASE WHEN stage IN ('IDEA','POC') THEN 'POC' ELSE 'PRODUCTIONIZING' END, now() FROM projects`,
);
await sql(db, 'ANALYZE');

const pct = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
async function time(fn) {
  for (let i = 0; i < 5; i++) await fn(); // warm up
  const out = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}
const endpoint = await time(async () => {
  const r = await fetch(`${base}/api/orgs/${orgId}/portfolio`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!r.ok) throw new Error(`portfolio ${r.status}`);
  await r.arrayBuffer();
});
const repo = app.get(PortfolioRepository);
const tenant = app.get(TenantDb);
const bare = await time(() =>
  tenant.run(orgId, async (scope) => {
    const [settings, capabilities] = await Promise.all([
      scope.tx.organization.findUniqueOrThrow({ where: { id: orgId } }),
      repo.capabilities(scope),
    ]);
    const ctx = {
      capabilities,
      stallDays: {
        IDEA: settings.stallDaysIdea,
        POC: settings.stallDaysPoc,
        PRODUCTIONIZING: settings.stallDaysProductionizing,
      },
      now: new Date(),
    };
    return Promise.all(Object.values(portfolioStatements(orgId, {}, ctx)).map((s) => scope.tx.$queryRaw(s)));
  }),
);
await app.close();
const row = (label, xs) =>
  `${label.padEnd(28)} p50 ${pct(xs, 50).toFixed(1)} ms   p95 ${pct(xs, 95).toFixed(1)} ms`;
console.log(`portfolio of ${PROJECTS} projects, ${RUNS} runs each`);
console.log(row('endpoint (HTTP + auth)', endpoint));
console.log(row('its SQL alone (baseline)', bare));
console.log(`ratio p95: ${(pct(endpoint, 95) / pct(bare, 95)).toFixed(2)}x (goal ≤ 2x, p95 ≤ 50 ms)`);
