// Chromium through playwright-core, one browser context per journey, and what every journey needs:
// signing in, finding their way, the accessibility check, screenshots, and a trace when a journey fails.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { artifactsDir, repoRoot } from './paths.mjs';

export const PASSWORD = 'e2e-password-1';
export const screenshotsDir = path.join(repoRoot, 'docs/screenshots');

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launchBrowser() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: install Debian's (apt-get install chromium) or set CHROMIUM to one.`,
    );
  }
  // playwright-core starts every launch with a fresh, temporary user-data-dir.
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Runs `fn(page)` in a fresh browser context (its own cookies: one user's session). A failure
 * leaves a screenshot and a Playwright trace in e2e/artifacts/; an uncaught error in the page
 * fails the journey.
 */
export async function withPage(browser, name, fn) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    locale: 'en-GB',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  // DOM snapshots of every step (a screencast as well would slow the run down on two cores).
  await context.tracing.start({ snapshots: true, title: name });
  // axe-core in every document, ready for checkA11y (an init script: the page's CSP does not apply).
  await context.addInitScript({ content: axeSource });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  try {
    await fn(page);
    assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
    await context.tracing.stop();
  } catch (error) {
    mkdirSync(artifactsDir, { recursive: true });
    const base = path.join(artifactsDir, slug(name));
    await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
    await context.tracing.stop({ path: `${base}.trace.zip` }).catch(() => undefined);
    console.error(`✖ ${name}: screenshot and trace in ${path.relative(repoRoot, base)}.{png,trace.zip}`);
    throw error;
  } finally {
    await context.close();
  }
}

export async function signIn(page, baseUrl, email, password = PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/orgs\/[^/]+\/overview/);
}

/** A section of the navigation ("Initiatives", "Alerts", ...). */
export async function openSection(page, name) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
}

/** An initiative, from the list of initiatives. */
export async function openInitiative(page, name) {
  await openSection(page, 'Initiatives');
  await page.getByRole('region', { name: 'Initiatives' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** Polls `fn` until it returns something truthy, and returns that. */
export async function eventually(what, fn, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The text as rendered (line breaks between blocks, CSS text-transform applied), on one line. */
export const textOf = async (locator) =>
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as a user reads it
  (await locator.innerText()).replace(/\s+/g, ' ').trim();

/** What the accessibility checks of the run looked at, for the summary at the end. */
export const a11yChecks = [];

/**
 * axe-core's WCAG 2.2 A and AA rules on the page as it is, dialogs and menus open included: no
 * serious or critical violation.
 */
export async function checkA11y(page, label) {
  // Let opening dialogs and menus finish their transitions (endless ones, like spinners, aside).
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
  const violations = await page.evaluate(async () => {
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`),
      }));
  });
  a11yChecks.push(label);
  assert.deepEqual(violations, [], `accessibility violations on ${label}`);
}

/** A screenshot for the README and docs/screenshots/; `charts` waits for them to draw themselves. */
export async function screenshot(page, name, { fullPage = false, charts = false } = {}) {
  mkdirSync(screenshotsDir, { recursive: true });
  if (charts) await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage, animations: 'disabled' });
}
