import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@gapline/domain';
import { AlertsService } from '../src/alerts/alerts.service.js';
import { asOrgId } from '../src/db/tenant.js';
import { addMember, newOrg, type Session, type TestApp, type TestOrg } from './app.js';

/** The OpenAPI document as committed (CI fails when it is stale, so it lists every route). */
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface Operation {
  'x-permission'?: string;
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface JsonSchema {
  $ref?: string;
  allOf?: JsonSchema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  default?: unknown;
}

export type Method = 'get' | 'post' | 'patch' | 'delete' | 'put';

export interface Route {
  method: Method;
  path: string;
  permission: string;
  op: Operation;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function committedDoc(): OpenApiDoc {
  return JSON.parse(readFileSync(path.resolve(here, '../../../packages/api-client/openapi.json'), 'utf8'));
}

export function routesOf(doc: OpenApiDoc): Route[] {
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method as Method,
      path: p,
      permission: op['x-permission'] ?? 'UNDECLARED',
      op,
    })),
  );
}

export const routeName = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;
export const isOrgRoute = (r: Route) => r.path.startsWith('/api/orgs/{orgId}');
export const isWrite = (r: Route) => r.method !== 'get';

/** Substitutes `{name}` path parameters; a parameter without a value is a missing fixture. */
export function fill(route: string, values: Record<string, string>): string {
  return route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (!value)
      throw new Error(`No fixture for path parameter {${name}} in ${route}: add one to test/fixtures.ts`);
    return value;
  });
}

/** Valid bodies, so a refusal can only come from the access rules, not from validation. */
export const VALID_BODIES: Record<string, object> = {
  'patch /api/orgs/{orgId}': { name: 'Renamed' },
  'patch /api/orgs/{orgId}/members/{userId}': { role: 'FINANCE' },
  'post /api/orgs/{orgId}/invitations': { email: 'matrix@test.gapline.dev', role: 'VIEWER' },
  'patch /api/orgs/{orgId}/settings': { stallDaysIdea: 60 },
  'post /api/orgs/{orgId}/capabilities': { key: 'matrix-check', name: 'Matrix', group: 'governance' },
  'patch /api/orgs/{orgId}/capabilities/{capabilityKey}': { description: 'Watched' },
  'post /api/orgs/{orgId}/projects': { name: 'Matrix project' },
  'patch /api/orgs/{orgId}/projects/{projectId}': { name: 'Renamed project' },
  'post /api/orgs/{orgId}/projects/{projectId}/transitions': { to: 'POC' },
  'patch /api/orgs/{orgId}/projects/{projectId}/checklist': {
    items: [{ key: 'cost-monitoring', status: 'IN_PROGRESS' }],
  },
  'patch /api/orgs/{orgId}/projects/{projectId}/checklist/{capabilityKey}': { status: 'DONE' },
  'patch /api/orgs/{orgId}/projects/{projectId}/budgets': { pocBudget: 100 },
  'patch /api/orgs/{orgId}/alerts/{alertId}': { action: 'acknowledge' },
  'put /api/orgs/{orgId}/notifications': { emailAlerts: true },
  'post /api/orgs/{orgId}/webhooks': { url: 'http://127.0.0.1:9/matrix' },
  'patch /api/orgs/{orgId}/webhooks/{webhookId}': { active: true },
  'put /api/orgs/{orgId}/projects/{projectId}/estimates': { lines: [] },
  'post /api/orgs/{orgId}/projects/{projectId}/costs': { date: '2026-01-02', amount: 100, category: 'OTHER' },
  'patch /api/orgs/{orgId}/projects/{projectId}/costs/{costId}': { note: 'matrix' },
  'post /api/orgs/{orgId}/projects/{projectId}/checklist/{capabilityKey}/evidence': {
    url: 'https://wiki.example/cost',
    title: 'Cost dashboard',
  },
};

