// Journey 3: the finance member accepts the invitation, records a POC budget and spend entries,
// sees the projection bands, and downloads the CSV and XLSX exports, whose contents are checked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatMoney } from '@gapline/domain';
import { openInitiative, openSection, textOf, withPage } from '../lib/browser.mjs';
import { apiRequire } from '../lib/paths.mjs';
import { FINANCE, HEAD_OF_AI, INITIATIVES } from './people.mjs';
import { acceptInvitation } from './project-owner.mjs';

const { parse } = apiRequire('csv-parse/sync');
const ExcelJS = apiRequire('exceljs');

const POC_BUDGET = 30_000_00;
const today = new Date().toISOString().slice(0, 10);
const lastMonth = (() => {
  const d = new Date();
  d.setUTCDate(15);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
})();
/** Spend on the proof of concept, in minor units, booked in two months. */
const ENTRIES = [
  { date: lastMonth, amount: 12_000_00, category: 'ML engineering', note: 'Contract data scientist' },
  { date: today, amount: 4_500_50, category: 'Infrastructure', note: 'GPU hours' },
];
const SPEND = ENTRIES.reduce((t, e) => t + e.amount, 0);

const major = (minor) => (minor / 100).toFixed(2);

async function download(page, button) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), path: await file.path() };
}

