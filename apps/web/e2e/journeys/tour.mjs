// Every main page of the dashboard, on the demo organisation that `npm start` seeds: an
// accessibility check of each, and the screenshots of docs/screenshots/ (the README shows three).
import { checkA11y, openInitiative, openSection, screenshot, signIn, withPage } from '../lib/browser.mjs';

const DEMO_ADMIN = 'admin@demo.gapline.dev';
const DEMO_PASSWORD = 'gapline-demo';
const DEMO_PROJECT = 'Claims fraud detection';

export function tour(run) {
  return withPage(run.browser, 'main pages', async (page) => {
    const { app } = run;
    const visit = async (name, ready, options = {}) => {
      await ready();
      await checkA11y(page, name);
      await screenshot(page, name, options);
    };

    await page.goto(`${app.baseUrl}/login`);
    await visit('sign-in', () => page.getByRole('button', { name: 'Sign in' }).waitFor());
    await signIn(page, app.baseUrl, DEMO_ADMIN, DEMO_PASSWORD);
    await visit('portfolio', () => page.getByTestId('heatmap-row').first().waitFor(), { charts: true });

    await openSection(page, 'Initiatives');
    await visit('initiatives', () =>
      page.locator('section[aria-label="Initiatives"] tbody tr').first().waitFor(),
    );
    await openInitiative(page, DEMO_PROJECT);
    await visit('initiative', () => page.getByTestId('recommendation').waitFor(), {
      fullPage: true,
      charts: true,
    });
    await page.getByRole('tab', { name: /Checklist/ }).click();
    await visit('checklist', () => page.getByTestId('readiness-summary').waitFor());
    await page.getByRole('tab', { name: /Costs/ }).click();
    await visit('costs', () => page.getByTestId('projection-bands').waitFor(), {
      fullPage: true,
      charts: true,
    });
    await page.getByRole('link', { name: 'Edit' }).click();
    await visit('initiative-form', () => page.getByRole('button', { name: 'Save changes' }).waitFor());

    await openSection(page, 'Alerts');
    await visit('alerts', () => page.getByTestId('alerts-table').locator('tbody tr').first().waitFor());
    await openSection(page, 'Finance');
    await visit('finance', () => page.getByTestId('preview-actuals').waitFor());
    await openSection(page, 'Members');
    await visit('members', () => page.locator('section[aria-label="Members"] tbody tr').first().waitFor());
    await openSection(page, 'Audit trail');
    await visit('audit', () => page.locator('section[aria-label="Audit events"] tbody tr').first().waitFor());
    await openSection(page, 'Settings');
    await visit('settings', () =>
      page.getByRole('region', { name: 'Checklist template' }).locator('tbody tr').first().waitFor(),
    );
    await page.goto(`${app.baseUrl}/no/such/page`);
    await visit('not-found', () => page.getByText('Page not found').waitFor());
  });
}
