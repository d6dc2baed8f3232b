// Where things are: the repository, the artifacts of failed runs, and the API's own dependencies.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Screenshots and traces of failed journeys, and the app's log (gitignored). */
export const artifactsDir = path.join(repoRoot, 'apps/web/e2e/artifacts');

/** Packages the API already depends on (exceljs, csv-parse, pg, ioredis), resolved from apps/api. */
export const apiRequire = createRequire(path.join(repoRoot, 'apps/api/package.json'));
