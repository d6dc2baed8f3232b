// Load soak (not in CI): the API and the worker as production runs them, and many users of many
// organisations reading and writing at a steady rate for SOAK_SECONDS (default 600). Reports errors
// (goal 0), latency percentiles per kind of request, and the processes' memory at start and end
// (goal: flat). Writes bench/results/soak.json.
//   pnpm soak                       (SOAK_SECONDS=60 SOAK_RATE=20 pnpm soak for a short run)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 40); // requests per second, spread evenly
const ORGS = Number(process.env.SOAK_ORGS ?? 20);
const MEMBERS = 3; // admin, owner, finance per organisation
const PROJECTS = 30;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const db = await freshDatabase(
  new URL(process.env.SOAK_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gapline_soak'),
);
const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const env = {
  ...process.env,
  NODE_ENV: 'production',
  JWT_SECRET: 'soak-secret-0123456789-0123456789-abcdef',
  DATABASE_URL: db,
  REDIS_URL,
  QUEUE_PREFIX: `gapline-soak-${process.pid}`,
  PORT: String(port),
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: 'warn',
  LOGIN_MAX_FAILURES: '1000',
};
const children = [
  spawn(process.execPath, [path.join(here, '../dist/main.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
  spawn(process.execPath, [path.join(here, '../dist/worker.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
];
const [api, worker] = children;
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('exit', stop);
const base = `http://127.0.0.1:${port}/api`;
for (let i = 0; ; i++) {
  if ((await fetch(`${base}/health`).catch(() => null))?.ok) break;
  if (i > 300) throw new Error('the API did not start');
  await new Promise((r) => setTimeout(r, 100));
}

async function call(method, url, token, body) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok)
    throw Object.assign(new Error(`${method} ${url} → ${res.status} ${text.slice(0, 200)}`), {
      status: res.status,
    });
  return text ? JSON.parse(text) : null;
}

// Organisations, their members (through real invitations) and projects.
console.log(`» setting up ${ORGS} organisations × ${MEMBERS} users × ${PROJECTS} projects`);
const orgs = [];
for (let o = 0; o < ORGS; o++) {
  const admin = await call('POST', '/auth/register', undefined, {
    email: `admin${o}@soak.gapline.dev`,
    password: 'soak-password-123',
    name: `Admin ${o}`,
    organizationName: `Soak ${o}`,
  });
  const users = [{ role: 'ADMIN', token: admin.accessToken, id: admin.user.id }];
  for (const role of ['PROJECT_OWNER', 'FINANCE']) {
    const email = `${role.toLowerCase()}${o}@soak.gapline.dev`;
    const inv = await call('POST', `/orgs/${admin.orgId}/invitations`, admin.accessToken, { email, role });
    const token = decodeURIComponent(inv.acceptUrl.split('/invite/')[1]);
    const u = await call('POST', '/auth/register', undefined, {
      email,
      password: 'soak-password-123',
      name: role,
      invitationToken: token,
    });
    users.push({ role, token: u.accessToken, id: u.user.id });
  }
  const owner = users[1];
  const projects = [];
  for (let p = 0; p < PROJECTS; p++) {
    const created = await call('POST', `/orgs/${admin.orgId}/projects`, admin.accessToken, {
      name: `Initiative ${p}`,
      stage: p % 3 === 0 ? 'IDEA' : 'POC',
      ownerId: owner.id,
      personalData: p % 2 === 0,
    });
    projects.push(created.id);
  }
  orgs.push({ id: admin.orgId, users, projects });
}

const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const CAPS = ['ci-cd', 'model-versioning', 'drift-detection', 'monitoring-alerting', 'data-quality-checks'];
const STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE'];
/** The mix: weights out of 100; writes are 35%. */
const OPS = [
  [20, 'list', (o, u) => call('GET', `/orgs/${o.id}/projects?limit=50`, u.token)],
  [15, 'portfolio', (o, u) => call('GET', `/orgs/${o.id}/portfolio`, u.token)],
  [15, 'project', (o, u) => call('GET', `/orgs/${o.id}/projects/${pick(o.projects)}`, u.token)],
  [10, 'checklist', (o, u) => call('GET', `/orgs/${o.id}/projects/${pick(o.projects)}/checklist`, u.token)],
  [5, 'alerts', (o, u) => call('GET', `/orgs/${o.id}/alerts`, u.token)],
  [
    15,
    'checklist write',
    (o) =>
      call('PATCH', `/orgs/${o.id}/projects/${pick(o.projects)}/checklist/${pick(CAPS)}`, o.users[1].token, {
        status: pick(STATUSES),
      }),
  ],
  [
    10,
    'cost write',
    (o) =>
      call('POST', `/orgs/${o.id}/projects/${pick(o.projects)}/costs`, o.users[2].token, {
        date: '2026-11-01',
        amount: 1 + Math.floor(Math.random() * 500_000),
        category: 'OTHER',
        stage: 'POC',
      }),
  ],
  [
    5,
    'project write',
    (o) =>
      call('PATCH', `/orgs/${o.id}/projects/${pick(o.projects)}`, o.users[0].token, {
        description: `Updated at ${new Date().toISOString()}`,
      }),
  ],
  [
    5,
    'project create',
    (o) => call('POST', `/orgs/${o.id}/projects`, o.users[0].token, { name: `Soak ${Date.now()}` }),
  ],
];
const TOTAL = OPS.reduce((t, [w]) => t + w, 0);
function chooseOp() {
  let r = Math.random() * TOTAL;
  for (const op of OPS) {
    r -= op[0];
    if (r < 0) return op;
  }
  return OPS[0];
}

const rssOf = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const memory = () => ({ apiMb: Math.round(rssOf(api.pid)), workerMb: Math.round(rssOf(worker.pid)) });

// A short warm-up, so the memory baseline is after the caches and JIT have settled.
const latencies = new Map();
const errors = [];
async function fire() {
  const [, name, fn] = chooseOp();
  const o = pick(orgs);
  const u = pick(o.users);
  const t = performance.now();
  try {
    await fn(o, u);
    const xs = latencies.get(name) ?? [];
    xs.push(performance.now() - t);
    latencies.set(name, xs);
  } catch (err) {
    errors.push(`${name}: ${err.message}`);
  }
}
async function run(seconds) {
  const inflight = new Set();
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * RATE);
    for (; sent < due; sent++) {
      const p = fire().finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(inflight);
  return sent;
}
await run(Math.min(30, SECONDS / 10));
latencies.clear();
errors.length = 0;
const memStart = memory();
const samples = [{ at: 0, ...memStart }];
const sampler = setInterval(() => samples.push({ at: Math.round(process.uptime()), ...memory() }), 30_000);
console.log(
  `» ${SECONDS} s at ${RATE} req/s; memory at start: API ${memStart.apiMb} MB, worker ${memStart.workerMb} MB`,
);
const started = performance.now();
const sent = await run(SECONDS);
const wall = (performance.now() - started) / 1000;
clearInterval(sampler);
const memEnd = memory();

const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    count: s.length,
    p50: +pct(s, 50).toFixed(1),
    p95: +pct(s, 95).toFixed(1),
    p99: +pct(s, 99).toFixed(1),
  };
};
const all = [...latencies.values()].flat();
const result = {
  at: new Date().toISOString(),
  seconds: SECONDS,
  targetRate: RATE,
  achievedRate: +(sent / wall).toFixed(1),
  organisations: ORGS,
  users: ORGS * MEMBERS,
  requests: sent,
  errors: errors.length,
  errorSamples: errors.slice(0, 10),
  latencyMs: { all: summary(all), ...Object.fromEntries([...latencies].map(([k, xs]) => [k, summary(xs)])) },
  memoryMb: { start: memStart, end: memEnd, samples },
};
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results/soak.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `requests ${sent} in ${wall.toFixed(0)} s (${result.achievedRate} req/s), errors ${errors.length}`,
);
for (const [k, v] of Object.entries(result.latencyMs))
  console.log(
    `${k.padEnd(16)} n=${String(v.count).padStart(6)}  p50 ${v.p50} ms  p95 ${v.p95} ms  p99 ${v.p99} ms`,
  );
console.log(
  `memory: API ${memStart.apiMb} → ${memEnd.apiMb} MB, worker ${memStart.workerMb} → ${memEnd.workerMb} MB`,
);
if (errors.length) console.log(errors.slice(0, 10).join('\n'));
stop();
process.exit(errors.length ? 1 : 0);
