// Browser end-to-end tests of the user journeys, with accessibility checks (axe-core).
//
//   pnpm --filter @gapline/web test      (after `pnpm exec turbo run build`; `npm test` does both)
//
// Starts the built app once (apps/api/dist/launch.js, as `npm start` does) on free ports with a
// fresh embedded database, and drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) through
// playwright-core. The journeys run in order and share the app: the project owner and finance
// member accept the invitations of journey 1, and so on. A failing journey leaves a screenshot and
// a Playwright trace in apps/web/e2e/artifacts/, next to the app's log; open a trace with
// `pnpm --filter @gapline/web exec playwright-core show-trace <file>`. The screenshots in
// docs/screenshots/ are rewritten by every run.
import { after, before, test } from 'node:test';
import { alerts } from './journeys/alerts.mjs';
import { finance } from './journeys/finance.mjs';
import { headOfAi } from './journeys/head-of-ai.mjs';
import { projectOwner } from './journeys/project-owner.mjs';
import { tour } from './journeys/tour.mjs';
import { startApp } from './lib/app.mjs';
import { a11yChecks, launchBrowser } from './lib/browser.mjs';

/** What the journeys share: the app, the browser, and what earlier journeys created. */
const run = {};
let failed = null;

before(async () => {
  const started = Date.now();
  run.browser = await launchBrowser();
  run.app = await startApp();
  console.log(`Gapline is up at ${run.app.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

after(async () => {
  await run.browser?.close();
  await run.app?.stop();
  console.log(`accessibility: ${a11yChecks.length} pages and dialogs checked with axe-core`);
});

/** A journey builds on the ones before it: after a failure, the rest are skipped. */
function journey(name, fn) {
  test(name, { timeout: 180_000 }, async (t) => {
    if (failed) return t.skip(`needs “${failed}”, which failed`);
    try {
      await fn(run);
    } catch (error) {
      failed = name;
      throw error;
    }
  });
}

journey(
  '1. Head of AI: registers, invites, registers initiatives, checks the dashboard, overrides a gate',
  headOfAi,
);
journey(
  '2. Project owner: accepts, completes the checklist by keyboard, goes to production, is refused elsewhere',
  projectOwner,
);
journey(
  '3. Finance: accepts, records a budget and spend, sees the projection, checks the CSV and XLSX exports',
  finance,
);
journey(
  '4. Alerts: a back-dated initiative raises a stall alert in the badge; acknowledge and snooze',
  alerts,
);

test(
  'Main pages: accessible (axe-core), and their screenshots in docs/screenshots/',
  { timeout: 180_000 },
  () => tour(run),
);
