// `pnpm bench`: the whole benchmark suite, each benchmark beside a baseline measured in the same
// run, printed as one table and written to bench/results/<time>.json and bench/results/latest.json.
// Absolute numbers on a shared machine are noisy; the ratios to the baselines are what compare.
//
//   1. endpoints   GET projects (first page) and GET portfolio of the large organisation, through
//                  the whole API with auth, at 1 and 50 connections (autocannon). Baselines: a bare
//                  node:http + pg server replaying the very statements the API ran for the same
//                  request (recorded from one request), and those statements alone over pg.
//   2. sweep       the alert sweep over every organisation of the dataset (on a copy of it).
//                  Baseline: the facts the rules read, for every project, in one SQL statement.
//   3. export      CSV and XLSX finance exports of 100,000 rows through HTTP, rows/s and peak RSS
//                  growth. Baseline: the same rows read in one SQL cursor.
//   4. bundle      the dashboard's initial JavaScript (entry + preloaded chunks), gzipped.
//
// The dataset is `pnpm seed:scale`'s; it is (re)seeded when missing, of another size, or older
// than the migrations. Environment (all optional):
//   BENCH_ONLY=http,sweep,export,bundle   sections to run
//   BENCH_DURATION=10                     seconds per autocannon run (plus a warm-up of a third)
//   SCALE_ORGS=1000 SCALE_PROJECTS=100 SCALE_BIG=10000   dataset size; BENCH_RESEED=1 forces a new one
//   BENCH_EXPORT_PROJECTS=100000          rows of the export benchmark
//   SCALE_DATABASE_URL, BENCH_DATABASE_URL (export), DB_POOL_SIZE=10 (API, bare server and SQL alone)
// A quick check of the tooling:
//   SCALE_ORGS=20 SCALE_PROJECTS=50 SCALE_BIG=2000 BENCH_DURATION=3 BENCH_EXPORT_PROJECTS=5000 pnpm bench
import { execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrationsDigest, sql } from './lib.mjs';
import { BIG_EMAIL, SCALE_DATABASE_URL, SCALE_PASSWORD, seededSize, seedScale } from './seed-scale.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const env = (name, fallback) => process.env[name] ?? fallback;
const ONLY = new Set(env('BENCH_ONLY', 'http,sweep,export,bundle').split(','));
const DURATION = Number(env('BENCH_DURATION', 10));
const WARMUP = Math.max(1, Math.round(DURATION / 3));
const POOL = Number(env('DB_POOL_SIZE', 10));
const SIZE = {
  orgs: Number(env('SCALE_ORGS', 1000)),
  projects: Number(env('SCALE_PROJECTS', 100)),
  big: Number(env('SCALE_BIG', 10_000)),
};
const EXPORT_ROWS = Number(env('BENCH_EXPORT_PROJECTS', 100_000));
const CONNECTIONS = [1, 50];

