// Starts Gapline the way the README's `npm start` does (node apps/api/dist/launch.js, after the build),
// on free ports and a fresh embedded database in a temporary directory, and stops it afterwards.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { apiRequire, artifactsDir, repoRoot } from './paths.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Removes the run's job queue (schedules, finished and delayed jobs) from Redis, if it used one. */
async function dropQueue(log, prefix) {
  const url =
    process.env.REDIS_URL ?? (log.includes('Using the local Redis') ? 'redis://127.0.0.1:6379' : null);
  if (!url) return;
  const { Redis } = apiRequire('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * The running app: its base URL, the embedded database's URL, and its log (stdout and stderr of
 * the API and its worker), in which the development mailer writes the e-mails it would send.
 */
export async function startApp() {
  const launcher = path.join(repoRoot, 'apps/api/dist/launch.js');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gapline-e2e-'));
  const [port, pgPort] = [await freePort(), await freePort()];
  // Its own job queue in a shared Redis: a developer's app and an earlier run never see its jobs.
  const queuePrefix = `gapline-e2e-${process.pid}`;
  const env = {
    ...process.env,
    GAPLINE_DATA_DIR: path.join(tmp, 'pgdata'),
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    PUBLIC_URL: `http://localhost:${port}`,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'info',
  };
  // The embedded database and the log mailer, whatever the calling shell has configured.
  for (const key of ['DATABASE_URL', 'TEST_DATABASE_URL', 'SMTP_URL', 'NODE_ENV', 'WEB_DIST'])
    delete env[key];

  mkdirSync(artifactsDir, { recursive: true });
  const logFile = createWriteStream(path.join(artifactsDir, 'app.log'));
  let log = '';
  // Its own process group, so that whatever it starts can be killed with it.
  const child = spawn(process.execPath, [launcher], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      log += chunk;
      logFile.write(chunk);
    });
  }
  // Should this process end without the teardown (Ctrl-C), the app goes with it.
  const killGroup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  let exited = null;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const app = {
    baseUrl: `http://localhost:${port}`,
    databaseUrl: `postgresql://postgres@127.0.0.1:${pgPort}/postgres?sslmode=disable`,
    get log() {
      return log;
    },

    /** The link in the invitation e-mail to this address, as the log mailer wrote it. */
    async invitationLink(email, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        for (const line of log.split('\n')) {
          if (!line.startsWith('{')) continue;
          let msg = '';
          try {
            msg = JSON.parse(line).msg ?? '';
          } catch {
            continue;
          }
          if (!msg.includes(`e-mail to ${email} logged instead`)) continue;
          const link = /Accept the invitation: (\S+)/.exec(msg)?.[1];
          if (link) return link;
        }
        if (Date.now() > until) throw new Error(`No invitation e-mail to ${email} in the app log`);
        await sleep(100);
      }
    },

    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exit, sleep(20_000).then(() => null)]);
        if (!stopped) {
          killGroup();
          await exit;
        }
      }
      process.off('exit', killGroup);
      logFile.end();
      rmSync(tmp, { recursive: true, force: true });
      await dropQueue(log, queuePrefix);
    },
  };

  // Up when the API answers; it seeds and migrates before it listens.
  const until = Date.now() + 120_000;
  for (;;) {
    if (exited) {
      await app.stop();
      throw new Error(`Gapline did not start (${JSON.stringify(exited)}):\n${log.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${app.baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await app.stop();
      throw new Error(`Gapline did not answer within 2 minutes:\n${log.slice(-4000)}`);
    }
    await sleep(250);
  }
  return app;
}
