import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real PostgreSQL and Redis servers that a test starts, stops and restarts itself, on ports of its
 * own, so it can cause an outage without touching the shared services.
 */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort().at(-1);
  if (!version) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return path.join(root, version, 'bin', name);
}

/** initdb and postgres refuse to run as root; as root, they run as the postgres user. */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

export interface OwnPostgres {
  url: string;
  start(): Promise<void>;
  stop(): void;
  destroy(): void;
}

export async function ownPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gapline-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const [cmd, args] = asServerUser(pgBin('initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
  ]);
  execFileSync(cmd, args, { stdio: 'ignore' });
  const pgCtl = (...a: string[]) => {
    const [c, x] = asServerUser(pgBin('pg_ctl'), ['-D', data, ...a]);
    execFileSync(c, x, { stdio: 'ignore' });
  };
  const server: OwnPostgres = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      pgCtl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start');
    },
    stop() {
      pgCtl('-m', 'fast', '-w', 'stop');
    },
    destroy() {
      try {
        server.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

export interface OwnRedis {
  url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const server: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await waitFor('redis to listen', () => tcpOpen(port).then((ok) => (ok ? true : undefined)));
    },
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      await new Promise((r) => {
        c.once('exit', r);
        c.kill('SIGKILL');
      });
    },
  };
  await server.start();
  return server;
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => resolve(!!s.end()));
    s.once('error', () => resolve(false));
  });
}

/** The built worker (`dist/worker.js`) as a child process, as it runs in production. */
export function spawnWorker(env: Record<string, string>): ChildProcess {
  const entry = fileURLToPath(new URL('../dist/worker.js', import.meta.url));
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: build the API first (pnpm --filter @gapline/api build)`);
  return spawn(process.execPath, [entry], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
