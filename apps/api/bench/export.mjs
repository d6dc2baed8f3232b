// Benchmark: stream the finance export (CSV, then XLSX) of an organisation with 100,000 projects
// and 200,000 cost entries, through the real HTTP stack. Prints rows/s and peak RSS growth, and
// fails when the growth reaches 100 MB (memory must stay flat however many projects). The heap
// is capped at 160 MB like a small container: an export that buffered its rows would crash here,
// while V8 left uncapped grows the heap lazily on garbage and blurs the reading.
//   pnpm bench            (BENCH_PROJECTS=20000 for a quicker run)
import { freshDatabase, sql, startApi } from './lib.mjs';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100_000);
const LIMIT_MB = 100;
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
await sql(db, 'ANALYZE');
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
  t = performance.now();
  const res = await fetch(`${base}/api/orgs/${orgId}/exports/costs.${kind}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!res.ok) throw new Error(`${kind} export failed: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    if (kind === 'csv') for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const growthMb = (peak - baseline) / 1024 / 1024;
  const rows = kind === 'csv' ? lines - 1 : PROJECTS;
  console.log(
    `${kind.padEnd(4)} ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s, ` +
      `${(bytes / 1024 / 1024).toFixed(1)} MB out, peak RSS growth ${growthMb.toFixed(1)} MB`,
  );
  if (kind === 'csv' && rows !== PROJECTS) throw new Error(`expected ${PROJECTS} rows, got ${rows}`);
  return growthMb;
}

// Warm up (module loading, query planning, JIT) on a filter that matches a single page.
for (const kind of ['csv', 'xlsx']) {
  await fetch(`${base}/api/orgs/${orgId}/exports/costs.${kind}?businessUnit=Unit%201`, {
    headers: { authorization: `Bearer ${accessToken}` },
  }).then((r) => r.arrayBuffer());
}
const growth = [await measure('csv'), await measure('xlsx')];
await app.close();
if (growth.some((g) => g >= LIMIT_MB)) {
  console.error(`✖ peak RSS growth reached ${LIMIT_MB} MB`);
  process.exit(1);
}
console.log(`✓ export memory stays under ${LIMIT_MB} MB of growth`);
