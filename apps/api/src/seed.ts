import type { Role, Stage } from '@gapline/domain';
import type { INestApplicationContext } from '@nestjs/common';
import { AuthService } from './auth/auth.service.js';
import type { OrgContext } from './common/request-context.js';
import { CostsService } from './costs/costs.service.js';
import { PrismaService } from './db/prisma.service.js';
import { asOrgId } from './db/tenant.js';
import { InvitationsService } from './orgs/invitations.service.js';
import { ChecklistService } from './projects/checklist.service.js';
import type { CreateProjectDto } from './projects/dto/projects.dto.js';
import { ProjectsService } from './projects/projects.service.js';

export const DEMO_PASSWORD = 'gapline-demo';
const DEMO_USERS: { role: Role; email: string; name: string }[] = [
  { role: 'ADMIN', email: 'admin@demo.gapline.dev', name: 'Ada Admin' },
  { role: 'PROJECT_OWNER', email: 'owner@demo.gapline.dev', name: 'Owen Owner' },
  { role: 'FINANCE', email: 'finance@demo.gapline.dev', name: 'Fiona Finance' },
  { role: 'VIEWER', email: 'viewer@demo.gapline.dev', name: 'Vic Viewer' },
];

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

/**
 * Seeds a demo organisation with one user per role when the database has no users, through the
 * same services the API uses (so the audit trail starts out complete). Returns the demo logins.
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoLogin[]> {
  const logins = DEMO_USERS.map((u) => ({ role: u.role, email: u.email, password: DEMO_PASSWORD }));
  if ((await app.get(PrismaService).user.count()) > 0) return logins;
  const auth = app.get(AuthService);
  const invitations = app.get(InvitationsService);
  const client = { ip: null, userAgent: 'seed', requestId: 'seed' };
  const [admin, ...others] = DEMO_USERS as [(typeof DEMO_USERS)[0], ...typeof DEMO_USERS];
  const created = await auth.register(
    {
      email: admin.email,
      password: DEMO_PASSWORD,
      name: admin.name,
      organizationName: 'Demo Insurance Group',
    },
    client,
  );
  const orgId = asOrgId(created.body.orgId as string);
  const actor = { userId: created.body.user.id, label: admin.email, ...client };
  const userIds: Partial<Record<Role, string>> = { ADMIN: actor.userId };
  for (const u of others) {
    const inv = await invitations.create(orgId, actor, { email: u.email, role: u.role });
    const token = decodeURIComponent(inv.acceptUrl.split('/invite/')[1] as string);
    const joined = await auth.register(
      { email: u.email, password: DEMO_PASSWORD, name: u.name, invitationToken: token },
      client,
    );
    userIds[u.role] = joined.body.user.id;
  }
  await seedPortfolio(app, { orgId, role: 'ADMIN', actor }, userIds.PROJECT_OWNER ?? actor.userId);
  console.log('» Seeded the demo organisation "Demo Insurance Group"');
  return logins;
}

const EUR = 100; // minor units per euro

interface DemoProject {
  project: CreateProjectDto;
  done: string[];
  path: { to: Stage; reason?: string }[];
  /** POC budget and POC spend a month, and production budget and spend a month (euros). */
  money?: { pocBudget: number; pocMonthly: number; productionBudget?: number; productionMonthly?: number };
}

const DONE_BASICS = ['model-versioning', 'ci-cd', 'monitoring-alerting', 'reproducible-environments'];
const DONE_MOST = [
  ...DONE_BASICS,
  'drift-detection',
  'incident-runbooks',
  'dataset-versioning',
  'data-pipelines',
  'data-quality-checks',
  'automated-rollback',
  'explainability',
  'audit-logging',
  'access-control',
];