const started = new Date();
const results = {
  startedAt: started.toISOString(),
  machine: await machine(),
  settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, dbPoolSize: POOL, connections: CONNECTIONS },
};
const log = (...args) =>
  console.log(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s]`, ...args);

if (ONLY.has('http') || ONLY.has('sweep')) results.dataset = await dataset();
if (ONLY.has('http')) results.http = await endpoints();
if (ONLY.has('sweep')) results.sweep = await sweep();
if (ONLY.has('export')) results.export = await exports();
if (ONLY.has('bundle')) results.bundle = await bundle();
results.finishedAt = new Date().toISOString();
results.machine.loadAverageAfter = os.loadavg().map((l) => Number(l.toFixed(2)));
results.goals = goals(results);

const out = path.join(here, 'results');
mkdirSync(out, { recursive: true });
const file = path.join(out, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
try {
  // latest.json is committed: keep it as the formatter would write it.
  execFileSync(
    path.join(root, 'node_modules/.bin/biome'),
    ['format', '--write', path.join(out, 'latest.json')],
    {
      stdio: 'ignore',
    },
  );
} catch {
  // formatting is a nicety
}
console.log(`\n${table(results)}\n\nwritten to ${path.relative(process.cwd(), file)} and latest.json`);

// ——— the dataset ———

async function dataset() {
  const have = await seededSize(SCALE_DATABASE_URL);
  const current =
    have &&
    have.orgs === SIZE.orgs &&
    have.projects === SIZE.projects &&
    have.big === SIZE.big &&
    have.migrations === migrationsDigest();
  if (current && !process.env.BENCH_RESEED) {
    log(`dataset: reusing ${new URL(SCALE_DATABASE_URL).pathname.slice(1)} (seeded in ${have.seconds} s)`);
    return have;
  }
  log(
    `dataset: seeding ${SIZE.orgs} organisations × ${SIZE.projects} projects + one of ${SIZE.big}` +
      (have ? ' (the existing one differs or is older than the migrations)' : ''),
  );
  return seedScale(SCALE_DATABASE_URL, SIZE, (line) => log(line));
}

// ——— 1. endpoints ———

function child(kind) {
  const proc = fork(path.join(here, 'http-servers.mjs'), [kind], {
    env: { ...process.env, BENCH_HTTP_DATABASE_URL: SCALE_DATABASE_URL, DB_POOL_SIZE: String(POOL) },
    serialization: 'advanced',
  });
  const next = (key) =>
    new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (key in m) {
          proc.off('message', onMessage);
          proc.off('exit', onExit);
          resolve(m);
        }
      };
      const onExit = (code) => reject(new Error(`${kind} server exited (${code}) before sending ${key}`));
      proc.on('message', onMessage);
      proc.once('exit', onExit);
    });
  return {
    proc,
    next,
    ask: (msg, key) => {
      const reply = next(key);
      proc.send(msg);
      return reply;
    },
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', resolve);
        proc.send({ stop: true });
      }),
  };
}

async function endpoints() {
  const [org] = await sql(
    SCALE_DATABASE_URL,
    `SELECT o.id, count(p.id)::int AS projects FROM organizations o LEFT JOIN projects p ON p.org_id = o.id
     GROUP BY o.id ORDER BY count(p.id) DESC, o.id LIMIT 1`,
  );
  const [user] = await sql(
    SCALE_DATABASE_URL,
    `SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id
     WHERE m.org_id = $1 AND m.role = 'ADMIN' ORDER BY u.email = $2 DESC LIMIT 1`,
    [org.id, BIG_EMAIL],
  );
  const api = child('api');
  const bare = child('bare');
  const [{ port: apiPort }, { port: barePort }] = await Promise.all([api.next('port'), bare.next('port')]);
  const login = await fetch(`http://127.0.0.1:${apiPort}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: SCALE_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const headers = { authorization: `Bearer ${(await login.json()).accessToken}` };
  const routes = [
    { name: 'list', path: `/api/orgs/${org.id}/projects?limit=25`, bare: '/list' },
    { name: 'portfolio', path: `/api/orgs/${org.id}/portfolio`, bare: '/portfolio' },
  ];
  for (const r of routes) {
    const c = await api.ask({ capture: { path: r.path, headers } }, 'captured');
    if (c.status !== 200) throw new Error(`GET ${r.path} answered ${c.status}`);
    r.transactions = c.transactions;
    r.statements = c.transactions.reduce((n, tx) => n + tx.length, 0);
    r.sql = c.transactions.map((tx) => tx.map((s) => s.text.replace(/\s+/g, ' ').trim().slice(0, 160)));
    log(
      `${r.name}: ${c.transactions.length} transaction(s), ${r.statements} statements recorded from one request ` +
        `(${(c.bytes / 1024).toFixed(1)} KB of JSON)`,
    );
  }
  await bare.ask({ routes: Object.fromEntries(routes.map((r) => [r.bare, r.transactions])) }, 'routes');
  const pool = new pg.Pool({
    connectionString: SCALE_DATABASE_URL,
    max: POOL,
    options: '-c role=gapline_app',
  });
  const rows = [];
  try {
    // Each benchmark right beside its baselines, so they see the same background load.
    for (const r of routes) {
      for (const connections of CONNECTIONS) {
        const runs = [
          ['api', () => cannon(`http://127.0.0.1:${apiPort}${r.path}`, connections, headers)],
          ['bare', () => cannon(`http://127.0.0.1:${barePort}${r.bare}`, connections, {})],
          ['sql', () => replay(pool, r.transactions, connections)],
        ];
        for (const [server, run] of runs) {
          const m = await run();
          rows.push({ endpoint: r.name, connections, server, ...m });
          log(
            `${r.name} @${connections} ${server.padEnd(4)} ${m.rps.toFixed(0).padStart(6)} req/s  ` +
              `p50 ${m.p50.toFixed(1)}  p95 ${m.p95.toFixed(1)}  p99 ${m.p99.toFixed(1)} ms` +
              (m.errors ? `  ${m.errors} errors` : ''),
          );
        }
      }
    }
  } finally {
    await pool.end();
    await Promise.all([api.stop(), bare.stop()]);
  }
  return {
    organization: { id: org.id, projects: org.projects },
    statements: Object.fromEntries(routes.map((r) => [r.name, r.statements])),
    sql: Object.fromEntries(routes.map((r) => [r.name, r.sql])),
    runs: rows,
  };
}

