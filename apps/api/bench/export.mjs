// Benchmark: stream the finance export (CSV, then XLSX) of an organisation with 100,000 projects
// and 200,000 cost entries, through the real HTTP stack. Prints rows/s and peak RSS growth, and
// fails when the growth reaches 100 MB (memory must stay flat however many projects). The heap
// is capped at 160 MB like a small container: an export that buffered its rows would crash here,
// while V8 left uncapped grows the heap lazily on garbage and blurs the reading. As a baseline in
// the same run, it reads the same rows' data (projects, owners, spend by stage and month) through
// one SQL cursor, as the application role, without computing or writing anything.
//   pnpm bench            (BENCH_PROJECTS=20000 for a quicker run; BENCH_EXPORT_KINDS=csv for one format;
//                          BENCH_CPU_PROFILE=<dir> writes a .cpuprofile of each measured export)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { freshDatabase, sql, startApi, writeResult } from './lib.mjs';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100_000);
const LIMIT_MB = 100;
const KINDS = (process.env.BENCH_EXPORT_KINDS ?? 'csv,xlsx').split(',');
const db = await freshDatabase(
  new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gapline_bench'),
);
const { app, base, orgId, accessToken, userId } = await startApi(db);

let t = performance.now();
await sql(
  db,
  `INSERT INTO projects (org_id, id, name, business_unit, owner_id, stage, risk_class, recommendation, updated_at,
                         poc_budget, production_budget, personal_data, expected_annual_value)
   SELECT $1::uuid, gen_random_uuid(), 'Initiative ' || g, 'Unit ' || (g % 40), $2::uuid,
          (ARRAY['IDEA','POC','PRODUCTIONIZING','PRODUCTION'])[1 + g % 4], 'MINIMAL', 'POC_SUFFICIENT', now(),
          2000000 + g, 30000000, g % 2 = 0, 50000000
   FROM generate_series(1, $3::int) g`,
  [orgId, userId, PROJECTS],
);
await sql(
  db,
  `INSERT INTO cost_entries (org_id, id, project_id, date, amount, category, stage, updated_at)
   SELECT org_id, gen_random_uuid(), id, date '2026-01-01' + (n * 40), 100000 + n, 'ML_ENGINEERING',
          CASE WHEN n = 0 THEN 'POC' ELSE 'PRODUCTIONIZING' END, now()
   FROM projects, generate_series(0, 1) n WHERE org_id = $1::uuid`,
  [orgId],
);
// Vacuumed as autovacuum would have: the spend roll-up triggers leave every project row updated once.
await sql(db, 'VACUUM (ANALYZE)');
console.log(
  `seeded ${PROJECTS} projects and ${PROJECTS * 2} cost entries in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

async function measure(kind) {
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const profiler = process.env.BENCH_CPU_PROFILE ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  t = performance.now();
  const cpu = process.cpuUsage();
  const res = await fetch(`${base}/api/orgs/${orgId}/exports/costs.${kind}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!res.ok) throw new Error(`${kind} export failed: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    if (kind === 'csv') for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - t) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  clearInterval(sampler);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(`${process.env.BENCH_CPU_PROFILE}/export-${kind}.cpuprofile`, JSON.stringify(profile));
    profiler.disconnect();
  }
  const growthMb = (peak - baseline) / 1024 / 1024;
  const rows = kind === 'csv' ? lines - 1 : PROJECTS;
  console.log(
    `${kind.padEnd(4)} ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s, ` +
      `${(bytes / 1024 / 1024).toFixed(1)} MB out, peak RSS growth ${growthMb.toFixed(1)} MB, ` +
      `Node CPU ${((user + system) / 1e6).toFixed(1)} s`,
  );
  if (kind === 'csv' && rows !== PROJECTS) throw new Error(`expected ${PROJECTS} rows, got ${rows}`);
  return {
    kind,
    rows,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    megabytes: Math.round((bytes / 1024 / 1024) * 10) / 10,
    peakRssGrowthMb: Math.round(growthMb * 10) / 10,
    nodeCpuSeconds: Math.round((user + system) / 1e4) / 100,
  };
}

/** The export's data alone: one cursor over projects with their owner, spend by stage and by month. */
async function baseline() {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE gapline_app');
    await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgId]);
    await client.query(
      `DECLARE export NO SCROLL CURSOR FOR
       SELECT p.id, p.name, p.stage, u.name AS owner, p.business_unit, p.poc_budget, p.production_budget,
              p.expected_annual_value, p.risk_class, p.revenue_at_risk, p.regulated_decisions, p.personal_data,
              p.uptime_sla_bp, p.retention_years, p.silent_degradation, p.dependent_teams,
              (SELECT json_object_agg(stage, total) FROM (
                 SELECT stage, sum(amount) AS total FROM cost_entries c
                 WHERE c.org_id = p.org_id AND c.project_id = p.id GROUP BY stage) s) AS spend,
              (SELECT json_object_agg(month, total) FROM (
                 SELECT to_char(date, 'YYYY-MM') AS month, sum(amount) AS total FROM cost_entries c
                 WHERE c.org_id = p.org_id AND c.project_id = p.id GROUP BY 1) m) AS monthly
       FROM projects p JOIN users u ON u.id = p.owner_id
       WHERE p.org_id = $1::uuid AND p.archived_at IS NULL ORDER BY p.id`,
      [orgId],
    );
    let rows = 0;
    for (;;) {
      const r = await client.query('FETCH 2000 FROM export');
      rows += r.rows.length;
      if (r.rows.length < 2000) break;
    }
    await client.query('COMMIT');
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `sql  ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s (baseline: the data alone)`,
    );
    return { rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds) };
  } finally {
    await client.end();
  }
}

// Warm up (module loading, query planning, JIT) on a filter that matches a single page.
for (const kind of KINDS) {
  await fetch(`${base}/api/orgs/${orgId}/exports/costs.${kind}?businessUnit=Unit%201`, {
    headers: { authorization: `Bearer ${accessToken}` },
  }).then((r) => r.arrayBuffer());
}
const runs = [];
for (const kind of KINDS) runs.push(await measure(kind));
const sqlAlone = await baseline();
await app.close();
writeResult({ projects: PROJECTS, costEntries: PROJECTS * 2, heapLimitMb: 160, runs, baseline: sqlAlone });
if (runs.some((r) => r.peakRssGrowthMb >= LIMIT_MB)) {
  console.error(`✖ peak RSS growth reached ${LIMIT_MB} MB`);
  process.exit(1);
}
console.log(`✓ export memory stays under ${LIMIT_MB} MB of growth`);
