// Manual smoke run against a running API that serves the built dashboard:
//   BASE_URL=http://localhost:3100 node apps/web/e2e/smoke.mjs
// Signs in as the seeded demo users and screenshots the main pages into $SHOTS (default /tmp/gapline-shots).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:3100';
const SHOTS = process.env.SHOTS ?? '/tmp/gapline-shots';
mkdirSync(SHOTS, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
  ],
});
const results = [];
const check = (name, ok, extra = '') => {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${extra ? ` (${extra})` : ''}`);
};

async function signIn(page, email) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.locator('input[type=password]').fill('gapline-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/orgs\/[^/]+\/overview/);
}

const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
const page = await context.newPage();
const consoleErrors = [];
page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
page.on('pageerror', (e) => consoleErrors.push(String(e)));

try {
  await page.goto(`${BASE}/login`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/01-login.png` });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.screenshot({ path: `${SHOTS}/02-login-validation.png` });

  await signIn(page, 'admin@demo.gapline.dev');
  check('admin can sign in', true, page.url());
  const orgBase = page.url().replace(/\/overview$/, '');
  await page.getByText('Team by role').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${SHOTS}/03-overview.png` });

  // Reload: the session is restored from the refresh cookie.
  await page.reload();
  await page.getByText('Team by role').waitFor();
  check('session survives a reload', page.url().endsWith('/overview'));

  // An expired access token: the first calls to two org endpoints answer 401 at the same time.
  // The client must refresh once (refresh tokens rotate) and retry both.
  let refreshes = 0;
  const forced = new Set();
  page.on('request', (r) => r.url().endsWith('/api/auth/refresh') && refreshes++);
  await page.route(/\/api\/orgs\/[^/]+(\/members)?$/, (route) => {
    const key = new URL(route.request().url()).pathname;
    if (forced.has(key)) return route.continue();
    forced.add(key);
    return route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Token expired' }),
    });
  });
  // Reload: one refresh restores the session, then the overview loads the organisation and its
  // members in parallel, both get a 401, and they must share a single second refresh.
  await page.reload();
  await page.getByRole('region', { name: 'Members' }).getByText(/^\d+$/).waitFor();
  await page.waitForTimeout(500);
  check(
    '401s trigger one shared refresh and a retry',
    refreshes === 2 && forced.size === 2,
    `${refreshes} refreshes incl. the one on load, ${forced.size} forced 401s`,
  );
  await page.unroute(/\/api\/orgs\/[^/]+(\/members)?$/);
  await page.getByRole('link', { name: 'Overview', exact: true }).click();

  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('table').first().waitFor();
  const rows = await page.locator('section[aria-label="Members"] tbody tr').count();
  check('members page lists 4 members', rows === 4, `${rows} rows`);
  await page.screenshot({ path: `${SHOTS}/04-members.png`, fullPage: true });

  // Invite and see the link.
  await page.getByRole('button', { name: 'Invite member' }).click();
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.screenshot({ path: `${SHOTS}/05-invite-validation.png` });
  const inviteEmail = `grace+${Date.now()}@example.com`;
  await page.getByRole('dialog').getByLabel('E-mail').fill(inviteEmail);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  const link = page.getByLabel('Invitation link');
  await link.waitFor();
  const acceptUrl = await link.inputValue();
  check('invite shows an accept link', /\/invite\//.test(acceptUrl), acceptUrl);
  await page.screenshot({ path: `${SHOTS}/06-invite-link.png` });
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('cell', { name: inviteEmail, exact: true }).waitFor();
  check('pending invitation listed', true);

  // Change the viewer's role to Finance and back.
  const viewerRow = page.locator('tr', { hasText: 'viewer@demo.gapline.dev' });
  const roleSelect = viewerRow.getByLabel(/Role of/);
  await roleSelect.click();
  await page.getByRole('option', { name: 'Finance' }).click();
  await page.getByText('Role changed').waitFor();
  check('role change works', (await roleSelect.inputValue()) === 'Finance');
  await page.screenshot({ path: `${SHOTS}/07-role-changed.png` });
  await roleSelect.click();
  await page.getByRole('option', { name: 'Viewer' }).click();
  await page.waitForTimeout(800);

  // Demoting the last admin is refused with the server's reason.
  const adminRow = page.locator('tr', { hasText: 'admin@demo.gapline.dev' });
  await adminRow.getByLabel(/Role of/).click();
  await page.getByRole('option', { name: 'Viewer' }).click();
  const refusal = page.getByText(/last admin/i).first();
  await refusal.waitFor({ timeout: 5000 }).catch(() => undefined);
  check('last admin demotion refused with a message', await refusal.isVisible());
  await page.screenshot({ path: `${SHOTS}/08-last-admin.png` });

  // Audit trail.
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).waitFor();
  await page.locator('section[aria-label="Audit events"] tbody tr').first().waitFor();
  const events = await page.locator('section[aria-label="Audit events"] tbody tr').count();
  check('audit lists events', events > 0, `${events} rows`);
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await page.getByText('The chain is intact').waitFor();
  check('verify says valid', true);
  await page
    .getByRole('button', { name: /Show details of event/ })
    .first()
    .click();
  await page.screenshot({ path: `${SHOTS}/09-audit.png`, fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  check(
    'export downloads NDJSON',
    download.suggestedFilename().endsWith('.ndjson'),
    download.suggestedFilename(),
  );

  // Filter by entity type.
  await page.getByRole('combobox', { name: 'Entity type' }).click();
  await page.getByRole('option', { name: 'Invitation' }).click();
  await page.waitForTimeout(1200);
  const entityCells = await page
    .locator('section[aria-label="Audit events"] tbody tr td:nth-child(4)')
    .allInnerTexts();
  check(
    'entity filter applies',
    entityCells.length > 0 && entityCells.every((t) => t.startsWith('invitation')),
  );

  await page.getByRole('link', { name: 'Settings' }).click();
  const nameInput = page.getByRole('textbox', { name: 'Name' });
  await nameInput.waitFor();
  const originalName = await nameInput.inputValue();
  await nameInput.fill('Demo Insurance Group (renamed)');
  await page.screenshot({ path: `${SHOTS}/10-settings.png` });
  await nameInput.press('Enter');
  await page.getByText('Name saved').waitFor();
  await page.waitForTimeout(500);
  const switcher = await page.getByRole('combobox', { name: 'Organisation' }).inputValue();
  check('rename updates the organisation switcher', switcher === 'Demo Insurance Group (renamed)', switcher);
  await nameInput.fill(originalName);
  await nameInput.press('Enter');
  await page.waitForTimeout(800);

  await page.goto(`${orgBase}/nope`);
  await page.getByText('Page not found').waitFor();
  await page.screenshot({ path: `${SHOTS}/11-404-in-app.png` });

  // Sign out.
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
  check('sign out returns to login', true);

  // The invitation link, signed out.
  const invitePath = new URL(acceptUrl).pathname;
  await page.goto(`${BASE}${invitePath}`);
  await page.getByText('Create your account').waitFor();
  await page.screenshot({ path: `${SHOTS}/12-invite-signed-out.png` });
  await page.getByLabel('Your name').fill('Grace Hopper');
  await page.locator('input[type=password]').fill('grace-password-1');
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await page.waitForURL(/\/orgs\/[^/]+\/overview/);
  check('invited user registers and lands in the org', true);
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);

  // Viewer: no admin actions.
  await signIn(page, 'viewer@demo.gapline.dev');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  const navText = await nav.textContent();
  check(
    'viewer nav hides audit and settings',
    !navText.includes('Audit') && !navText.includes('Settings'),
    navText.replace(/\n/g, ' | '),
  );
  await page.getByRole('link', { name: 'Members' }).click();
  await page.locator('section[aria-label="Members"] tbody tr').first().waitFor();
  const inviteButtons = await page.getByRole('button', { name: 'Invite member' }).count();
  const roleSelects = await page.getByLabel(/Role of/).count();
  const removeButtons = await page.getByRole('button', { name: /^Remove / }).count();
  check('viewer sees no admin actions', inviteButtons + roleSelects + removeButtons === 0);
  await page.screenshot({ path: `${SHOTS}/13-viewer-members.png` });
  await page.goto(`${orgBase}/audit`);
  await page.getByText('Not available for your role').waitFor();
  check('viewer typing the audit URL is refused', true);
  await page.screenshot({ path: `${SHOTS}/14-viewer-audit.png` });

  // Unknown route outside the app.
  await page.goto(`${BASE}/definitely/not/here`);
  await page.getByText('Page not found').waitFor();
  await page.screenshot({ path: `${SHOTS}/15-404.png` });
} catch (error) {
  console.error(error);
  await page.screenshot({ path: `${SHOTS}/error.png` });
  results.push({ name: 'script completed', ok: false });
} finally {
  if (consoleErrors.length) console.log('Console errors:\n', consoleErrors.join('\n'));
  await browser.close();
}
const failed = results.filter((r) => !r.ok);
console.log(`${results.length - failed.length}/${results.length} checks passed`);
process.exit(failed.length ? 1 : 0);
