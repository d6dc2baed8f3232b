import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start`: Gapline on this machine with no configuration. Without DATABASE_URL it serves an
 * embedded PostgreSQL (PGlite) from GAPLINE_DATA_DIR (default .gapline/pgdata); without REDIS_URL
 * it uses a local Redis when one answers (its worker runs in this process while the database is
 * embedded), else runs jobs in-process. It migrates, seeds a demo organisation when the database
 * is empty, and serves API and dashboard on one origin.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const env = process.env;
const children: ChildProcess[] = [];

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 500 });
    socket.once('connect', () => resolve(!!socket.end()));
    socket.once('timeout', () => resolve(!!socket.destroy() && false));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Only one process may open the embedded database: a second PGlite on the same directory would
 * corrupt it. An exclusive lock file (with the owner's pid) guards the directory.
 */
function lockDataDir(dataDir: string): () => void {
  const lock = `${dataDir}.lock`;
  try {
    const fd = openSync(lock, 'wx');
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      alive = owner > 0 && process.kill(owner, 0);
    } catch {
      alive = false;
    }
    if (alive) {
      console.error(`✖ Gapline is already running (process ${owner} holds ${dataDir}). Stop it first.`);
      process.exit(1);
    }
    writeFileSync(lock, String(process.pid)); // a stale lock from a process that died
  }
  return () => rmSync(lock, { force: true });
}

async function embeddedPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dataDir = path.resolve(root, env.GAPLINE_DATA_DIR || '.gapline/pgdata');
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const db = await PGlite.create(dataDir);
  const port = Number(env.EMBEDDED_PG_PORT ?? 54329);
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  console.log(`» Embedded PostgreSQL (PGlite) on 127.0.0.1:${port}, data in ${dataDir}`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
      unlock();
    },
  };
}

let stopDb: (() => Promise<void>) | null = null;
const embedded = !env.DATABASE_URL;
if (embedded) {
  const pgDb = await embeddedPostgres();
  env.DATABASE_URL = pgDb.url;
  // PGlite is a single database session behind the socket, which runs the protocol messages of all
  // its connections in arrival order: concurrent queries interleave (one connection's Parse replaces
  // another's unnamed statement before its Bind, and requests fail with "unnamed prepared statement
  // does not exist"). One connection, in one process (the worker included, below), keeps each whole.
  env.DB_POOL_SIZE = '1';
  stopDb = pgDb.stop;
}
if (!env.REDIS_URL && (await reachable('127.0.0.1', 6379))) {
  env.REDIS_URL = 'redis://127.0.0.1:6379';
  console.log('» Using the local Redis at 127.0.0.1:6379 for background jobs');
}
env.PORT ??= '3000';
env.PUBLIC_URL ??= `http://localhost:${env.PORT}`;

console.log('» Applying database migrations');
// Asynchronously: the embedded database is served by this very process's event loop.
const migrated = await new Promise<number | null>((resolve) => {
  spawn(process.execPath, [path.join(root, 'scripts/prisma.mjs'), 'migrate', 'deploy'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  }).once('exit', resolve);
});
if (migrated !== 0) {
  console.error('✖ Migrations failed; see above.');
  process.exit(1);
}

const { createApp } = await import('./bootstrap.js');
const { loadConfig } = await import('./config.js');
const { seedDemo } = await import('./seed.js');
const config = loadConfig(env);
const app = await createApp(config);
const demo = await seedDemo(app);
await app.listen(config.PORT);

let stopWorker: (() => Promise<void>) | null = null;
if (env.REDIS_URL && embedded) {
  // The worker's processors in this process, on the API's one database connection (see above).
  const { Logger } = await import('@nestjs/common');
  const { JobQueue } = await import('./jobs/job-queue.js');
  const { startWorker } = await import('./jobs/worker-runner.js');
  const log = new Logger('Worker');
  const running = await startWorker({ ...config, REDIS_URL: env.REDIS_URL }, app.get(JobQueue), (name, err) =>
    log.error(`job ${name} failed: ${err.message}`),
  );
  log.log(`worker started in the API process (embedded database), prefix "${config.QUEUE_PREFIX}"`);
  stopWorker = () => running.close();
} else if (env.REDIS_URL) {
  const worker = spawn(process.execPath, [path.join(here, 'worker.js')], { env, stdio: 'inherit' });
  children.push(worker);
}

console.log(`
  Gapline is running: ${config.PUBLIC_URL}
  API docs:           ${config.PUBLIC_URL}/api/docs
${demo.map((u) => `  ${u.role.padEnd(14)} ${u.email} / ${u.password}`).join('\n')}
`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // The worker finishes its jobs and disconnects before the embedded database closes under it.
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await stopWorker?.();
  await app.close();
  await stopDb?.();
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