/** A believable portfolio across the stages, so every screen has something to show. */
function demoPortfolio(ownerId: string): DemoProject[] {
  return [
    {
      project: {
        name: 'Claims fraud detection',
        businessUnit: 'Claims',
        description: 'Scores incoming claims for fraud risk so investigators see the riskiest first.',
        ownerId,
        tags: ['fraud', 'claims'],
        riskClass: 'LIMITED',
        expectedAnnualValue: 900_000 * EUR,
        revenueAtRisk: 120_000 * EUR,
        personalData: true,
        silentDegradation: true,
      },
      done: [...DONE_BASICS, 'drift-detection', 'dataset-versioning', 'data-pipelines'],
      path: [{ to: 'POC' }, { to: 'PRODUCTIONIZING' }],
      money: { pocBudget: 30_000, pocMonthly: 9_000, productionBudget: 200_000, productionMonthly: 38_000 },
    },
    {
      project: {
        name: 'Underwriting risk scoring',
        businessUnit: 'Underwriting',
        description: 'Automated risk scores for small-business policies (EU AI Act high-risk).',
        ownerId,
        tags: ['underwriting', 'regulated'],
        riskClass: 'HIGH',
        expectedAnnualValue: 1_500_000 * EUR,
        revenueAtRisk: 250_000 * EUR,
        uptimeSlaBp: 9990,
        retentionYears: 10,
      },
      done: [...DONE_MOST, 'load-tested-serving', 'encrypted-storage'],
      path: [{ to: 'POC' }, { to: 'PRODUCTIONIZING' }, { to: 'PRODUCTION' }],
      money: { pocBudget: 25_000, pocMonthly: 8_000, productionBudget: 450_000, productionMonthly: 52_000 },
    },
    {
      project: {
        name: 'Customer churn prediction',
        businessUnit: 'Retail',
        description: 'Flags customers likely to cancel so retention teams can act.',
        ownerId,
        tags: ['retention'],
        expectedAnnualValue: 400_000 * EUR,
        dependentTeams: 3,
      },
      done: ['model-versioning'],
      path: [{ to: 'POC' }],
      money: { pocBudget: 20_000, pocMonthly: 6_500 },
    },
    {
      project: {
        name: 'Policy document search',
        businessUnit: 'Operations',
        description: 'Internal semantic search over policy wordings; advisory use only.',
        tags: ['search', 'genai'],
        expectedAnnualValue: 120_000 * EUR,
      },
      done: [],
      path: [{ to: 'POC' }, { to: 'POC_SUFFICIENT' }],
    },
    {
      project: {
        name: 'Dynamic pricing',
        businessUnit: 'Retail',
        description: 'Real-time premium adjustments for online quotes.',
        ownerId,
        tags: ['pricing'],
        expectedAnnualValue: 2_000_000 * EUR,
        revenueAtRisk: 400_000 * EUR,
        uptimeSlaBp: 9995,
        dependentTeams: 2,
      },
      done: DONE_MOST,
      path: [{ to: 'POC' }, { to: 'PRODUCTIONIZING' }],
      money: { pocBudget: 40_000, pocMonthly: 12_000, productionBudget: 600_000, productionMonthly: 70_000 },
    },
    {
      project: {
        name: 'Call-centre summarisation',
        businessUnit: 'Customer service',
        description: 'Summaries of customer calls for the CRM.',
        tags: ['genai'],
        personalData: true,
        expectedAnnualValue: 300_000 * EUR,
      },
      done: [],
      path: [],
    },
    {
      project: {
        name: 'Office plant watering forecast',
        businessUnit: 'Facilities',
        description: 'A pilot whose production cost would dwarf its value.',
        expectedAnnualValue: 20_000 * EUR,
      },
      done: [],
      path: [{ to: 'POC' }],
    },
    {
      project: {
        name: 'Marketing copy generator',
        businessUnit: 'Marketing',
        description: 'Stopped after legal review.',
        tags: ['genai'],
        expectedAnnualValue: 80_000 * EUR,
      },
      done: [],
      path: [{ to: 'POC' }, { to: 'CANCELLED', reason: 'Legal review: brand risk outweighs value' }],
    },
  ];
}

async function seedPortfolio(app: INestApplicationContext, ctx: OrgContext, ownerId: string): Promise<void> {
  const projects = app.get(ProjectsService);
  const checklist = app.get(ChecklistService);
  const costs = app.get(CostsService);
  for (const demo of demoPortfolio(ownerId)) {
    const { id } = await projects.create(ctx, demo.project);
    if (demo.done.length) {
      await checklist.bulk(
        ctx,
        id,
        demo.done.map((key) => ({ key, status: 'DONE' })),
      );
    }
    for (const step of demo.path) await projects.transition(ctx, id, step);
    if (demo.money) await seedCosts(costs, ctx, id, demo.money);
  }
}

/** Three months of POC spend, then (where there is a production budget) four of productionizing. */
async function seedCosts(
  costs: CostsService,
  ctx: OrgContext,
  id: string,
  m: NonNullable<DemoProject['money']>,
) {
  await costs.setBudgets(ctx, id, {
    pocBudget: m.pocBudget * EUR,
    productionBudget: m.productionBudget ? m.productionBudget * EUR : null,
  });
  const month = (ago: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - ago);
    return d.toISOString().slice(0, 10);
  };
  const production = m.productionMonthly ?? 0;
  for (let ago = 6; ago >= 0; ago--) {
    const poc = ago >= 4;
    if (!poc && !production) break;
    await costs.addEntry(ctx, id, {
      date: month(ago),
      amount: (poc ? m.pocMonthly : production) * EUR,
      category: poc ? 'DATA_SCIENCE' : ago % 2 ? 'ML_ENGINEERING' : 'INFRASTRUCTURE',
      stage: poc ? 'POC' : 'PRODUCTIONIZING',
      note: poc ? 'POC team' : 'Production engineering',
    });
  }
}
