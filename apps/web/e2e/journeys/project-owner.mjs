// Journey 2: the project owner accepts the invitation, brings the checklist of their initiative from
// 8 to 12 done with evidence links using the keyboard only, sees it become ready, moves it to
// production, and is refused on an initiative they do not own.
import assert from 'node:assert/strict';
import { apiAs } from '../lib/api.mjs';
import { checkA11y, openInitiative, PASSWORD, textOf, withPage } from '../lib/browser.mjs';
import { INITIATIVES, ORG_NAME, OWNER } from './people.mjs';

/** Done when the journey starts: 6 of the 10 required capabilities, and 2 others. */
const DONE_BEFORE = [
  'model-versioning',
  'ci-cd',
  'monitoring-alerting',
  'encrypted-storage',
  'access-control',
  'audit-logging',
  'dataset-versioning',
  'data-pipelines',
];
/** The required ones still missing, which the owner completes with evidence. */
const COMPLETED = ['drift-detection', 'incident-runbooks', 'automated-rollback', 'load-tested-serving'];

/** Presses Tab until the focused element is the one wanted (at most `max` times). */
async function tabTo(page, locator, max = 12) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${locator}`);
}

/** Accepts an invitation as a new user: name and password; lands in the organisation. */
export async function acceptInvitation(page, link, person) {
  await page.goto(link);
  await page.getByRole('heading', { name: `Join ${ORG_NAME}` }).waitFor();
  await checkA11y(page, 'invitation');
  await page.getByLabel('Your name').fill(person.name);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await page.waitForURL(/\/orgs\/[0-9a-f-]{36}\/overview$/);
}

export function projectOwner(run) {
  return withPage(run.browser, 'journey 2 project owner', async (page) => {
    const { app, orgId, ids } = run;
    await acceptInvitation(page, run.links.owner, OWNER);
    assert.equal(page.url(), `${app.baseUrl}/orgs/${orgId}/overview`);

    // Arranged through the API by the head of AI: the claims initiative is handed to the owner,
    // is productionizing, and has 8 capabilities done.
    const members = await run.admin.get(`/orgs/${orgId}/members`);
    const owner = members.find((m) => m.email === OWNER.email);
    assert.equal(owner?.role, 'PROJECT_OWNER');
    const claims = `/orgs/${orgId}/projects/${ids.claims}`;
    await run.admin.patch(claims, { ownerId: owner.userId });
    await run.admin.post(`${claims}/transitions`, { to: 'PRODUCTIONIZING' });
    await run.admin.patch(`${claims}/checklist`, {
      items: DONE_BEFORE.map((key) => ({ key, status: 'DONE' })),
    });

    await openInitiative(page, INITIATIVES.claims.name);
    await page.getByRole('tab', { name: /Checklist/ }).click();
    const summary = page.getByTestId('readiness-summary');
    await summary.waitFor();
    assert.match(await textOf(summary), /^8 of 17 done \(12 needed\) — not ready$/);

    // Each missing capability: focus its row, 3 marks it done, then the details and an evidence
    // link, all with the keyboard.
    let done = 8;
    for (const key of COMPLETED) {
      const row = page.getByTestId(`item-${key}`);
      const name = (await row.getAttribute('aria-label')).replace(/: .*$/, '');
      await row.focus();
      await page.keyboard.press('3');
      done += 1;
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid=readiness-summary]')?.textContent?.startsWith(text),
        `${done} of 17 done`,
      );
      await tabTo(page, row.getByRole('button', { name: `Show details of ${name}` }));
      await page.keyboard.press('Enter');
      const form = row.getByRole('form', { name: `Add an evidence link to ${name}` });
      await tabTo(page, form.getByRole('textbox', { name: 'Link' }));
      await page.keyboard.type(`https://wiki.northwind.example/mlops/${key}`);
      await page.keyboard.press('Tab');
      await page.keyboard.type(`${name} runbook`);
      await page.keyboard.press('Enter');
      await row.getByRole('link', { name: `${name} runbook` }).waitFor();
      assert.equal(await row.getAttribute('aria-label'), `${name}: Done`);
    }
    assert.equal(await textOf(summary), '12 of 17 done (12 needed) — ready for production');

    // 4 is "not applicable": refused for the always-required, and it asks the others for a reason.
    assert.ok(await page.getByTestId('item-ci-cd').locator('input[value=NOT_APPLICABLE]').isDisabled());
    await page.getByTestId('item-automated-retraining').focus();
    await page.keyboard.press('4');
    const na = page.getByRole('dialog', { name: /not applicable/ });
    await na.getByLabel('Justification').fill('Retrained by hand each quarter, with a review.');
    await na.getByRole('button', { name: 'Mark not applicable' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=readiness-summary]')?.textContent?.startsWith('12 of 16 done'),
    );
    assert.equal(await textOf(summary), '12 of 16 done (12 needed) — ready for production');
    const checklist = await run.admin.get(`${claims}/checklist`);
    for (const key of COMPLETED) {
      const item = checklist.items.find((i) => i.key === key);
      assert.equal(item.status, 'DONE');
      assert.equal(item.evidence.length, 1, `evidence of ${key}`);
    }

    // Ready: the production gate lets the owner through.
    await page.getByRole('tab', { name: /Overview/ }).click();
    await page.getByRole('button', { name: 'Move stage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move to another stage' });
    await dialog.getByLabel('Production', { exact: true }).check();
    await dialog.getByText(/nothing required is missing/).waitFor();
    assert.equal(await dialog.getByLabel('Override (admin)').count(), 0, 'only admins override');
    await dialog.getByRole('button', { name: 'Move to Production' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('region', { name: 'Stage history' })
      .getByText('Productionizing → Production')
      .waitFor();
    assert.equal((await run.admin.get(claims)).stage, 'PRODUCTION');

    // Their own initiative: editable, but only an admin hands it over; their own cost estimate.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    assert.notEqual(await page.getByRole('textbox', { name: 'Owner' }).getAttribute('readonly'), null);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: /Costs/ }).click();
    await page.getByRole('button', { name: 'Use our own estimate' }).click();
    const estimates = page.getByRole('dialog', { name: 'Use our own estimate' });
    await estimates.getByRole('checkbox', { name: 'Use our own estimate for Infrastructure' }).check();
    await estimates.getByLabel('Infrastructure: low').fill('20000');
    await estimates.getByLabel('Infrastructure: high').fill('30000');
    await estimates.getByRole('button', { name: 'Save estimates' }).click();
    await page.getByTestId('bottom-up-lines').getByText('Team').waitFor();

    // Someone else's initiative: read only, and the edit page and the API refuse.
    await openInitiative(page, INITIATIVES.invoices.name);
    assert.equal(await page.getByRole('button', { name: 'Move stage' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Edit' }).count(), 0);
    await page.getByRole('tab', { name: /Checklist/ }).click();
    await page.getByText(/^Read only: only the initiative's owner and admins/).waitFor();
    assert.equal(await page.getByTestId('item-ci-cd').getAttribute('tabindex'), null);
    await page.getByRole('tab', { name: /Costs/ }).click();
    await page.getByTestId('costs-read-only').waitFor();
    for (const button of ['Edit budgets', 'Add cost', 'Use our own estimate']) {
      assert.equal(await page.getByRole('button', { name: button }).count(), 0, button);
    }
    await page.goto(`${app.baseUrl}/orgs/${orgId}/projects/${ids.invoices}/edit`);
    await page.getByText('You cannot edit this initiative').waitFor();
    const asOwner = await apiAs(app.baseUrl, OWNER.email, PASSWORD);
    const refused = await asOwner.call('POST', `/orgs/${orgId}/projects/${ids.invoices}/transitions`, {
      to: 'POC',
    });
    assert.equal(refused.status, 403);
  });
}
