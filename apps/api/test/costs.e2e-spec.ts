import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { as } from './api.js';
import { addMember, bootApp, newOrg, type Session, type TestApp, type TestOrg } from './app.js';

const EUR = 100;
let t: TestApp;
let org: TestOrg;
let owner: Session;
let other: Session;
let finance: Session;
let viewer: Session;
beforeAll(async () => {
  t = await bootApp();
  org = await newOrg(t, 'Costs Org');
  owner = await addMember(t, org, 'PROJECT_OWNER');
  other = await addMember(t, org, 'PROJECT_OWNER');
  finance = await addMember(t, org, 'FINANCE');
  viewer = await addMember(t, org, 'VIEWER');
});
afterAll(() => t.close());

const projects = () => `/api/orgs/${org.orgId}/projects`;
async function project(body: object = {}, who: Session = owner): Promise<string> {
  return (
    await as(t, who)
      .post(projects(), { name: 'Costed', stage: 'POC', ...body })
      .expect(201)
  ).body.id;
}
const entry = (over: object = {}) => ({
  date: '2026-03-15',
  amount: 1_000 * EUR,
  category: 'ML_ENGINEERING',
  ...over,
});

describe('who records costs', () => {
  it('finance and admins on any project, owners on their own, viewers never', async () => {
    const id = await project();
    await as(t, finance).post(`${projects()}/${id}/costs`, entry()).expect(201);
    await as(t, org.admin).post(`${projects()}/${id}/costs`, entry()).expect(201);
    await as(t, owner).post(`${projects()}/${id}/costs`, entry()).expect(201);
    await as(t, other).post(`${projects()}/${id}/costs`, entry()).expect(403);
    await as(t, viewer).post(`${projects()}/${id}/costs`, entry()).expect(403);
    await as(t, other).patch(`${projects()}/${id}/budgets`, { pocBudget: 1 }).expect(403);
    const read = await as(t, viewer).get(`${projects()}/${id}/costs`).expect(200);
    expect(read.body).toMatchObject({ currency: 'EUR', canEdit: false });
    expect(read.body.entries).toHaveLength(3);
    expect(read.body.entries[0]).toMatchObject({
      date: '2026-03-15',
      amount: 100_000,
      category: 'ML_ENGINEERING',
      stage: 'POC',
    });
  });

  it('edits and deletes entries, with audit', async () => {
    const id = await project();
    const e = (
      await as(t, finance)
        .post(`${projects()}/${id}/costs`, entry({ note: 'GPU hours' }))
        .expect(201)
    ).body;
    const updated = await as(t, finance)
      .patch(`${projects()}/${id}/costs/${e.id}`, { amount: 2_500 * EUR })
      .expect(200);
    expect(updated.body.amount).toBe(250_000);
    await as(t, owner).delete(`${projects()}/${id}/costs/${e.id}`).expect(204);
    await as(t, owner).delete(`${projects()}/${id}/costs/${e.id}`).expect(404);
    const audit = await as(t, org.admin).get(`/api/orgs/${org.orgId}/audit?entityId=${e.id}`).expect(200);
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual([
      'cost.deleted',
      'cost.updated',
      'cost.recorded',
    ]);
    expect(audit.body.items[1]).toMatchObject({ before: { amount: 100_000 }, after: { amount: 250_000 } });
  });

  it('records who approved the production budget', async () => {
    const id = await project();
    const res = await as(t, finance)
      .patch(`${projects()}/${id}/budgets`, { pocBudget: 20_000 * EUR, productionBudget: 150_000 * EUR })
      .expect(200);
    expect(res.body.budgets).toMatchObject({
      pocBudget: 2_000_000,
      productionBudget: 15_000_000,
      productionBudgetApprovedById: finance.userId,
      productionBudgetApprovedByName: 'FINANCE',
    });
    const audit = await as(t, org.admin)
      .get(`/api/orgs/${org.orgId}/audit?entityId=${id}&limit=1`)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'project.budget_changed',
      after: { pocBudget: 2_000_000, productionBudget: 15_000_000, approvedBy: finance.email },
    });
  });
});

