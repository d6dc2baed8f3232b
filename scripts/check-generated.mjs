#!/usr/bin/env node
// Fails when a generated artefact that is committed no longer matches its source:
// the OpenAPI document (from the API's decorators), the typed client (from the document), and
// the migrations (from prisma/schema.prisma).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gapline-gen-'));
const problems = [];

function same(committed, fresh, fix) {
  if (readFileSync(path.join(root, committed), 'utf8') !== readFileSync(fresh, 'utf8')) {
    problems.push(`${committed} is stale: run \`${fix}\` and commit the result`);
  }
}

const doc = path.join(tmp, 'openapi.json');
execFileSync(process.execPath, ['apps/api/dist/openapi.js', doc], { cwd: root, stdio: 'ignore' });
same('packages/api-client/openapi.json', doc, 'pnpm api:openapi');

const schema = path.join(tmp, 'schema.ts');
execFileSync(
  process.execPath,
  [
    path.join(root, 'packages/api-client/node_modules/openapi-typescript/bin/cli.js'),
    'packages/api-client/openapi.json',
    '-o',
    schema,
  ],
  { cwd: root, stdio: 'ignore' },
);
same('packages/api-client/src/schema.ts', schema, 'pnpm --filter @gapline/api-client build');

function serverUrl() {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gapline_test');
  url.pathname = '/postgres';
  return url.toString();
}

const diff = spawnSync(
  process.execPath,
  [
    'scripts/prisma.mjs',
    'migrate',
    'diff',
    '--from-migrations',
    'prisma/migrations',
    '--to-schema',
    'prisma/schema.prisma',
    '--exit-code',
  ],
  // Replaying the migrations needs a server to make a temporary shadow database on: the test server.
  { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: serverUrl() } },
);
if (diff.status === 2)
  problems.push('prisma/schema.prisma has changes without a migration: run `pnpm db:migrate`');
else if (diff.status !== 0)
  problems.push(`could not compare migrations with the schema:\n${diff.stderr || diff.stdout}`);

if (problems.length) {
  console.error(`✖ Generated files are out of date:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log('✓ OpenAPI document, API client and migrations are up to date');
