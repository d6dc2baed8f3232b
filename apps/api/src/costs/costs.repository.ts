import type { CostCategory, CostLine, RiskClass, SpendStage, Stage } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import { type CostEntry as EntryRow, Prisma } from '../generated/prisma/client.js';

/** Category and stage are text columns whose CHECK constraints hold exactly the domain's values. */
export type CostEntry = Omit<EntryRow, 'category' | 'stage'> & { category: CostCategory; stage: SpendStage };

export interface SpendFacts {
  byStage: Partial<Record<SpendStage, number>>;
  last90Days: number;
}

@Injectable()
export class CostsRepository {
  async entries(scope: TenantScope, projectId: string): Promise<CostEntry[]> {
    return (await scope.tx.costEntry.findMany({
      where: { orgId: scope.orgId, projectId },
      orderBy: [{ date: 'desc' }, { id: 'desc' }],
    })) as CostEntry[];
  }

  async findEntry(scope: TenantScope, projectId: string, id: string): Promise<CostEntry | null> {
    return (await scope.tx.costEntry.findFirst({
      where: { orgId: scope.orgId, projectId, id },
    })) as CostEntry | null;
  }

  async createEntry(
    scope: TenantScope,
    data: Omit<Prisma.CostEntryUncheckedCreateInput, 'orgId'>,
  ): Promise<CostEntry> {
    return (await scope.tx.costEntry.create({ data: { ...data, orgId: scope.orgId } })) as CostEntry;
  }

  async updateEntry(
    scope: TenantScope,
    id: string,
    data: Prisma.CostEntryUncheckedUpdateInput,
  ): Promise<CostEntry> {
    return (await scope.tx.costEntry.update({
      where: { orgId_id: { orgId: scope.orgId, id } },
      data,
    })) as CostEntry;
  }

  async deleteEntry(scope: TenantScope, id: string): Promise<void> {
    await scope.tx.costEntry.delete({ where: { orgId_id: { orgId: scope.orgId, id } } });
  }

  async replaceEstimates(
    scope: TenantScope,
    projectId: string,
    lines: { line: CostLine; low: number; high: number }[],
  ): Promise<void> {
    await scope.tx.costEstimate.deleteMany({ where: { orgId: scope.orgId, projectId } });
    if (lines.length) {
      await scope.tx.costEstimate.createMany({
        data: lines.map((l) => ({
          orgId: scope.orgId,
          projectId,
          line: l.line,
          low: BigInt(l.low),
          high: BigInt(l.high),
        })),
      });
    }
  }

  /** Spend per stage and over the last 90 days, for many projects in one query. */
  async spend(scope: TenantScope, projectIds: string[], now: Date): Promise<Map<string, SpendFacts>> {
    const out = new Map<string, SpendFacts>(projectIds.map((id) => [id, { byStage: {}, last90Days: 0 }]));
    if (!projectIds.length) return out;
    const since = new Date(now.getTime() - 90 * 86_400_000);
    const rows = await scope.tx.$queryRaw<
      { projectId: string; stage: SpendStage; total: bigint; recent: bigint }[]
    >`
      SELECT project_id::text AS "projectId", stage, sum(amount) AS total,
             coalesce(sum(amount) FILTER (WHERE date >= ${since}::date), 0) AS recent
      FROM cost_entries
      WHERE org_id = ${scope.orgId}::uuid AND project_id = ANY(${projectIds}::uuid[])
      GROUP BY project_id, stage`;
    for (const r of rows) {
      const f = out.get(r.projectId);
      if (!f) continue;
      f.byStage[r.stage] = Number(r.total);
      f.last90Days += Number(r.recent);
    }
    return out;
  }