describe('bad amounts', () => {
  it.each([
    ['negative', { amount: -100 }, 'amount'],
    ['zero', { amount: 0 }, 'amount'],
    ['not whole cents', { amount: 12.5 }, 'amount'],
    ['huge', { amount: 1e20 }, 'amount'],
    ['a string', { amount: '100' }, 'amount'],
    ['an unknown category', { category: 'PIZZA' }, 'category'],
    ['a bad date', { date: '2026-13-01' }, 'date'],
  ])('%s → 400 naming the field', async (_, over, field) => {
    const id = await project();
    const res = await as(t, finance).post(`${projects()}/${id}/costs`, entry(over)).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('a currency other than the organisation’s → 400', async () => {
    const id = await project();
    const res = await as(t, finance)
      .post(`${projects()}/${id}/costs`, entry({ currency: 'USD' }))
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'currency', problems: ["currency must be EUR, the organisation's currency"] },
    ]);
    await as(t, finance)
      .post(`${projects()}/${id}/costs`, entry({ currency: 'EUR' }))
      .expect(201);
  });

  it('estimates need high ≥ low and one line each', async () => {
    const id = await project();
    const res = await as(t, owner)
      .put(`${projects()}/${id}/estimates`, {
        lines: [
          { line: 'DEVOPS', low: 10, high: 5 },
          { line: 'DEVOPS', low: 1, high: 2 },
        ],
      })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'lines[0].high',
      'lines[1].line',
    ]);
  });
});

describe('projection', () => {
  it('follows the spec from budgets, estimates and spend', async () => {
    const id = await project({ personalData: true, expectedAnnualValue: 500_000 * EUR });
    await as(t, finance)
      .patch(`${projects()}/${id}/budgets`, { pocBudget: 20_000 * EUR, productionBudget: 100_000 * EUR })
      .expect(200);
    let p = (await as(t, viewer).get(`${projects()}/${id}/projection`).expect(200)).body;
    expect(p).toMatchObject({
      currency: 'EUR',
      pocCost: 20_000 * EUR,
      pocCostSource: 'budget',
      benchmark: { low: 200_000 * EUR, high: 400_000 * EUR },
      headline: { low: 160_000 * EUR, high: 390_000 * EUR },
      ongoing: { low: 60_000 * EUR, high: 190_000 * EUR },
      costMultiple: 0,
      underfunded: true,
      value: { doNotDeploy: false },
    });
    await as(t, owner)
      .put(`${projects()}/${id}/estimates`, {
        lines: [{ line: 'DEVOPS', low: 10_000 * EUR, high: 20_000 * EUR }],
      })
      .expect(200);
    await as(t, finance)
      .post(`${projects()}/${id}/costs`, entry({ amount: 25_000 * EUR, stage: 'POC' }))
      .expect(201);
    await as(t, finance)
      .post(`${projects()}/${id}/costs`, entry({ amount: 250_000 * EUR, stage: 'PRODUCTIONIZING' }))
      .expect(201);
    p = (await as(t, viewer).get(`${projects()}/${id}/projection`).expect(200)).body;
    expect(p).toMatchObject({
      pocCost: 25_000 * EUR,
      pocCostSource: 'spend',
      headline: { low: 140_000 * EUR, high: 350_000 * EUR },
      postPocSpend: 250_000 * EUR,
      costMultiple: 10,
      spendToDate: 275_000 * EUR,
    });
    expect(p.bottomUpLines.find((l: { line: string }) => l.line === 'DEVOPS')).toMatchObject({
      source: 'team',
      low: 10_000 * EUR,
    });
  });
});

