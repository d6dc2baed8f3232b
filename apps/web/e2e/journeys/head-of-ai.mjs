// Journey 1: the head of AI registers an organisation, invites a project owner and a finance member,
// registers three initiatives, checks the portfolio dashboard against the API, opens the heatmap,
// drills into an initiative, overrides its refused production gate with a reason, and finds the
// override in the audit trail (whose chain verifies).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiAs } from '../lib/api.mjs';
import { checkA11y, eventually, openSection, PASSWORD, textOf, withPage } from '../lib/browser.mjs';
import { FINANCE, HEAD_OF_AI, INITIATIVES, ORG_NAME, OWNER } from './people.mjs';

const OVERRIDE_REASON = 'Board approved a supervised launch while the drift monitoring is finished.';

async function invite(page, app, person, role, check = false) {
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await dialog.getByLabel('E-mail').fill(person.email);
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: role, exact: true }).click();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  const shown = await page.getByLabel('Invitation link').inputValue();
  if (check) await checkA11y(page, 'invitation link dialog');
  await page.getByRole('button', { name: 'Done' }).click();
  // The e-mail, as the development mailer writes it to the log, carries the same link.
  const mailed = await app.invitationLink(person.email);
  assert.equal(mailed, shown, `the e-mailed link to ${person.email} is the one shown`);
  assert.match(mailed, new RegExp(`^${app.baseUrl}/invite/`));
  return mailed;
}

async function register(page, spec, { validate = false } = {}) {
  await openSection(page, 'Initiatives');
  await page.getByRole('link', { name: 'Register an initiative' }).first().click();
  const form = page.getByRole('form', { name: 'Register an initiative' });
  if (validate) {
    await form.getByRole('button', { name: 'Register initiative' }).click();
    await form.getByText('Enter a name').waitFor();
  }
  await form.getByRole('textbox', { name: 'Name' }).fill(spec.name);
  await form.getByLabel('Business unit').fill(spec.businessUnit);
  await form.getByText(spec.stage, { exact: true }).click();
  await form.getByLabel('Expected annual value').fill(spec.value);
  if (spec.revenueAtRisk) await form.getByLabel('Revenue at risk').fill(spec.revenueAtRisk);
  if (spec.uptimeSla) await form.getByLabel('Uptime SLA').fill(spec.uptimeSla);
  if (spec.personalData) await form.getByLabel('Personal data').check();
  if (spec.regulated) await form.getByLabel('Regulated decisions').check();
  await form.getByLabel(spec.risk, { exact: true }).check();
  await form.getByRole('button', { name: 'Register initiative' }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: spec.name }).waitFor();
  return page.url().split('/').at(-1);
}

/**
 * An expired access token: the first calls to two organisation endpoints answer 401 at once. The
 * client refreshes once (refresh tokens rotate), the two share that refresh, and both are retried.
 */
async function expiredToken(page) {
  let refreshes = 0;
  const forced = new Set();
  const countRefresh = (r) => r.url().endsWith('/api/auth/refresh') && refreshes++;
  page.on('request', countRefresh);
  const endpoints = /\/api\/orgs\/[^/]+(\/members)?$/;
  await page.route(endpoints, (route) => {
    const key = new URL(route.request().url()).pathname;
    if (forced.has(key)) return route.continue();
    forced.add(key);
    return route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Token expired' }),
    });
  });
  // The reload restores the session with one refresh; the overview then loads the organisation and
  // its members in parallel, both get a 401, and they must share a single second refresh.
  const retried = (re) => page.waitForResponse((r) => re.test(new URL(r.url()).pathname) && r.ok());
  const both = Promise.all([retried(/\/api\/orgs\/[^/]+$/), retried(/\/api\/orgs\/[^/]+\/members$/)]);
  await page.reload();
  await both;
  await page.getByTestId('kpi-tiles').waitFor();
  await page.unroute(endpoints);
  page.off('request', countRefresh);
  assert.equal(forced.size, 2, 'both endpoints answered 401 once');
  assert.equal(refreshes, 2, 'one refresh on load, one shared by the two 401s');
}

