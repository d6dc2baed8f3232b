import { asOrgId, TenantDb } from '../src/db/tenant.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { type PortfolioFilter, portfolioStatement } from '../src/portfolio/portfolio.repository.js';
import {
  type ProjectFilter,
  ProjectsRepository,
  type SortField,
} from '../src/projects/projects.repository.js';
import { bootApp, newOrg, type TestApp, type TestOrg } from './app.js';
import { ownerQuery } from './db.js';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await bootApp();
  org = await newOrg(t, 'Ten Thousand');
  await ownerQuery(
    `INSERT INTO projects (org_id, id, name, description, business_unit, owner_id, stage, risk_class, recommendation, updated_at)
     SELECT $1::uuid, gen_random_uuid(), 'Initiative ' || g, 'Model number ' || g, 'Unit ' || (g % 40), $2::uuid,
            (ARRAY['IDEA','POC','PRODUCTIONIZING','PRODUCTION','RETIRED','POC_SUFFICIENT','CANCELLED'])[1 + g % 7],
            (ARRAY['MINIMAL','LIMITED','HIGH'])[1 + g % 3],
            (ARRAY['PRODUCTION_REQUIRED','POC_SUFFICIENT','DO_NOT_DEPLOY'])[1 + g % 3],
            now() - g * interval '1 minute'
     FROM generate_series(1, 10000) g`,
    [org.orgId, org.admin.userId],
  );
  await ownerQuery('ANALYZE projects');
}, 60_000);
afterAll(() => t.close());

async function plan(filter: Partial<ProjectFilter>, sort: SortField = 'name'): Promise<string> {
  const repo = t.app.get(ProjectsRepository);
  const rows = await t.app
    .get(TenantDb)
    .run(asOrgId(org.orgId), (scope) => repo.explain(scope, { archived: false, ...filter }, sort));
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('the initiatives list on an organisation with 10,000 initiatives', () => {
  it.each<[string, Partial<ProjectFilter>, SortField]>([
    ['default (by name)', {}, 'name'],
    ['recently updated', {}, 'updatedAt'],
    ['by stage', { stages: ['POC'] }, 'name'],
    ['by owner', { ownerId: '00000000-0000-4000-8000-000000000000' }, 'name'],
    ['by business unit', { businessUnit: 'Unit 7' }, 'name'],
    ['by risk class', { riskClass: 'HIGH' }, 'name'],
    ['by recommendation', { recommendation: 'DO_NOT_DEPLOY' }, 'name'],
    ['by text', { q: 'initiative 4242' }, 'name'],
  ])('%s uses an index, never a sequential scan', async (_, filter, sort) => {
    const p = await plan(filter, sort);
    expect(p).toMatch(/Index/);
    expect(p).not.toMatch(/Seq Scan on projects/);
  });

  it('answers through the API with the right total', async () => {
    const res = await t.http
      .get(`/api/orgs/${org.orgId}/projects?stage=POC&limit=50`)
      .auth(org.admin.token, { type: 'bearer' })
      .expect(200);
    expect(res.body.total).toBe(1429);
    expect(res.body.items).toHaveLength(50);
    const text = await t.http
      .get(`/api/orgs/${org.orgId}/projects?q=initiative%204242`)
      .auth(org.admin.token, { type: 'bearer' })
      .expect(200);
    expect(text.body.items.map((i: { name: string }) => i.name)).toContain('Initiative 4242');
  });
});

describe('the portfolio of an organisation with 10,000 initiatives', () => {
  async function portfolioPlan(filter: PortfolioFilter): Promise<string> {
    const ctx = { capabilities: [], stallDays: { IDEA: 60, POC: 90, PRODUCTIONIZING: 120 }, now: new Date() };
    const rows = await t.app
      .get(TenantDb)
      .run(asOrgId(org.orgId), (scope) =>
        scope.tx.$queryRaw<{ 'QUERY PLAN': string }[]>(
          Prisma.sql`EXPLAIN ${portfolioStatement(org.orgId, filter, ctx)}`,
        ),
      );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  // The list indexes are expressions over projects (ADR 0005): the statement must keep matching them.
  it('reads the tallies and the three list indexes', async () => {
    const p = await portfolioPlan({});
    for (const index of [
      'portfolio_tallies',
      'projects_stalled_idx',
      'projects_multiple_idx',
      'projects_heatmap_idx',
    ]) {
      expect(p).toContain(index);
    }
    expect(p).not.toMatch(/Seq Scan on projects/);
  });

  it.each<[string, PortfolioFilter]>([
    ['one business unit', { businessUnit: 'Unit 7' }],
    ['one owner and risk class', { ownerId: '00000000-0000-4000-8000-000000000000', riskClass: 'HIGH' }],
  ])('filtered to %s, never scans projects sequentially', async (_, filter) => {
    const p = await portfolioPlan(filter);
    expect(p).toContain('portfolio_tallies');
    expect(p).not.toMatch(/Seq Scan on projects/);
  });
});