  /** Actuals per project and calendar month (UTC), for many projects in one query. */
  async monthly(
    scope: TenantScope,
    projectIds: string[],
    period: { from?: Date; to?: Date },
  ): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>(projectIds.map((id) => [id, new Map()]));
    if (!projectIds.length) return out;
    const rows = await scope.tx.$queryRaw<{ projectId: string; month: string; total: bigint }[]>`
      SELECT project_id::text AS "projectId", to_char(date, 'YYYY-MM') AS month, sum(amount) AS total
      FROM cost_entries
      WHERE org_id = ${scope.orgId}::uuid AND project_id = ANY(${projectIds}::uuid[])
        AND (${period.from ?? null}::date IS NULL OR date >= ${period.from ?? null}::date)
        AND (${period.to ?? null}::date IS NULL OR date <= ${period.to ?? null}::date)
      GROUP BY 1, 2`;
    for (const r of rows) out.get(r.projectId)?.set(r.month, Number(r.total));
    return out;
  }

  /** The first and last month with spend among the exported projects. */
  async monthRange(
    scope: TenantScope,
    filter: ExportFilter,
  ): Promise<{ first: string | null; last: string | null }> {
    const [row] = await scope.tx.$queryRaw<{ first: string | null; last: string | null }[]>`
      SELECT to_char(min(c.date), 'YYYY-MM') AS first, to_char(max(c.date), 'YYYY-MM') AS last
      FROM cost_entries c JOIN projects p ON p.org_id = c.org_id AND p.id = c.project_id
      WHERE c.org_id = ${scope.orgId}::uuid AND p.archived_at IS NULL
        AND (${filter.stages ?? null}::text[] IS NULL OR p.stage = ANY(${filter.stages ?? null}::text[]))
        AND (${filter.businessUnit ?? null}::text IS NULL OR p.business_unit = ${filter.businessUnit ?? null})
        AND (${filter.from ?? null}::date IS NULL OR c.date >= ${filter.from ?? null}::date)
        AND (${filter.to ?? null}::date IS NULL OR c.date <= ${filter.to ?? null}::date)`;
    return row ?? { first: null, last: null };
  }

  /**
   * A page of the finance export in one statement, in id order (keyset): each project with its
   * owner's name, when it entered its stage, its spend by stage (all time) and over the last 90
   * days, its team estimates, and its actuals per calendar month (UTC) within the period.
   */
  async exportRows(
    scope: TenantScope,
    filter: ExportFilter,
    afterId: string | null,
    limit: number,
    now: Date,
  ): Promise<ExportRow[]> {
    const since = new Date(now.getTime() - 90 * 86_400_000);
    const conditions = [
      Prisma.sql`p.org_id = ${scope.orgId}::uuid`,
      Prisma.sql`p.archived_at IS NULL`,
      ...(filter.stages?.length ? [Prisma.sql`p.stage = ANY(${filter.stages}::text[])`] : []),
      ...(filter.businessUnit ? [Prisma.sql`p.business_unit = ${filter.businessUnit}`] : []),
      ...(afterId ? [Prisma.sql`p.id > ${afterId}::uuid`] : []),
    ];
    const inPeriod = Prisma.sql`(${filter.from ?? null}::date IS NULL OR c.date >= ${filter.from ?? null}::date)
      AND (${filter.to ?? null}::date IS NULL OR c.date <= ${filter.to ?? null}::date)`;
    // A keyset page of projects, then their facts from one index range scan per table over the
    // page's span of ids (pages are in id order) instead of a lookup per project.
    // Awaited here so the query starts on the call (a Prisma query is lazy): the export asks for
    // the next page before it writes the current one.
    return await scope.tx.$queryRaw<ExportRow[]>`
      WITH page AS (
        SELECT p.id, p.name, p.stage, p.owner_id, p.business_unit, p.poc_budget, p.production_budget,
               p.expected_annual_value, p.risk_class, p.revenue_at_risk, p.regulated_decisions, p.personal_data,
               p.uptime_sla_bp, p.retention_years, p.silent_degradation, p.dependent_teams
        FROM projects p
        WHERE ${Prisma.join(conditions, ' AND ')}
        ORDER BY p.id
        LIMIT ${limit}
      ),
      span AS (
        SELECT (SELECT id FROM page ORDER BY id LIMIT 1) AS lo, (SELECT id FROM page ORDER BY id DESC LIMIT 1) AS hi
      ),
      costs AS (
        SELECT c.project_id, c.stage, c.date, c.amount FROM span, cost_entries c
        WHERE c.org_id = ${scope.orgId}::uuid AND c.project_id BETWEEN span.lo AND span.hi
      ),
      spend AS (
        SELECT s.project_id, json_object_agg(s.stage, s.total) AS spend, sum(s.recent)::float8 AS recent
        FROM (
          SELECT project_id, stage, sum(amount) AS total,
                 coalesce(sum(amount) FILTER (WHERE date >= ${since}::date), 0) AS recent
          FROM costs GROUP BY 1, 2
        ) s
        GROUP BY 1
      ),
      monthly AS (
        SELECT m.project_id, json_object_agg(m.month, m.total) AS monthly
        FROM (
          SELECT c.project_id, to_char(c.date, 'YYYY-MM') AS month, sum(c.amount) AS total
          FROM costs c WHERE ${inPeriod} GROUP BY 1, 2
        ) m
        GROUP BY 1
      ),
      starts AS (
        SELECT t.project_id, max(t.at) AS at FROM span, project_transitions t
        WHERE t.org_id = ${scope.orgId}::uuid AND t.project_id BETWEEN span.lo AND span.hi
        GROUP BY 1
      ),
      estimates AS (
        SELECT e.project_id, json_object_agg(e.line, json_build_array(e.low, e.high)) AS estimates
        FROM span, cost_estimates e
        WHERE e.org_id = ${scope.orgId}::uuid AND e.project_id BETWEEN span.lo AND span.hi
        GROUP BY 1
      )
      SELECT page.id::text AS "id", page.name AS "name", page.stage AS "stage", u.name AS "ownerName",
             page.business_unit AS "businessUnit", page.poc_budget::float8 AS "pocBudget",
             page.production_budget::float8 AS "productionBudget",
             page.expected_annual_value::float8 AS "expectedAnnualValue", page.risk_class AS "riskClass",
             page.revenue_at_risk::float8 AS "revenueAtRisk", page.regulated_decisions AS "regulatedDecisions",
             page.personal_data AS "personalData", page.uptime_sla_bp AS "uptimeSlaBp",
             page.retention_years AS "retentionYears", page.silent_degradation AS "silentDegradation",
             page.dependent_teams AS "dependentTeams", starts.at AS "stageStartedAt", spend.spend AS "spend",
             coalesce(spend.recent, 0) AS "recent", estimates.estimates AS "estimates", monthly.monthly AS "monthly"
      FROM page
      JOIN users u ON u.id = page.owner_id
      LEFT JOIN starts ON starts.project_id = page.id
      LEFT JOIN spend ON spend.project_id = page.id
      LEFT JOIN estimates ON estimates.project_id = page.id
      LEFT JOIN monthly ON monthly.project_id = page.id
      ORDER BY page.id`;
  }

  /** Team estimates of many projects in one query. */
  async estimatesOf(scope: TenantScope, projectIds: string[]): Promise<Map<string, Estimates>> {
    const out = new Map<string, Estimates>(projectIds.map((id) => [id, {}]));
    const rows = await scope.tx.costEstimate.findMany({
      where: { orgId: scope.orgId, projectId: { in: projectIds } },
    });
    for (const r of rows) {
      const e = out.get(r.projectId);
      if (e) e[r.line as CostLine] = { low: Number(r.low), high: Number(r.high) };
    }
    return out;
  }

  /** When each project entered its current stage, for many projects in one query. */
  async stageStarts(scope: TenantScope, projectIds: string[]): Promise<Map<string, Date>> {
    const rows = await scope.tx.projectTransition.groupBy({
      by: ['projectId'],
      where: { orgId: scope.orgId, projectId: { in: projectIds } },
      _max: { at: true },
    });
    return new Map(rows.flatMap((r) => (r._max.at ? [[r.projectId, r._max.at] as const] : [])));
  }
}

export interface ExportFilter {
  stages?: string[];
  businessUnit?: string;
  from?: Date;
  to?: Date;
}

export type Estimates = Partial<Record<CostLine, { low: number; high: number }>>;
/** One project of the finance export with its cost facts (money in minor units). */
export interface ExportRow {
  id: string;
  name: string;
  stage: Stage;
  ownerName: string;
  businessUnit: string;
  pocBudget: number | null;
  productionBudget: number | null;
  expectedAnnualValue: number | null;
  riskClass: RiskClass;
  revenueAtRisk: number | null;
  regulatedDecisions: boolean;
  personalData: boolean;
  uptimeSlaBp: number | null;
  retentionYears: number | null;
  silentDegradation: boolean;
  dependentTeams: number | null;
  stageStartedAt: Date | null;
  spend: Partial<Record<SpendStage, number>> | null;
  recent: number;
  estimates: Partial<Record<CostLine, [number, number]>> | null;
  monthly: Record<string, number> | null;
}