function percentiles(latencies, seconds, errors) {
  const xs = Float64Array.from(latencies).sort();
  const at = (p) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : Number.NaN);
  const round = (x) => Math.round(x * 100) / 100;
  return {
    requests: xs.length,
    rps: round(xs.length / seconds),
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    errors,
  };
}

/** autocannon for DURATION seconds after a warm-up; latencies from every response, not a histogram. */
async function cannon(url, connections, headers) {
  const once = (duration, onResponse) =>
    new Promise((resolve, reject) => {
      const instance = autocannon({ url, connections, duration, headers, timeout: 60 }, (err, res) =>
        err ? reject(err) : resolve(res),
      );
      instance.on('response', onResponse);
    });
  await once(WARMUP, () => {});
  const latencies = [];
  let bad = 0;
  const res = await once(DURATION, (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else bad++;
  });
  return percentiles(latencies, res.duration, bad + res.errors + res.timeouts);
}

/** The recorded statements alone, over pg, by `connections` loops sharing the pool. */
async function replay(pool, transactions, connections) {
  const one = async () => {
    const client = await pool.connect();
    try {
      for (const tx of transactions) for (const s of tx) await client.query(s.text, s.values);
    } finally {
      client.release();
    }
  };
  const loop = async (seconds, latencies) => {
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          await one();
          latencies?.push(performance.now() - t);
        }
      }),
    );
  };
  await loop(WARMUP);
  const latencies = [];
  const t = performance.now();
  await loop(DURATION, latencies);
  return percentiles(latencies, (performance.now() - t) / 1000, 0);
}

// ——— 2. sweep ———