export function headOfAi(run) {
  return withPage(run.browser, 'journey 1 head of AI', async (page) => {
    const { app } = run;

    // Registers the organisation; the session survives a reload (the refresh cookie).
    await page.goto(`${app.baseUrl}/register`);
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    await checkA11y(page, 'register');
    await page.getByLabel('Your name').fill(HEAD_OF_AI.name);
    await page.getByLabel('Work e-mail').fill(HEAD_OF_AI.email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.getByLabel('Organisation name').fill(ORG_NAME);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/orgs\/[0-9a-f-]{36}\/overview$/);
    const base = page.url().replace(/\/overview$/, '');
    run.orgId = base.split('/').at(-1);
    await page.getByTestId('portfolio-empty').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: ORG_NAME }).waitFor();
    await page.getByTestId('portfolio-empty').waitFor();
    run.admin = await apiAs(app.baseUrl, HEAD_OF_AI.email, PASSWORD);

    // Invites a project owner and a finance member; the links come from the mail log. The only
    // admin cannot demote themselves.
    await openSection(page, 'Members');
    await page.getByRole('button', { name: 'Invite member' }).waitFor();
    run.links = {
      owner: await invite(page, app, OWNER, 'Project owner', true),
      finance: await invite(page, app, FINANCE, 'Finance'),
    };
    await page.getByRole('cell', { name: OWNER.email, exact: true }).waitFor();
    await page.getByRole('cell', { name: FINANCE.email, exact: true }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: HEAD_OF_AI.email })
      .getByLabel(/^Role of/)
      .click();
    await page.getByRole('option', { name: 'Viewer' }).click();
    await page
      .getByText(/last admin/i)
      .first()
      .waitFor();

    // Registers three initiatives with different criteria (the form first refuses an empty one).
    run.ids = {};
    for (const [key, spec] of Object.entries(INITIATIVES)) {
      run.ids[key] = await register(page, spec, { validate: key === 'claims' });
      const project = await run.admin.get(`/orgs/${run.orgId}/projects/${run.ids[key]}`);
      const applying = project.decision.criteria.filter((c) => c.applies).length;
      await page
        .getByRole('region', { name: 'Decision guide' })
        .getByText(
          applying === 0
            ? 'No production criterion applies.'
            : `${applying} production criteri${applying === 1 ? 'on applies' : 'a apply'}:`,
        )
        .waitFor();
      run[`${key}Applying`] = applying;
    }
    assert.equal(run.invoicesApplying, 0, 'no criterion applies to the invoice capture');
    assert.ok(run.claimsApplying >= 2 && run.fraudApplying >= 2, 'criteria apply to claims and fraud');

    // The list of initiatives: a stage filter in the address bar that survives a reload, sorting by
    // a column header, and a search without results that offers to clear the filters.
    await openSection(page, 'Initiatives');
    const list = page.getByRole('region', { name: 'Initiatives' });
    const names = () => list.locator('tbody tr td:first-child').allInnerTexts();
    await eventually('three initiatives listed', async () => (await names()).length === 3);
    await list.getByRole('combobox', { name: 'Stage' }).click();
    await page.getByRole('option', { name: 'Proof of concept' }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/[?&]stage=POC(&|$)/);
    const inPoc = [INITIATIVES.claims.name, INITIATIVES.fraud.name].sort();
    await eventually('the stage filter', async () => `${(await names()).sort()}` === `${inPoc}`);
    await page.reload();
    await eventually('the filter after a reload', async () => `${(await names()).sort()}` === `${inPoc}`);
    await list.getByRole('button', { name: 'Name' }).click();
    await page.waitForURL(/[?&]sort=-?name(&|$)/);
    const descending = new URL(page.url()).searchParams.get('sort') === '-name';
    await eventually(
      'the sort order',
      async () => `${await names()}` === `${descending ? inPoc.toReversed() : inPoc}`,
    );
    await list.getByLabel('Search').fill('zzz-no-such-initiative');
    await list.getByText('No results for these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).last().click();
    await eventually('all initiatives again', async () => (await names()).length === 3);
    assert.doesNotMatch(page.url(), /stage=|q=/);

    // The dashboard's numbers are what was entered, and what the API says.
    await openSection(page, 'Overview');
    await page.getByTestId('kpi-tiles').waitFor();
    const portfolio = await run.admin.get(`/orgs/${run.orgId}/portfolio`);
    const tile = (label) => textOf(page.getByTestId('kpi-tile').filter({ hasText: label }));
    assert.equal(portfolio.totals.projects, 3);
    assert.equal(portfolio.totals.open, 3);
    assert.match(
      await tile('Open initiatives'),
      new RegExp(`^Open initiatives ${portfolio.totals.open} 3 in total$`, 'i'),
    );
    assert.match(
      await tile('Ready for production'),
      new RegExp(`^Ready for production ${portfolio.readiness.ready} `, 'i'),
    );
    assert.match(await tile('Open alerts'), new RegExp(`^Open alerts ${portfolio.alerts.open} `, 'i'));
    const stageLinks = await textOf(page.getByRole('group', { name: 'Open the list for a stage' }));
    assert.match(stageLinks, /Idea \(1\)/);
    assert.match(stageLinks, /Proof of concept \(2\)/);
    assert.equal(portfolio.byStage.IDEA, 1);
    assert.equal(portfolio.byStage.POC, 2);
    await expiredToken(page);

    // The heatmap: one row per open initiative, as in the API; a row opens that initiative.
    const heatmap = page.getByTestId('heatmap');
    await heatmap.scrollIntoViewIfNeeded();
    const rows = heatmap.getByTestId('heatmap-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), portfolio.heatmap.projects.length);
    assert.deepEqual(
      (await rows.getByRole('link').allTextContents()).sort(),
      portfolio.heatmap.projects.map((p) => p.name).sort(),
    );
    await heatmap.getByRole('link', { name: INITIATIVES.fraud.name }).click();
    await page.waitForURL(new RegExp(`/projects/${run.ids.fraud}/checklist$`));
    await page.getByTestId('readiness-summary').waitFor();
    assert.match(await textOf(page.getByTestId('readiness-summary')), /^0 of \d+ done .* not ready$/);

    // Proof of concept → productionizing, then the production gate refuses: not ready.
    await page.getByRole('tab', { name: /Overview/ }).click();
    const move = async (stage) => {
      await page.getByRole('button', { name: 'Move stage' }).click();
      const dialog = page.getByRole('dialog', { name: 'Move to another stage' });
      await dialog.getByLabel(stage, { exact: true }).check();
      await dialog.getByRole('button', { name: `Move to ${stage}` }).click();
      return dialog;
    };
    let dialog = await move('Productionizing');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Stage changed').first().waitFor();
    dialog = await move('Production');
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    assert.match(await textOf(refusal), /not production-ready/);
    await checkA11y(page, 'move stage dialog with a refusal');

    // The override needs a reason, and goes through with it.
    await dialog.getByLabel('Override (admin)').check();
    await dialog.getByRole('button', { name: 'Move to Production' }).click();
    await dialog.getByText('An override needs a written reason').waitFor();
    await dialog.getByLabel('Reason').fill(OVERRIDE_REASON);
    await dialog.getByRole('button', { name: 'Move to Production' }).click();
    await dialog.waitFor({ state: 'detached' });
    const history = page.getByRole('region', { name: 'Stage history' });
    await history.getByText(OVERRIDE_REASON).waitFor();
    assert.match(await textOf(history), /Productionizing → Production Override/i);
    assert.equal((await run.admin.get(`/orgs/${run.orgId}/projects/${run.ids.fraud}`)).stage, 'PRODUCTION');

    // The override is in the audit trail, with its reason; the chain verifies, the export has it,
    // and the entity filter applies.
    await openSection(page, 'Audit trail');
    const row = page.getByRole('row').filter({ hasText: 'Project stage overridden' });
    await row.getByRole('button', { name: /^Show details of event/ }).click();
    const details = page.locator('tr[id^="audit-details-"]');
    await details.getByText(OVERRIDE_REASON, { exact: false }).waitFor();
    const after = await textOf(details);
    assert.match(after, /"override": true/);
    assert.match(after, /"stage": "PRODUCTION"/);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('The chain is intact').waitFor();
    const [ndjson] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    assert.match(ndjson.suggestedFilename(), /\.ndjson$/);
    const exported = readFileSync(await ndjson.path(), 'utf8')
      .trim()
      .split('\n')
      .map(JSON.parse);
    const overridden = exported.find((e) => e.action === 'project.stage_overridden');
    assert.equal(overridden?.after?.reason, OVERRIDE_REASON);
    await page.getByRole('combobox', { name: 'Entity type' }).click();
    await page.getByRole('option', { name: 'Invitation' }).click();
    const entities = page.locator('section[aria-label="Audit events"] tbody tr td:nth-child(4)');
    await eventually('the entity filter', async () => {
      const cells = await entities.allInnerTexts();
      return cells.length === 2 && cells.every((t) => t.startsWith('invitation'));
    });

    // Settings: a rename shows in the organisation switcher; always-required capabilities stay.
    await openSection(page, 'Settings');
    const name = page
      .getByRole('form', { name: 'Rename the organisation' })
      .getByRole('textbox', { name: 'Name' });
    await name.fill(`${ORG_NAME} Group`);
    await name.press('Enter');
    await page.getByText('Name saved').first().waitFor();
    const switcher = page.getByRole('combobox', { name: 'Organisation' });
    await eventually('the switcher', async () => (await switcher.inputValue()) === `${ORG_NAME} Group`);
    await name.fill(ORG_NAME);
    await name.press('Enter');
    await eventually('the name back', async () => (await switcher.inputValue()) === ORG_NAME);
    assert.ok(await page.getByRole('switch', { name: 'Retire CI/CD' }).isDisabled());

    await page.goto(`${base}/no-such-section`);
    await page.getByText('Page not found').waitFor();
  });
}
