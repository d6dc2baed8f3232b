#!/usr/bin/env node
// The two commands of the README, runnable where only Node.js and npm are installed:
//   npm start  -> install, build, and run Gapline (API, worker, dashboard) on embedded defaults
//   npm test   -> install, build, check generated files and lint, and run every test
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.4.2';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env, ...opts });
  return res.status ?? 1;
}

function must(cmd, args) {
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`\n✖ ${[cmd, ...args].join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

/** pnpm at the pinned version: the one on PATH, else installed with npm, else run through npx. */
function resolvePnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm', []];
  console.log(`» Installing pnpm ${PNPM_VERSION} (corepack is not used: it fails on this registry)`);
  if (run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]) === 0) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}

const [pnpmCmd, pnpmPre] = resolvePnpm();
const pnpm = (...args) => must(pnpmCmd, [...pnpmPre, ...args]);

const command = process.argv[2];
pnpm('install', '--frozen-lockfile');

if (command === 'start') {
  pnpm(
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@gapline/api',
    '--filter=@gapline/web',
    '--output-logs=errors-only',
  );
  must(process.execPath, ['apps/api/dist/launch.js']);
} else if (command === 'test') {
  pnpm('exec', 'turbo', 'run', 'build', 'typecheck', '--output-logs=errors-only');
  must(process.execPath, ['scripts/check-generated.mjs']);
  pnpm('exec', 'biome', 'ci', '.');
  pnpm('exec', 'turbo', 'run', 'test', '--concurrency=1');
} else {
  console.error('usage: node scripts/gapline.mjs start|test');
  process.exit(2);
}