export function finance(run) {
  return withPage(run.browser, 'journey 3 finance', async (page) => {
    const { orgId, ids } = run;
    await acceptInvitation(page, run.links.finance, FINANCE);
    // What finance may not do: manage members, register initiatives, read the audit trail.
    const nav = await textOf(page.getByRole('navigation', { name: 'Sections' }));
    assert.match(nav, /Finance/);
    assert.doesNotMatch(nav, /Settings|Audit/);
    await openSection(page, 'Members');
    await page.getByRole('cell', { name: FINANCE.email, exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Invite member' }).count(), 0);
    assert.equal(await page.getByLabel(/^Role of/).count(), 0);
    await page.goto(`${run.app.baseUrl}/orgs/${orgId}/audit`);
    await page.getByText('Not available for your role').waitFor();
    await openSection(page, 'Initiatives');
    await page.getByRole('region', { name: 'Initiatives' }).locator('tbody tr').first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Register an initiative' }).count(), 0);

    // The POC budget of the invoice capture, then its spend, on its Costs tab.
    await openInitiative(page, INITIATIVES.invoices.name);
    await page.getByRole('tab', { name: /Costs/ }).click();
    await page.getByRole('button', { name: 'Edit budgets' }).click();
    const budgets = page.getByRole('form', { name: 'Edit budgets' });
    await budgets.getByLabel('POC budget').fill(String(POC_BUDGET / 100));
    await budgets.getByRole('button', { name: 'Save budgets' }).click();
    await page.getByText('Budgets saved').first().waitFor();
    assert.equal(await textOf(page.getByTestId('poc-budget')), '€30,000');

    const add = page.getByRole('form', { name: 'Add a cost entry' });
    const rows = page.getByTestId('cost-entries').locator('tbody tr');
    await add.getByRole('button', { name: 'Add cost' }).click();
    await add.getByText('Enter an amount above zero').waitFor();
    for (const [i, entry] of ENTRIES.entries()) {
      await add.getByLabel('Date').fill(entry.date);
      await add.getByLabel('Amount').fill(major(entry.amount));
      await add.getByRole('combobox', { name: 'Category' }).click();
      await page.getByRole('option', { name: entry.category, exact: true }).click();
      // The form keeps the stage for the next entry (choosing it again would clear it).
      const stage = add.getByRole('combobox', { name: 'Stage' });
      if ((await stage.inputValue()) !== 'Proof of concept') {
        await stage.click();
        await page.getByRole('option', { name: 'Proof of concept', exact: true }).click();
      }
      await add.getByLabel('Note').fill(entry.note);
      await add.getByLabel('Note').press('Enter');
      await page.getByRole('cell', { name: entry.note }).waitFor();
      assert.equal(await rows.count(), i + 1);
    }
    // Ready for the next line: the focus is back on the amount.
    assert.equal(await add.getByLabel('Amount').evaluate((el) => el === document.activeElement), true);

    // A wrong entry: corrected, then deleted after a confirmation.
    await add.getByLabel('Amount').fill('999');
    await add.getByLabel('Note').fill('Typo');
    await add.getByLabel('Note').press('Enter');
    await page.getByRole('cell', { name: '€999.00', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Edit the entry of .*€999\.00$/ }).click();
    const edit = page.getByRole('dialog', { name: 'Edit cost entry' });
    await edit.getByLabel('Amount').fill('1500');
    await edit.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('cell', { name: '€1,500.00', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Delete the entry of .*€1,500\.00$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete entry' }).click();
    await page.getByRole('cell', { name: '€1,500.00', exact: true }).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), ENTRIES.length);

    // The projection: the POC cost is the POC spend, the benchmark band 10x–20x of it.
    const projection = await run.admin.get(`/orgs/${orgId}/projects/${ids.invoices}/projection`);
    assert.equal(projection.pocCost, SPEND);
    assert.equal(projection.pocCostSource, 'spend');
    assert.deepEqual(projection.benchmark, { low: 10 * SPEND, high: 20 * SPEND });
    const money = (minor) => formatMoney(minor, 'EUR');
    const band = (b) => `${money(b.low)} – ${money(b.high)}`;
    const bands = page.getByTestId('projection-bands');
    await bands.getByText(band(projection.benchmark)).waitFor();
    await page.getByText(`The POC cost is ${money(SPEND)}, from POC spend recorded so far.`).waitFor();
    assert.match(await textOf(page.getByTestId('headline-band')), new RegExp(band(projection.headline)));
    await bands.getByText(`${band(projection.ongoing)} a year`).waitFor();

    // The finance export: the preview, then both files.
    await openSection(page, 'Finance');
    const preview = page.getByTestId('export-preview');
    await preview.getByText(/^3 initiatives/).waitFor();
    await page.getByTestId('preview-actuals').getByText(money(SPEND)).waitFor();
    await page.getByRole('combobox', { name: 'Stages' }).click();
    await page.getByRole('option', { name: 'Idea', exact: true }).click();
    await page.keyboard.press('Escape');
    await preview.getByText(/^1 initiative matches/).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await preview.getByText(/^3 initiatives/).waitFor();
    const csvFile = await download(page, 'Download CSV');
    const xlsxFile = await download(page, 'Download XLSX');
    assert.match(csvFile.name, /^gapline-costs-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.match(xlsxFile.name, /^gapline-costs-\d{4}-\d{2}-\d{2}\.xlsx$/);

    // CSV: one row per initiative, amounts in euros with two decimals, actuals by month.
    const csv = parse(readFileSync(csvFile.path, 'utf8'), { columns: true });
    assert.deepEqual(
      csv.map((r) => r.Name).sort(),
      Object.values(INITIATIVES)
        .map((i) => i.name)
        .sort(),
    );
    const row = csv.find((r) => r.Name === INITIATIVES.invoices.name);
    const expected = {
      'Project ID': ids.invoices,
      Stage: 'IDEA',
      Owner: HEAD_OF_AI.name,
      'Business unit': INITIATIVES.invoices.businessUnit,
      Currency: 'EUR',
      'POC budget': major(POC_BUDGET),
      'Production budget': '',
      'Spend POC': major(SPEND),
      'Spend total': major(SPEND),
      'POC cost': major(SPEND),
      'Benchmark low (10x)': major(10 * SPEND),
      'Benchmark high (20x)': major(20 * SPEND),
      'First-year production low': major(projection.headline.low),
      'First-year production high': major(projection.headline.high),
      'Expected annual value': major(Number(INITIATIVES.invoices.value) * 100),
      [`Actuals ${lastMonth.slice(0, 7)}`]: major(ENTRIES[0].amount),
      [`Actuals ${today.slice(0, 7)}`]: major(ENTRIES[1].amount),
    };
    for (const [column, value] of Object.entries(expected)) assert.equal(row[column], value, `CSV ${column}`);
    for (const other of csv.filter((r) => r !== row)) assert.equal(Number(other['Spend total']), 0);

    // XLSX: the same rows as numbers on the Projects sheet, and the monthly actuals on their own.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile.path);
    const sheet = (name) => {
      const ws = book.getWorksheet(name);
      assert.ok(ws, `sheet ${name}`);
      const [header, ...body] = ws.getSheetValues().filter(Boolean);
      const columns = header.slice(1);
      return body.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i + 1] ?? null])));
    };
    const projects = sheet('Projects');
    assert.equal(projects.length, csv.length);
    for (const fromCsv of csv) {
      const fromXlsx = projects.find((r) => r['Project ID'] === fromCsv['Project ID']);
      assert.ok(fromXlsx, `XLSX row of ${fromCsv.Name}`);
      for (const [column, value] of Object.entries(fromCsv)) {
        if (column.startsWith('Actuals ')) continue;
        const cell = fromXlsx[column];
        if (value !== '' && !Number.isNaN(Number(value)) && column !== 'Project ID') {
          assert.equal(cell, Number(value), `XLSX ${column} of ${fromCsv.Name}`);
        } else {
          assert.equal(cell ?? '', value, `XLSX ${column} of ${fromCsv.Name}`);
        }
      }
    }
    const monthly = sheet('Monthly actuals').find((r) => r['Project ID'] === ids.invoices);
    assert.equal(monthly[lastMonth.slice(0, 7)], ENTRIES[0].amount / 100);
    assert.equal(monthly[today.slice(0, 7)], ENTRIES[1].amount / 100);

    // Finance sees the alerts, but acting on them is for admins and owners.
    await openSection(page, 'Alerts');
    await page.getByTestId('alerts-table').locator('tbody tr').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /^Actions for/ }).count(), 0);
  });
}
