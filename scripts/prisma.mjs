#!/usr/bin/env node
// Runs the workspace's Prisma CLI from any directory: node scripts/prisma.mjs <prisma args...>
// (prisma.config.ts points the CLI at the WASM schema engine, so nothing is downloaded).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/index.js');
const args = process.argv.slice(2);
if (!args.includes('--config')) args.push('--config', path.join(root, 'prisma.config.ts'));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
