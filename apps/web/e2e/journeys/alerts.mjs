// Journey 4: an initiative whose history is moved 100 days back raises a stall alert, which shows
// in the navigation badge; the head of AI acknowledges it and snoozes another one from the UI.
import assert from 'node:assert/strict';
import {
  checkA11y,
  eventually,
  openInitiative,
  openSection,
  PASSWORD,
  signIn,
  textOf,
  withPage,
} from '../lib/browser.mjs';
import { apiRequire } from '../lib/paths.mjs';
import { HEAD_OF_AI, INITIATIVES } from './people.mjs';

const pg = apiRequire('pg');

/**
 * Moves the project's history 100 days back, straight in the app's embedded database: its stage
 * transitions (a trigger rolls their latest time up into the project) and its creation. The
 * embedded database is one session shared by all connections, which the API has switched to its
 * row-level-security role; this transaction takes the owner's role for itself only. One
 * simple-protocol message, which the database runs whole, between the API's own queries.
 */
async function backdate(databaseUrl, projectId) {
  assert.match(projectId, /^[0-9a-f-]{36}$/);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      BEGIN;
      SET LOCAL ROLE postgres;
      UPDATE project_transitions SET at = at - interval '100 days' WHERE project_id = '${projectId}';
      UPDATE projects SET created_at = created_at - interval '100 days' WHERE id = '${projectId}';
      COMMIT;`);
  } finally {
    await client.end();
  }
}

export function alerts(run) {
  return withPage(run.browser, 'journey 4 alerts', async (page) => {
    const { app, orgId, ids } = run;
    const summary = () => run.admin.get(`/orgs/${orgId}/alerts/summary`);
    const alertsOf = async (projectId) =>
      (await run.admin.get(`/orgs/${orgId}/alerts?projectId=${projectId}`)).filter(
        (a) => a.state !== 'RESOLVED',
      );
    const before = await summary();
    assert.deepEqual(
      (await alertsOf(ids.invoices)).filter((a) => a.rule === 'STAGE_OVERDUE'),
      [],
      'no stall alert yet',
    );

    await backdate(app.databaseUrl, ids.invoices);

    // Any change to an initiative re-checks its alerts (the hourly sweep would find it too).
    await signIn(page, app.baseUrl, HEAD_OF_AI.email, PASSWORD);
    await page.getByTestId('stalled').getByRole('link', { name: INITIATIVES.invoices.name }).waitFor();
    await openInitiative(page, INITIATIVES.invoices.name);
    await page.getByText(/100 days in Idea/).waitFor();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page
      .getByLabel('Description')
      .fill('Reads supplier invoices into the ledger. Waiting for a sponsor.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/projects/${ids.invoices}$`));

    const stall = await eventually('the stall alert', async () =>
      (await alertsOf(ids.invoices)).find((a) => a.rule === 'STAGE_OVERDUE'),
    );
    assert.equal(stall.state, 'OPEN');
    assert.equal(stall.severity, 'CRITICAL', '100 days in Idea is over 1.5x the 56-day threshold');
    const after = await summary();
    assert.equal(after.open, before.open + 1);

    // The badge in the navigation counts it (it polls every minute; a reload is quicker).
    await page.reload();
    const badge = page.getByTestId('alerts-nav-badge');
    await badge.waitFor();
    assert.equal(await textOf(badge), String(after.open));
    assert.match(
      await badge.getAttribute('aria-label'),
      new RegExp(`^${after.open} open alerts?, ${after.critical} critical$`),
    );

    // Acknowledge the stall alert from the alerts page.
    await openSection(page, 'Alerts');
    const table = page.getByTestId('alerts-table');
    const stallRow = table.locator(`tr[data-alert-id="${stall.id}"]`);
    await stallRow.getByText('Stage overdue').waitFor();
    assert.match(await textOf(stallRow), /100 days in Idea; the threshold is 56 days/);
    await stallRow
      .getByRole('button', { name: `Actions for Stage overdue on ${INITIATIVES.invoices.name}` })
      .click();
    await page.getByRole('menuitem', { name: 'Acknowledge' }).click();
    await stallRow.getByText('Acknowledged', { exact: true }).waitFor();

    // Snooze the lost readiness of the initiative pushed to production by the override, until a chosen time.
    const [lost] = (await alertsOf(ids.fraud)).filter((a) => a.rule === 'READINESS_REGRESSED');
    assert.ok(lost, 'the overridden initiative has lost its readiness in production');
    const lostRow = table.locator(`tr[data-alert-id="${lost.id}"]`);
    await lostRow
      .getByRole('button', { name: `Actions for Production readiness lost on ${INITIATIVES.fraud.name}` })
      .click();
    await page.getByRole('menuitem', { name: 'Snooze until…' }).click();
    const snooze = page.getByRole('dialog', { name: 'Snooze until' });
    await checkA11y(page, 'snooze dialog');
    await snooze.getByRole('button', { name: 'Snooze' }).click();
    await lostRow.getByText('Snoozed', { exact: true }).waitFor();

    const states = Object.fromEntries((await run.admin.get(`/orgs/${orgId}/alerts`)).map((a) => [a.id, a]));
    assert.equal(states[stall.id].state, 'ACKNOWLEDGED');
    assert.equal(states[lost.id].state, 'SNOOZED');
    assert.ok(
      new Date(states[lost.id].snoozedUntil) > new Date(Date.now() + 2 * 86_400_000),
      'snoozed for days',
    );
    const last = await summary();
    assert.equal(last.open, after.open - 2);
    assert.equal(last.acknowledged, after.acknowledged + 1);
    assert.equal(last.snoozed, after.snoozed + 1);
    // The badge follows.
    if (last.open === 0) await badge.waitFor({ state: 'detached' });
    else
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid=alerts-nav-badge]')?.textContent === n,
        String(last.open),
      );

    // The state filter goes to the address bar.
    await page.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'Acknowledged' }).click();
    await page.waitForURL(/[?&]state=ACKNOWLEDGED(&|$)/);
    await eventually('the state filter', async () => {
      const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.alertId));
      return shown.length === 1 && shown[0] === stall.id;
    });

    // The initiative's page lists its live alerts, snoozed included.
    await openInitiative(page, INITIATIVES.fraud.name);
    await page.getByTestId('project-alerts').getByText('Production readiness lost').waitFor();

    // Webhooks, in the settings: the signing secret is shown once; a test event is logged.
    await openSection(page, 'Settings');
    const hooks = page.getByRole('region', { name: 'Webhooks' });
    await hooks.getByRole('button', { name: 'Add webhook' }).click();
    const hookDialog = page.getByRole('dialog');
    await hookDialog.getByLabel('URL').fill('http://127.0.0.1:9/gapline');
    await hookDialog.getByRole('button', { name: 'Add webhook' }).click();
    const secret = await hookDialog.getByLabel('Signing secret').inputValue();
    assert.match(secret, /^whsec_/);
    await hookDialog.getByRole('button', { name: 'I have saved it' }).click();
    await hooks.getByTestId('webhooks-table').waitFor();
    assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');
    await hooks.getByRole('button', { name: /^Send a test event/ }).click();
    await hooks.getByTestId('delivery-log').locator('tbody tr').first().waitFor();
    await hooks.getByRole('switch').first().focus();
    await page.keyboard.press('Space');
    await page.getByText('Webhook disabled').first().waitFor();
    assert.equal(await hooks.getByRole('switch').first().isChecked(), false);
    await hooks.getByRole('button', { name: /^Delete the webhook/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete webhook' }).click();
    await hooks.getByText('No webhooks yet').waitFor();
  });
}
