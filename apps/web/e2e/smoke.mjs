// Manual smoke run against a running API that serves the built dashboard:
//   BASE_URL=http://localhost:3100 node apps/web/e2e/smoke.mjs
// Signs in as the seeded demo users and screenshots the main pages into $SHOTS (default /tmp/gapline-shots).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:3100';
const SHOTS = process.env.SHOTS ?? '/tmp/gapline-shots';
mkdirSync(SHOTS, { recursive: true });

// playwright-core starts every launch with a fresh, temporary user-data-dir.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
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
const results = [];
const text = async (locator) => ((await locator.textContent()) ?? '').trim();
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

async function signOut(page) {
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
}

async function openProject(page, name, tab) {
  await page.getByRole('link', { name: 'Initiatives' }).first().click();
  await page.locator('section[aria-label="Initiatives"] tbody tr').first().waitFor();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name }).waitFor();
  if (tab) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForURL(new RegExp(`/${tab.toLowerCase()}$`));
  }
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
  await page.getByTestId('kpi-tiles').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${SHOTS}/03-overview.png`, fullPage: true });

  // The portfolio dashboard: six KPI tiles, one heatmap row per initiative the API lists, tiles that link.
  const tiles = await page.getByTestId('kpi-tile').count();
  check('dashboard shows the KPI tiles', tiles === 6, `${tiles} tiles`);
  const portfolioResponse = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/portfolio'));
  await page.reload();
  const portfolio = await (await portfolioResponse).json();
  await page.getByTestId('heatmap-row').first().waitFor();
  const heatmapRows = await page.getByTestId('heatmap-row').count();
  check(
    'heatmap has one row per initiative shown',
    heatmapRows === portfolio.heatmap.projects.length && heatmapRows > 0,
    `${heatmapRows} rows, API ${portfolio.heatmap.projects.length}`,
  );
  await page.getByRole('link', { name: /^Ready for production/ }).click();
  await page.waitForURL(/\/projects\?stage=PRODUCTIONIZING/);
  await page.locator('tbody tr').first().waitFor();
  check('a KPI tile opens the filtered list', true, page.url());
  await page.goBack();
  await page.getByTestId('kpi-tiles').waitFor();

  // Reload: the session is restored from the refresh cookie.
  await page.reload();
  await page.getByTestId('kpi-tiles').waitFor();
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
  const retried = (re) => page.waitForResponse((r) => re.test(new URL(r.url()).pathname) && r.ok());
  const retriedBoth = Promise.all([retried(/\/api\/orgs\/[^/]+$/), retried(/\/api\/orgs\/[^/]+\/members$/)]);
  await page.reload();
  await retriedBoth;
  await page.getByTestId('kpi-tiles').waitFor();
  await page.waitForTimeout(500);
  check(
    '401s trigger one shared refresh and a retry',
    refreshes === 2 && forced.size === 2,
    `${refreshes} refreshes incl. the one on load, ${forced.size} forced 401s`,
  );
  await page.unroute(/\/api\/orgs\/[^/]+(\/members)?$/);
  await page.getByRole('link', { name: 'Overview', exact: true }).click();

  await page.getByRole('link', { name: 'Members' }).click();
  await page.waitForURL(/\/members$/);
  await page.locator('section[aria-label="Members"] tbody tr').first().waitFor();
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
  const nameInput = page
    .getByRole('form', { name: 'Rename the organisation' })
    .getByRole('textbox', { name: 'Name' });
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

  // ── Initiatives ──────────────────────────────────────────────────────────────
  await page.getByRole('link', { name: 'Initiatives' }).click();
  const projectRows = page.locator('section[aria-label="Initiatives"] tbody tr');
  await projectRows.first().waitFor();
  check(
    'initiatives list shows the seeded portfolio',
    (await projectRows.count()) > 0,
    `${await projectRows.count()} rows`,
  );
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/20-initiatives.png`, fullPage: true });

  // Filter by stage: reflected in the address bar and kept on reload.
  await page.getByRole('combobox', { name: 'Stage' }).click();
  await page.getByRole('option', { name: 'Proof of concept' }).click();
  await page.keyboard.press('Escape');
  await page.waitForURL(/[?&]stage=POC(&|$)/);
  await page.waitForTimeout(800);
  const stagesShown = async () =>
    (await projectRows.locator('td:nth-child(4)').allInnerTexts()).map((t) => t.trim());
  let shown = await stagesShown();
  check(
    'stage filter is in the URL and applies',
    shown.length > 0 && shown.every((t) => t === 'Proof of concept'),
    `${page.url().split('?')[1]} → ${shown.join(', ')}`,
  );
  await page.screenshot({ path: `${SHOTS}/21-initiatives-filtered.png`, fullPage: true });
  await page.reload();
  await projectRows.first().waitFor();
  shown = await stagesShown();
  check(
    'filter survives a reload',
    shown.every((t) => t === 'Proof of concept') && page.url().includes('stage=POC'),
  );
  // Sort by name, descending, with a click on the header.
  await page.getByRole('button', { name: 'Name' }).click();
  await page.waitForURL(/sort=-name/);
  check('sorting by a column header goes to the URL', true);
  // A search with no result offers to clear the filters.
  await page.getByLabel('Search').fill('zzz-no-such-initiative');
  await page.getByText('No results for these filters').waitFor();
  await page.screenshot({ path: `${SHOTS}/22-initiatives-empty.png` });
  await page.getByRole('button', { name: 'Clear filters' }).last().click();
  await projectRows.first().waitFor();
  check(
    'clear filters resets the URL',
    !page.url().includes('stage=') && !page.url().includes('q='),
    page.url(),
  );

  // Register an initiative.
  await page.getByRole('link', { name: 'Register an initiative' }).click();
  await page.getByRole('button', { name: 'Register initiative' }).click();
  await page.getByText('Enter a name').waitFor();
  await page.screenshot({ path: `${SHOTS}/23-create-validation.png`, fullPage: true });
  const projectName = `Smoke claims triage ${Date.now()}`;
  await page.getByLabel('Name', { exact: false }).first().fill(projectName);
  await page.getByLabel('Business unit').fill('Claims');
  await page.getByLabel('Expected annual value').fill('250000');
  await page.getByLabel('Uptime SLA').fill('99.9');
  await page.getByLabel('Personal data').check();
  await page.getByLabel('Limited', { exact: true }).check();
  await page.screenshot({ path: `${SHOTS}/24-create-filled.png`, fullPage: true });
  await page.getByRole('button', { name: 'Register initiative' }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: projectName }).waitFor();
  const recommendation = await text(page.getByTestId('recommendation'));
  check('create lands on the project page with a decision', recommendation.length > 0, recommendation);
  await page
    .getByText(/Uptime|personal/i)
    .first()
    .waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/25-project.png`, fullPage: true });

  // Move IDEA → POC, then POC → POC sufficient, which the server refuses (criteria apply).
  await page.getByRole('button', { name: 'Move stage' }).click();
  await page.getByRole('dialog').getByLabel('Proof of concept').check();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Move to/ })
    .click();
  await page.getByText('Stage changed').waitFor();
  await page
    .getByRole('dialog')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.getByRole('button', { name: 'Move stage' }).click();
  await page.getByRole('dialog').getByLabel('POC sufficient').check();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Move to/ })
    .click();
  const refused = page.getByRole('dialog').getByRole('alert');
  await refused.waitFor();
  const refusedText = await text(refused);
  check(
    'a refused move shows the server message',
    /criteria apply/i.test(refusedText),
    refusedText.replace(/\n/g, ' '),
  );
  await page.screenshot({ path: `${SHOTS}/26-move-refused.png` });
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  const timelineText = await text(page.getByRole('region', { name: 'Stage history' }));
  check('timeline shows the move', timelineText.includes('Idea → Proof of concept'));

  // Checklist: one click, then the keyboard.
  await page.getByRole('tab', { name: /Checklist/ }).click();
  await page.waitForURL(/\/checklist$/);
  const summary = page.getByTestId('readiness-summary');
  await summary.waitFor();
  const before = await text(summary);
  await page.getByTestId('item-model-versioning').getByText('Done', { exact: true }).click();
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid=readiness-summary]')?.textContent !== text,
    before,
  );
  const afterClick = await text(summary);
  check('status by click updates readiness', afterClick.startsWith('1 of'), `${before} → ${afterClick}`);
  await page.getByTestId('item-ci-cd').focus();
  await page.keyboard.press('3');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=readiness-summary]')?.textContent?.startsWith('2 of'),
  );
  check('status by keyboard (3 = done) updates readiness', true, await text(summary));
  await page.getByTestId('item-drift-detection').focus();
  await page.keyboard.press('2');
  await page.getByTestId('item-drift-detection').getByText('In progress', { exact: true }).waitFor();
  await page.waitForTimeout(600);
  const driftStatus = await page.getByTestId('item-drift-detection').getAttribute('aria-label');
  check('keyboard 2 = in progress', driftStatus?.endsWith('In progress') ?? false, driftStatus ?? '');
  // N/A asks for a justification; always-required items cannot take it.
  const naDisabled = await page.getByTestId('item-ci-cd').locator('input[value=NOT_APPLICABLE]').isDisabled();
  check('N/A is disabled for always-required items', naDisabled);
  await page.getByTestId('item-cost-monitoring').focus();
  await page.keyboard.press('4');
  await page.getByRole('dialog').getByLabel('Justification').fill('Runs on a fixed-price managed service.');
  await page.screenshot({ path: `${SHOTS}/27-na-modal.png` });
  await page.getByRole('dialog').getByRole('button', { name: 'Mark not applicable' }).click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=readiness-summary]')?.textContent?.includes('of 16'),
  );
  check('N/A with justification leaves the readiness count', true, await text(summary));
  await page.getByRole('button', { name: 'Show details of Model versioning and registry' }).click();
  await page.getByPlaceholder('https://…').fill('https://wiki.example.com/registry');
  await page.getByPlaceholder('Title').fill('Registry page');
  await page.getByRole('button', { name: 'Add link' }).click();
  await page.getByRole('link', { name: 'Registry page' }).waitFor();
  check('evidence link added inline', true);
  await page.getByTestId('item-incident-runbooks').focus();
  await page.screenshot({ path: `${SHOTS}/28-checklist.png`, fullPage: true });
  await page.mouse.wheel(0, 1200);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/29-checklist-scrolled.png` });
  await page.getByRole('tab', { name: /Overview/ }).click();
  const overviewReadiness = await text(page.getByTestId('readiness-summary'));
  check(
    'overview readiness follows the checklist',
    overviewReadiness.startsWith('2 of 16'),
    overviewReadiness,
  );
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/30-project-after.png`, fullPage: true });

  // Settings: thresholds and the checklist template.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('region', { name: 'Checklist template' }).locator('tbody tr').first().waitFor();
  const retireCiCd = page.getByRole('switch', { name: 'Retire CI/CD' });
  check('always-required capabilities cannot be retired', await retireCiCd.isDisabled());
  await page.screenshot({ path: `${SHOTS}/31-settings-full.png`, fullPage: true });

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

  // Project owner: edits their own initiatives only.
  await signIn(page, 'owner@demo.gapline.dev');
  await page.getByRole('link', { name: 'Initiatives' }).click();
  await page.locator('section[aria-label="Initiatives"] tbody tr').first().waitFor();
  await page.getByRole('link', { name: 'Call-centre summarisation' }).click();
  await page.getByRole('tab', { name: /Checklist/ }).click();
  await page.getByText(/Read only/).waitFor();
  check(
    "owner sees someone else's initiative read only",
    (await page.getByRole('button', { name: 'Move stage' }).count()) === 0 &&
      (await page.getByRole('link', { name: 'Edit' }).count()) === 0,
  );
  await page.getByRole('link', { name: 'Initiatives' }).first().click();
  await page.locator('section[aria-label="Initiatives"] tbody tr').first().waitFor();
  await page.getByRole('link', { name: 'Claims fraud detection' }).click();
  await page.getByRole('button', { name: 'Move stage' }).waitFor();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('button', { name: 'Save changes' }).waitFor();
  const ownerField = page.getByRole('textbox', { name: 'Owner' });
  check('owner cannot hand the initiative over', (await ownerField.getAttribute('readonly')) !== null);
  await page.screenshot({ path: `${SHOTS}/33-owner-edit.png`, fullPage: true });
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
  await page.getByRole('link', { name: 'Initiatives' }).click();
  await page.locator('section[aria-label="Initiatives"] tbody tr').first().waitFor();
  check(
    'viewer cannot register initiatives',
    (await page.getByRole('link', { name: 'Register an initiative' }).count()) === 0,
  );
  await page.locator('section[aria-label="Initiatives"] tbody tr a').first().click();
  await page.getByRole('tab', { name: /Checklist/ }).click();
  await page.getByText(/Read only/).waitFor();
  check(
    'viewer sees a read-only checklist',
    (await page.getByRole('button', { name: 'Move stage' }).count()) === 0,
  );
  await page.screenshot({ path: `${SHOTS}/32-viewer-checklist.png` });
  await page.goto(`${orgBase}/audit`);
  await page.getByText('Not available for your role').waitFor();
  check('viewer typing the audit URL is refused', true);
  await page.screenshot({ path: `${SHOTS}/14-viewer-audit.png` });

  // ── Costs, finance export, alerts, webhooks ──────────────────────────────────
  await signOut(page);

  // Finance: records costs on any initiative, exports; cannot act on alerts.
  await signIn(page, 'finance@demo.gapline.dev');
  const financeNav = await text(page.getByRole('navigation', { name: 'Sections' }));
  check(
    'finance nav shows Alerts and Finance',
    financeNav.includes('Alerts') && financeNav.includes('Finance'),
    financeNav.replace(/\n/g, ' | '),
  );
  await openProject(page, 'Claims fraud detection', 'Costs');
  const entryRows = page.getByTestId('cost-entries').locator('tbody tr');
  await entryRows.first().waitFor();
  const pocBudget = await text(page.getByTestId('poc-budget'));
  const headlineBand = await text(page.getByTestId('headline-band'));
  const entriesBefore = await entryRows.count();
  check(
    'costs tab shows budgets, projection and entries',
    pocBudget.startsWith('€') && headlineBand.includes('–') && entriesBefore > 0,
    `POC budget ${pocBudget}; ${entriesBefore} entries`,
  );
  check('underfunded plan is called out', await page.getByTestId('underfunded').isVisible());
  check(
    'bottom-up lines carry seed/team badges',
    (await page
      .getByTestId('bottom-up-lines')
      .getByText(/^(Seed|Team)$/)
      .count()) >= 4,
  );
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${SHOTS}/40-costs.png`, fullPage: true });

  // Add an entry with the keyboard: amount, category, note, Enter.
  const addForm = page.getByRole('form', { name: 'Add a cost entry' });
  await addForm.getByRole('button', { name: 'Add cost' }).click();
  await addForm.getByText('Enter an amount above zero').waitFor();
  check('empty cost entry is refused in the form', true);
  await addForm.getByLabel('Amount').fill('1234.56');
  await addForm.getByLabel('Category').click();
  await page.getByRole('option', { name: 'Data engineering' }).click();
  await addForm.getByLabel('Note').fill('Smoke GPU hours');
  await addForm.getByLabel('Note').press('Enter');
  await page.getByText('Cost added').waitFor();
  await page.getByRole('cell', { name: '€1,234.56', exact: true }).waitFor();
  check('finance adds a cost entry', (await entryRows.count()) === entriesBefore + 1);
  const focusedLabel = await page.evaluate(
    () => document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.tagName ?? '',
  );
  check('focus returns to the amount for the next entry', focusedLabel.startsWith('Amount'), focusedLabel);
  await page.screenshot({ path: `${SHOTS}/41-cost-added.png`, fullPage: true });

  // Edit then delete it, with a confirmation.
  await page.getByRole('button', { name: /^Edit the entry of .*€1,234\.56/ }).click();
  const editDialog = page.getByRole('dialog', { name: 'Edit cost entry' });
  await editDialog.getByLabel('Amount').fill('1500');
  await editDialog.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('cell', { name: '€1,500.00', exact: true }).waitFor();
  check('a cost entry can be edited', true);
  await page.getByRole('button', { name: /^Delete the entry of .*€1,500\.00/ }).click();
  await page.screenshot({ path: `${SHOTS}/42-cost-delete-confirm.png` });
  await page.getByRole('dialog').getByRole('button', { name: 'Delete entry' }).click();
  await page.getByText('Entry deleted').waitFor();
  await page.waitForTimeout(500);
  check('a cost entry can be deleted', (await entryRows.count()) === entriesBefore);

  // Finance export: preview and a CSV download.
  await page.getByRole('link', { name: 'Finance' }).click();
  const preview = page.getByTestId('export-preview');
  await preview.waitFor();
  await page.getByRole('combobox', { name: 'Stages' }).click();
  await page.getByRole('option', { name: 'Productionizing' }).click();
  await page.keyboard.press('Escape');
  await preview.getByText(/^2 initiatives/).waitFor();
  await page.getByTestId('preview-actuals').waitFor();
  check('export preview counts the matching initiatives', true, await text(preview.locator('p').first()));
  await page.screenshot({ path: `${SHOTS}/43-finance.png`, fullPage: true });
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const csvPath = await csv.path();
  const csvText = csvPath ? (await import('node:fs')).readFileSync(csvPath, 'utf8') : '';
  check(
    'finance downloads the CSV export',
    csv.suggestedFilename().endsWith('.csv') &&
      csvText.includes('Claims fraud detection') &&
      !csvText.includes('Customer churn prediction'),
    `${csv.suggestedFilename()}, ${csvText.split('\n').length} lines`,
  );
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByTestId('alerts-table').waitFor();
  check(
    'finance sees alerts without actions',
    (await page.getByRole('button', { name: /^Actions for/ }).count()) === 0,
  );
  await signOut(page);

  // Project owner: read only on someone else's costs, editable on their own.
  await signIn(page, 'owner@demo.gapline.dev');
  await openProject(page, 'Call-centre summarisation', 'Costs');
  await page.getByTestId('costs-read-only').waitFor();
  check(
    "owner sees someone else's costs read only",
    (await page.getByRole('button', { name: 'Edit budgets' }).count()) === 0 &&
      (await page.getByRole('button', { name: 'Add cost' }).count()) === 0 &&
      (await page.getByRole('button', { name: 'Use our own estimate' }).count()) === 0,
  );
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/44-owner-costs-read-only.png`, fullPage: true });
  await openProject(page, 'Claims fraud detection', 'Costs');
  await page.getByRole('button', { name: 'Use our own estimate' }).click();
  const estimates = page.getByRole('dialog', { name: 'Use our own estimate' });
  await estimates.getByRole('checkbox', { name: 'Use our own estimate for Infrastructure' }).check();
  await estimates.getByLabel('Infrastructure: low').fill('20000');
  await estimates.getByLabel('Infrastructure: high').fill('30000');
  await page.screenshot({ path: `${SHOTS}/45-estimates.png` });
  await estimates.getByRole('button', { name: 'Save estimates' }).click();
  await page.getByText('Estimates saved').waitFor();
  await page.getByTestId('bottom-up-lines').getByText('Team').waitFor();
  check('owner replaces a seed line with their own estimate', true);
  await signOut(page);

  // Admin: the alerts page and the project panel.
  await signIn(page, 'admin@demo.gapline.dev');
  const badge = page.getByTestId('alerts-nav-badge');
  await badge.waitFor();
  check('alerts nav badge shows the open count', Number(await text(badge)) > 0, await text(badge));
  await page.getByRole('link', { name: /^Alerts/ }).click();
  const alertRows = page.getByTestId('alerts-table').locator('tbody tr');
  await alertRows.first().waitFor();
  check('alerts page lists alerts', (await alertRows.count()) > 0, `${await alertRows.count()} rows`);
  await page.screenshot({ path: `${SHOTS}/46-alerts.png`, fullPage: true });
  const openRow = alertRows.filter({ has: page.getByText('Open', { exact: true }) }).first();
  const alertId = await openRow.getAttribute('data-alert-id');
  await openRow.getByRole('button', { name: /^Actions for/ }).click();
  await page.screenshot({ path: `${SHOTS}/47-alert-actions.png` });
  await page.getByRole('menuitem', { name: 'Acknowledge' }).click();
  await page.getByText('Alert acknowledged').waitFor();
  const ackRow = page.locator(`tr[data-alert-id="${alertId}"]`);
  await ackRow.getByText('Acknowledged', { exact: true }).waitFor();
  check('acknowledge updates the alert', true);
  // Snooze another one until a chosen time.
  const nextOpen = alertRows.filter({ has: page.getByText('Open', { exact: true }) }).first();
  const snoozedId = await nextOpen.getAttribute('data-alert-id');
  await nextOpen.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Snooze until…' }).click();
  await page.getByRole('dialog', { name: 'Snooze until' }).getByRole('button', { name: 'Snooze' }).click();
  await page.locator(`tr[data-alert-id="${snoozedId}"]`).getByText('Snoozed', { exact: true }).waitFor();
  check('snooze until a chosen time works', true);
  await page.getByRole('combobox', { name: 'State' }).click();
  await page.getByRole('option', { name: 'Acknowledged' }).click();
  await page.waitForURL(/state=ACKNOWLEDGED/);
  await page.waitForTimeout(800);
  const states = await alertRows.locator('td:nth-child(6)').allInnerTexts();
  check(
    'state filter applies',
    states.length > 0 && states.every((t) => t.startsWith('Acknowledged')),
    states.join(', '),
  );
  await page.screenshot({ path: `${SHOTS}/48-alerts-filtered.png`, fullPage: true });
  await openProject(page, 'Claims fraud detection');
  await page.getByTestId('project-alerts').waitFor();
  check('project overview lists its live alerts', (await page.getByTestId('project-alerts').count()) === 1);
  await page.screenshot({ path: `${SHOTS}/49-project-alerts.png`, fullPage: true });

  // Webhooks in settings: the secret is shown once.
  await page.getByRole('link', { name: 'Settings' }).click();
  const hooks = page.getByRole('region', { name: 'Webhooks' });
  await hooks.getByRole('button', { name: 'Add webhook' }).click();
  const hookDialog = page.getByRole('dialog');
  await hookDialog.getByLabel('URL').fill('http://127.0.0.1:9/gapline');
  await hookDialog.getByRole('button', { name: 'Add webhook' }).click();
  const secretBox = hookDialog.getByLabel('Signing secret');
  await secretBox.waitFor();
  const secret = await secretBox.inputValue();
  check('new webhook shows its secret', secret.startsWith('whsec_'), `${secret.slice(0, 10)}…`);
  await page.screenshot({ path: `${SHOTS}/50-webhook-secret.png` });
  await hookDialog.getByRole('button', { name: 'I have saved it' }).click();
  await hooks.getByTestId('webhooks-table').waitFor();
  check('the secret is not shown again', !(await page.content()).includes(secret));
  await hooks.getByRole('button', { name: /^Send a test event/ }).click();
  await page.getByText('Test sent').waitFor();
  await hooks.getByTestId('delivery-log').locator('tbody tr').first().waitFor();
  check('test delivery appears in the log', true);
  await hooks.getByRole('switch').first().focus();
  await page.keyboard.press('Space');
  await page.getByText('Webhook disabled').waitFor();
  check('webhook can be disabled', !(await hooks.getByRole('switch').first().isChecked()));
  await page.waitForTimeout(2500);
  await hooks.scrollIntoViewIfNeeded();
  await hooks.screenshot({ path: `${SHOTS}/51-webhooks.png` });
  await hooks.getByRole('button', { name: /^Delete the webhook/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete webhook' }).click();
  await hooks.getByText('No webhooks yet').waitFor();
  check('webhook can be deleted', true);

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