describe('finance export', () => {
  let exportOrg: TestOrg;
  let fin: Session;
  const ids: string[] = [];
  beforeAll(async () => {
    exportOrg = await newOrg(t, 'Export Org');
    fin = await addMember(t, exportOrg, 'FINANCE');
    const admin = as(t, exportOrg.admin);
    const base = `/api/orgs/${exportOrg.orgId}/projects`;
    for (const [i, name] of ['Alpha', '=HYPERLINK("http://evil")', 'Gamma'].entries()) {
      const id = (
        await admin
          .post(base, {
            name,
            businessUnit: i === 2 ? 'Retail' : 'Claims',
            stage: 'POC',
            personalData: i === 0,
          })
          .expect(201)
      ).body.id;
      ids.push(id);
      await admin
        .patch(`${base}/${id}/budgets`, {
          pocBudget: (10_000 + i * 5_000) * EUR,
          productionBudget: 300_000 * EUR,
        })
        .expect(200);
      await admin
        .post(`${base}/${id}/costs`, entry({ date: '2026-01-10', amount: (1_000 + i) * EUR + 1 }))
        .expect(201);
      await admin
        .post(
          `${base}/${id}/costs`,
          entry({ date: '2026-03-05', amount: 2_000 * EUR, stage: 'PRODUCTIONIZING' }),
        )
        .expect(201);
    }
    // Another organisation with data, which must never appear.
    const stranger = await newOrg(t, 'Stranger');
    await as(t, stranger.admin)
      .post(`/api/orgs/${stranger.orgId}/projects`, { name: 'Secret stranger project' })
      .expect(201);
  });

  const projection = async (id: string) =>
    (await as(t, fin).get(`/api/orgs/${exportOrg.orgId}/projects/${id}/projection`).expect(200)).body;

  it('CSV parses back to the projection endpoint’s numbers, with monthly actuals and no formulas', async () => {
    const res = await as(t, fin).get(`/api/orgs/${exportOrg.orgId}/exports/costs.csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="gapline-costs-.*\.csv"/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['Project ID']).sort()).toEqual([...ids].sort());
    expect(res.text).not.toContain('Secret stranger project');
    const evil = rows.find((r) => r.Name?.includes('HYPERLINK'));
    expect(evil?.Name).toBe('\'=HYPERLINK("http://evil")');
    for (const row of rows) {
      const p = await projection(row['Project ID'] as string);
      const cents = (h: string) => Math.round(Number(row[h]) * 100);
      expect(cents('POC cost')).toBe(p.pocCost);
      expect(cents('Benchmark low (10x)')).toBe(p.benchmark.low);
      expect(cents('First-year production low')).toBe(p.headline.low);
      expect(cents('First-year production high')).toBe(p.headline.high);
      expect(cents('Spend total')).toBe(p.spendToDate);
      expect(Number(row['Cost multiple'])).toBeCloseTo(p.costMultiple, 2);
      expect(Object.keys(row).filter((k) => k.startsWith('Actuals '))).toEqual([
        'Actuals 2026-01',
        'Actuals 2026-02',
        'Actuals 2026-03',
      ]);
      expect(cents('Actuals 2026-02')).toBe(0);
      expect(cents('Actuals 2026-03')).toBe(200_000);
    }
  });

  it('filters by stage, business unit and period', async () => {
    const retail = parse(
      (await as(t, fin).get(`/api/orgs/${exportOrg.orgId}/exports/costs.csv?businessUnit=Retail`).expect(200))
        .text,
      {
        columns: true,
      },
    );
    expect(retail).toHaveLength(1);
    const none = parse(
      (await as(t, fin).get(`/api/orgs/${exportOrg.orgId}/exports/costs.csv?stage=PRODUCTION`).expect(200))
        .text,
      {
        columns: true,
      },
    );
    expect(none).toHaveLength(0);
    const q1 = parse(
      (
        await as(t, fin)
          .get(`/api/orgs/${exportOrg.orgId}/exports/costs.csv?from=2026-03-01&to=2026-03-31`)
          .expect(200)
      ).text,
      {
        columns: true,
      },
    ) as Record<string, string>[];
    expect(Object.keys(q1[0] ?? {}).filter((k) => k.startsWith('Actuals '))).toEqual(['Actuals 2026-03']);
    const bad = await as(t, fin)
      .get(`/api/orgs/${exportOrg.orgId}/exports/costs.csv?stage=LIVE&from=yesterday`)
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'stage']);
  });

  it('XLSX has both sheets with the same numbers, money formats and frozen headers', async () => {
    const res = await as(t, fin)
      .get(`/api/orgs/${exportOrg.orgId}/exports/costs.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    const sheet = book.getWorksheet('Projects');
    const monthly = book.getWorksheet('Monthly actuals');
    if (!sheet || !monthly) throw new Error('the workbook lacks a sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (h: string) => header.indexOf(h) + 1;
    expect(sheet.rowCount).toBe(4);
    for (let r = 2; r <= 4; r++) {
      const row = sheet.getRow(r);
      const p = await projection(String(row?.getCell(col('Project ID')).value));
      expect(Math.round(Number(row?.getCell(col('First-year production low')).value) * 100)).toBe(
        p.headline.low,
      );
      expect(Math.round(Number(row?.getCell(col('POC cost')).value) * 100)).toBe(p.pocCost);
      expect(row?.getCell(col('POC cost')).numFmt).toMatch(/#,##0.00/);
    }
    expect((monthly.getRow(1).values as unknown[]).slice(3)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('is for finance and admins only', async () => {
    const po = await addMember(t, exportOrg, 'PROJECT_OWNER');
    await as(t, po).get(`/api/orgs/${exportOrg.orgId}/exports/costs.csv`).expect(403);
  });
});
