// Shared set-up of the benchmarks: a fresh migrated database, the API on a free port, a first admin.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs one statement on its own connection and returns the rows. */
export async function sql(connectionString, text, values) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Drops and recreates the database named in `url`, migrates it, and returns its URL as a string. */
export async function freshDatabase(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const name = new URL(url).pathname.slice(1);
  await sql(admin.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await sql(admin.toString(), `CREATE DATABASE "${name}"`);
  execFileSync(process.execPath, [path.join(root, 'scripts/prisma.mjs'), 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: 'ignore',
  });
  return url.toString();
}

/** Points the API's configuration at the bench database, quietly, with jobs in-process. */
export function benchEnv(db, extra = {}) {
  Object.assign(process.env, { DATABASE_URL: db, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...extra });
  delete process.env.REDIS_URL;
}

/** The whole HTTP API on a free port, and its first organisation's admin. */
export async function startApi(db, organizationName = 'Bench') {
  benchEnv(db);
  const { createApp } = await import('../dist/bootstrap.js');
  const { loadConfig } = await import('../dist/config.js');
  const app = await createApp(loadConfig());
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const { orgId, accessToken, user } = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'bench@gapline.dev',
      password: 'benchmark-password',
      name: 'Bench',
      organizationName,
    }),
  }).then((r) => r.json());
  return { app, base, orgId, accessToken, userId: user.id };
}

/** A digest of the migrations in the working tree: a database seeded under others is stale. */
export function migrationsDigest() {
  const dir = path.join(root, 'prisma/migrations');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.toml')) continue;
    hash.update(name).update(readFileSync(path.join(dir, name, 'migration.sql')));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Hands a benchmark's figures to bench/run.mjs (a no-op when the script runs on its own). */
export function writeResult(result) {
  if (process.env.BENCH_RESULT_FILE) writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result));
}