async function sweep() {
  const copy = new URL(SCALE_DATABASE_URL);
  const name = `${copy.pathname.slice(1)}_sweep`;
  copy.pathname = `/${name}`;
  const admin = new URL(SCALE_DATABASE_URL);
  admin.pathname = '/postgres';
  await sql(admin.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  // A copy, so every run sweeps the dataset as seeded. Copying needs the template to be idle.
  for (let attempt = 1; ; attempt++) {
    try {
      await sql(
        admin.toString(),
        `CREATE DATABASE "${name}" TEMPLATE "${new URL(SCALE_DATABASE_URL).pathname.slice(1)}"`,
      );
      break;
    } catch (err) {
      if (attempt >= 10 || !/being accessed/.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    log('sweep: evaluating every organisation (alerts-sweep.mjs on a copy of the dataset)');
    return await script('alerts-sweep.mjs', [], { BENCH_SWEEP_DATABASE_URL: copy.toString() });
  } finally {
    await sql(admin.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

/** Runs one of the benchmark scripts in its own process and returns the JSON it wrote. */
async function script(name, nodeArgs, extraEnv) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gapline-bench-'));
  const resultFile = path.join(dir, 'result.json');
  try {
    const proc = spawn(process.execPath, [...nodeArgs, path.join(here, name)], {
      env: { ...process.env, ...extraEnv, BENCH_RESULT_FILE: resultFile },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    proc.stdout.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) log(`  ${line}`);
    });
    const code = await new Promise((resolve) => proc.once('exit', resolve));
    let result;
    try {
      result = JSON.parse(readFileSync(resultFile, 'utf8'));
    } catch {
      throw new Error(`${name} exited with ${code} and wrote no result`);
    }
    return { ...result, exitCode: code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ——— 3. export ———

function exports() {
  log(`export: ${EXPORT_ROWS} rows as CSV and XLSX (export.mjs, heap capped at 160 MB)`);
  return script('export.mjs', ['--expose-gc', '--max-old-space-size=160'], {
    BENCH_PROJECTS: String(EXPORT_ROWS),
  });
}

// ——— 4. bundle ———

/** Builds the dashboard into a temporary directory and gzips what index.html loads up front. */
function bundle() {
  const web = path.join(root, 'apps/web');
  const dist = process.env.BENCH_WEB_DIST ?? mkdtempSync(path.join(os.tmpdir(), 'gapline-web-'));
  try {
    if (!process.env.BENCH_WEB_DIST) {
      // The dashboard's workspace dependencies first (cached by turbo when unchanged).
      execFileSync(
        path.join(root, 'node_modules/.bin/turbo'),
        ['run', 'build', '--filter=@gapline/web^...', '--output-logs=errors-only'],
        { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      log('bundle: vite build of apps/web into a temporary directory');
      execFileSync(
        path.join(web, 'node_modules/.bin/vite'),
        ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
        {
          cwd: web,
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
    }
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const refs = [
      ...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/?([^"]+\.(?:js|css))"[^>]*>/g),
    ].map((m) => m[1]);
    const files = refs.map((f) => {
      const bytes = readFileSync(path.join(dist, f));
      return { file: path.basename(f), bytes: bytes.length, gzip: gzipSync(bytes).length };
    });
    const js = files.filter((f) => f.file.endsWith('.js'));
    const css = files.filter((f) => f.file.endsWith('.css'));
    const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);
    return {
      initialJs: { files: js.length, bytes: sum(js, 'bytes'), gzip: sum(js, 'gzip') },
      initialCss: { files: css.length, bytes: sum(css, 'bytes'), gzip: sum(css, 'gzip') },
      files,
      gzipLevel: 'zlib default (6)',
    };
  } finally {
    if (!process.env.BENCH_WEB_DIST) rmSync(dist, { recursive: true, force: true });
  }
}

// ——— goals, machine, table ———

function goals(r) {
  const out = [];
  const run = (endpoint, connections, server) =>
    r.http?.runs.find((x) => x.endpoint === endpoint && x.connections === connections && x.server === server);
  const goal = (name, value, target, ok, unit = '') =>
    out.push({
      goal: name,
      value: Number.isFinite(value) ? Math.round(value * 100) / 100 : null,
      target,
      unit,
      ok,
    });
  const pApi = run('portfolio', 1, 'api');
  const pSql = run('portfolio', 1, 'sql');
  if (pApi && pSql) {
    goal('portfolio p95 @1', pApi.p95, '≤ 50 ms', pApi.p95 <= 50, 'ms');
    goal('portfolio p95 @1 ÷ SQL alone', pApi.p95 / pSql.p95, '≤ 2x', pApi.p95 / pSql.p95 <= 2, 'x');
  }
  const lApi = run('list', 50, 'api');
  const lBare = run('list', 50, 'bare');
  if (lApi && lBare) {
    goal('list @50 req/s ÷ bare', lApi.rps / lBare.rps, '≥ 0.5', lApi.rps / lBare.rps >= 0.5, 'x');
    goal('list @50 p99', lApi.p99, '< 100 ms', lApi.p99 < 100, 'ms');
  }
  if (r.sweep?.sweeps) {
    const worst = Math.max(...r.sweep.sweeps.map((s) => s.seconds));
    const per100k = (worst * 100_000) / r.sweep.projects;
    goal('sweep, 100,000 projects (scaled)', per100k, '≤ 30 s', per100k <= 30, 's');
  }
  for (const e of r.export?.runs ?? []) {
    goal(`export ${e.kind} rows/s`, e.rowsPerSecond, '≥ 20,000', e.rowsPerSecond >= 20_000);
    goal(`export ${e.kind} peak RSS growth`, e.peakRssGrowthMb, '< 100 MB', e.peakRssGrowthMb < 100, 'MB');
  }
  if (r.bundle) {
    const kb = r.bundle.initialJs.gzip / 1024;
    goal('initial JS gzipped', kb, '≤ 250 KB', kb <= 250, 'KB');
  }
  return out;
}

async function machine() {
  const cpus = os.cpus();
  let postgres = null;
  try {
    const admin = new URL(SCALE_DATABASE_URL);
    admin.pathname = '/postgres';
    const [v] = await sql(
      admin.toString(),
      `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
              current_setting('work_mem') AS work_mem, current_setting('max_connections') AS max_connections`,
    );
    postgres = v;
  } catch (err) {
    postgres = { error: err.message };
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
    loadAverageBefore: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function table(r) {
  const lines = [];
  const m = r.machine;
  lines.push(
    `Gapline benchmarks, ${r.startedAt} — ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ` +
      `PostgreSQL ${m.postgres?.version ?? '?'}; load average ${m.loadAverageBefore.join(' ')} → ${m.loadAverageAfter.join(' ')}`,
  );
  if (r.dataset) {
    const c = r.dataset.counts ?? {};
    lines.push(
      `dataset: ${r.dataset.orgs} organisations × ${r.dataset.projects} projects + one of ${r.dataset.big}; ` +
        Object.entries(c)
          .map(([k, v]) => `${v} ${k}`)
          .join(', '),
    );
  }
  const pad = (s, n, right = false) => (right ? String(s).padEnd(n) : String(s).padStart(n));
  if (r.http) {
    lines.push('');
    lines.push(
      `${pad('endpoint', 30, true)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}` +
        `   ${'vs bare (req/s)'.padEnd(16)}vs SQL (p95)`,
    );
    const label = { api: 'API (HTTP+auth)', bare: 'bare node+pg', sql: 'SQL alone' };
    for (const x of r.http.runs) {
      const bare = r.http.runs.find(
        (y) => y.endpoint === x.endpoint && y.connections === x.connections && y.server === 'bare',
      );
      const sqlRun = r.http.runs.find(
        (y) => y.endpoint === x.endpoint && y.connections === x.connections && y.server === 'sql',
      );
      const vsBare = x.server === 'api' && bare ? `${((100 * x.rps) / bare.rps).toFixed(0)}%` : '';
      const vsSql = x.server !== 'sql' && sqlRun ? `${(x.p95 / sqlRun.p95).toFixed(2)}x` : '';
      lines.push(
        `${pad(`${x.endpoint} @${x.connections} ${label[x.server]}`, 30, true)}` +
          `${pad(x.rps.toFixed(0), 9)}${pad(x.p50.toFixed(1), 9)}${pad(x.p95.toFixed(1), 9)}${pad(x.p99.toFixed(1), 9)}` +
          `   ${vsBare.padEnd(16)}${vsSql}${x.errors ? `   (${x.errors} errors)` : ''}`,
      );
    }
  }
  if (r.sweep?.sweeps) {
    lines.push('');
    for (const s of r.sweep.sweeps) {
      lines.push(
        `sweep ${s.n}: ${r.sweep.projects} projects in ${s.seconds.toFixed(1)} s = ${Math.round(r.sweep.projects / s.seconds)} projects/s` +
          ` (${s.changes} alert changes)` +
          (r.sweep.baseline
            ? `; ${(s.seconds / r.sweep.baseline.seconds).toFixed(1)}x the facts in one SQL statement`
            : ''),
      );
    }
    if (r.sweep.baseline) {
      lines.push(
        `  baseline: the facts of ${r.sweep.baseline.rows} projects in one SQL statement, ${r.sweep.baseline.seconds.toFixed(2)} s`,
      );
    }
  }
  if (r.export?.runs) {
    lines.push('');
    for (const e of r.export.runs) {
      lines.push(
        `export ${e.kind.padEnd(4)} ${e.rows} rows in ${e.seconds.toFixed(1)} s = ${e.rowsPerSecond} rows/s, ` +
          `${e.megabytes} MB, peak RSS growth ${e.peakRssGrowthMb} MB` +
          (r.export.baseline
            ? `; ${((100 * e.rowsPerSecond) / r.export.baseline.rowsPerSecond).toFixed(0)}% of the SQL alone`
            : ''),
      );
    }
    if (r.export.baseline) {
      lines.push(`  baseline: the same rows in one SQL cursor, ${r.export.baseline.rowsPerSecond} rows/s`);
    }
  }
  if (r.bundle) {
    lines.push('');
    const b = r.bundle;
    lines.push(
      `bundle: initial JS ${(b.initialJs.gzip / 1024).toFixed(1)} KB gzipped (${b.initialJs.files} files, ` +
        `${(b.initialJs.bytes / 1024).toFixed(0)} KB raw); CSS ${(b.initialCss.gzip / 1024).toFixed(1)} KB gzipped`,
    );
  }
  if (r.goals?.length) {
    lines.push('');
    lines.push('goals:');
    for (const g of r.goals) {
      lines.push(
        `  ${g.ok ? '✓' : '✖'} ${g.goal.padEnd(36)} ${String(g.value).padStart(9)} ${g.unit.padEnd(3)} (${g.target})`,
      );
    }
  }
  return lines.join('\n');
}