export const bodyKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** One organisation with a member per role and one object of every kind an org route can name. */
export interface Tenant {
  org: TestOrg;
  name: string;
  sessions: Partial<Record<Role, Session>> & { ADMIN: Session };
  /** A real value for every path parameter of the organisation routes. */
  params: Record<string, string>;
  /** Ids and words that belong to this tenant only: none may appear in another tenant's answers. */
  secrets: string[];
}

/**
 * Builds a tenant through the API. `roles` picks the members besides the admin (a VIEWER is
 * always added: it is the `{userId}` the member routes name).
 */
export async function buildTenant(t: TestApp, name: string, roles: readonly Role[] = ROLES): Promise<Tenant> {
  const auth = { type: 'bearer' as const };
  const org = await newOrg(t, name);
  const sessions: Tenant['sessions'] = { ADMIN: org.admin };
  for (const role of new Set<Role>([...roles.filter((r) => r !== 'ADMIN'), 'VIEWER'])) {
    sessions[role] = await addMember(t, org, role);
  }
  const viewer = sessions.VIEWER as Session;
  const owner = sessions.PROJECT_OWNER ?? org.admin;
  const tag = org.orgId.slice(-8);
  const inv = await t.http
    .post(`/api/orgs/${org.orgId}/invitations`)
    .auth(org.admin.token, auth)
    .send({ email: `pending-${tag}@test.gapline.dev`, role: 'VIEWER' })
    .expect(201);
  const capability = await t.http
    .post(`/api/orgs/${org.orgId}/capabilities`)
    .auth(org.admin.token, auth)
    .send({ key: `own-check-${tag}`, name: `${name} own check`, group: 'governance' })
    .expect(201);
  const project = await t.http
    .post(`/api/orgs/${org.orgId}/projects`)
    .auth(org.admin.token, auth)
    .send({ name: `${name} project`, ownerId: owner.userId, businessUnit: `${name} unit` })
    .expect(201);
  const cost = await t.http
    .post(`/api/orgs/${org.orgId}/projects/${project.body.id}/costs`)
    .auth(org.admin.token, auth)
    .send({ date: '2026-01-01', amount: 100, category: 'OTHER', note: `${name} cost` })
    .expect(201);
  await t.http
    .patch(`/api/orgs/${org.orgId}/projects/${project.body.id}/budgets`)
    .auth(org.admin.token, auth)
    .send({ pocBudget: 2_000_000, productionBudget: 2_000_000 })
    .expect(200);
  const alerts = t.app.get(AlertsService);
  await alerts.evaluate(asOrgId(org.orgId)); // the plan is underfunded: one alert
  const [alert] = await alerts.list(asOrgId(org.orgId), { limit: 1 });
  if (alert?.rule !== 'UNDERFUNDED_PLAN')
    throw new Error(`expected an UNDERFUNDED_PLAN alert, got ${alert?.rule}`);
  const webhook = await t.http
    .post(`/api/orgs/${org.orgId}/webhooks`)
    .auth(org.admin.token, auth)
    .send({ url: `http://127.0.0.1:9/hook-${tag}` })
    .expect(201);
  // Real ids of this organisation's objects, so a 404 elsewhere proves the wall rather than a missing object.
  const params = {
    orgId: org.orgId,
    userId: viewer.userId,
    invitationId: inv.body.id,
    projectId: project.body.id,
    capabilityKey: 'cost-monitoring',
    costId: cost.body.id,
    alertId: alert.id,
    webhookId: webhook.body.id,
  };
  const secrets = [
    name,
    `pending-${tag}@test.gapline.dev`,
    ...Object.values(params).filter((v) => v !== 'cost-monitoring'),
    capability.body.key,
    `${name} project`,
    `${name} unit`,
    `${name} cost`,
    `hook-${tag}`,
    ...Object.values(sessions).flatMap((s) => [s.userId, s.email]),
  ];
  return { org, name, sessions, params, secrets };
}
