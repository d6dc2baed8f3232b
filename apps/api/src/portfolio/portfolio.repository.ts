import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Project } from '../projects/projects.repository.js';
import type { TrendPointDto } from './dto/portfolio.dto.js';

export interface PortfolioFilter {
  businessUnit?: string;
  ownerId?: string;
  riskClass?: string;
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

/** Portfolio aggregates: each method is one set-based statement over the filtered projects. */
@Injectable()
export class PortfolioRepository {
  private scoped(scope: TenantScope, f: PortfolioFilter): Prisma.Sql {
    const parts = [Prisma.sql`p.org_id = ${scope.orgId}::uuid`, Prisma.sql`p.archived_at IS NULL`];
    if (f.businessUnit) parts.push(Prisma.sql`p.business_unit = ${f.businessUnit}`);
    if (f.ownerId) parts.push(Prisma.sql`p.owner_id = ${f.ownerId}::uuid`);
    if (f.riskClass) parts.push(Prisma.sql`p.risk_class = ${f.riskClass}`);
    return Prisma.join(parts, ' AND ');
  }

  async projects(scope: TenantScope, f: PortfolioFilter): Promise<Project[]> {
    return scope.tx.$queryRaw<Project[]>`
      SELECT p.id::text AS id, p.name, p.stage, p.recommendation, p.risk_class AS "riskClass",
             p.revenue_at_risk AS "revenueAtRisk", p.regulated_decisions AS "regulatedDecisions",
             p.personal_data AS "personalData", p.uptime_sla_bp AS "uptimeSlaBp", p.retention_years AS "retentionYears",
             p.silent_degradation AS "silentDegradation", p.dependent_teams AS "dependentTeams",
             p.expected_annual_value AS "expectedAnnualValue", p.poc_budget AS "pocBudget",
             p.production_budget AS "productionBudget", p.owner_id::text AS "ownerId"
      FROM projects p WHERE ${this.scoped(scope, f)}`;
  }

  /** How many projects ever reached each stage (from the transition history). */
  async reached(
    scope: TenantScope,
    f: PortfolioFilter,
  ): Promise<{ poc: number; productionizing: number; production: number }> {
    const [r] = await scope.tx.$queryRaw<{ poc: bigint; productionizing: bigint; production: bigint }[]>`
      SELECT count(DISTINCT t.project_id) FILTER (WHERE t.to_stage IN ('POC', 'PRODUCTIONIZING', 'PRODUCTION', 'POC_SUFFICIENT')) AS poc,
             count(DISTINCT t.project_id) FILTER (WHERE t.to_stage IN ('PRODUCTIONIZING', 'PRODUCTION')) AS productionizing,
             count(DISTINCT t.project_id) FILTER (WHERE t.to_stage = 'PRODUCTION') AS production
      FROM project_transitions t JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
      WHERE ${this.scoped(scope, f)}`;
    return { poc: n(r?.poc), productionizing: n(r?.productionizing), production: n(r?.production) };
  }

  /** Done and applicable items per capability across the portfolio (active capabilities). */
  capabilityTotals(scope: TenantScope, f: PortfolioFilter) {
    return scope.tx.$queryRaw<
      { key: string; name: string; done: bigint; applicable: bigint; position: number }[]
    >`
      SELECT c.key, c.name, c.position,
             count(*) FILTER (WHERE i.status = 'DONE') AS done,
             count(*) FILTER (WHERE i.status <> 'NOT_APPLICABLE') AS applicable
      FROM checklist_items i
      JOIN projects p ON p.org_id = i.org_id AND p.id = i.project_id
      JOIN capabilities c ON c.org_id = i.org_id AND c.key = i.capability_key AND c.retired_at IS NULL
      WHERE ${this.scoped(scope, f)} AND p.stage NOT IN ('RETIRED', 'CANCELLED')
      GROUP BY c.key, c.name, c.position ORDER BY c.position`;
  }

  /**
   * Each open project's latest readiness snapshot. Snapshots are written on every checklist,
   * criteria, template or settings change, so the newest one is the current readiness.
   */
  async latestReadiness(
    scope: TenantScope,
    f: PortfolioFilter,
  ): Promise<Map<string, { done: number; applicable: number; ready: boolean }>> {
    const rows = await scope.tx.$queryRaw<{ id: string; done: number; applicable: number; ready: boolean }[]>`
      SELECT DISTINCT ON (s.project_id) s.project_id::text AS id, s.done, s.applicable, s.ready
      FROM readiness_snapshots s JOIN projects p ON p.org_id = s.org_id AND p.id = s.project_id
      WHERE ${this.scoped(scope, f)} AND p.stage NOT IN ('RETIRED', 'CANCELLED')
      ORDER BY s.project_id, s.at DESC`;
    return new Map(rows.map((r) => [r.id, { done: r.done, applicable: r.applicable, ready: r.ready }]));
  }

  /** When each filtered project entered its stage. */
  async stageStarts(scope: TenantScope, f: PortfolioFilter): Promise<Map<string, Date>> {
    const rows = await scope.tx.$queryRaw<{ id: string; at: Date }[]>`
      SELECT t.project_id::text AS id, max(t.at) AS at
      FROM project_transitions t JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
      WHERE ${this.scoped(scope, f)} GROUP BY t.project_id`;
    return new Map(rows.map((r) => [r.id, r.at]));
  }

  async spend(
    scope: TenantScope,
    f: PortfolioFilter,
  ): Promise<{ poc: number; total: number; postPoc: number }> {
    const [r] = await scope.tx.$queryRaw<{ poc: bigint | null; total: bigint | null; post: bigint | null }[]>`
      SELECT sum(c.amount) FILTER (WHERE c.stage = 'POC') AS poc, sum(c.amount) AS total,
             sum(c.amount) FILTER (WHERE c.stage IN ('PRODUCTIONIZING', 'PRODUCTION')) AS post
      FROM cost_entries c JOIN projects p ON p.org_id = c.org_id AND p.id = c.project_id
      WHERE ${this.scoped(scope, f)}`;
    return { poc: n(r?.poc), total: n(r?.total), postPoc: n(r?.post) };
  }

  async alertCounts(scope: TenantScope, f: PortfolioFilter): Promise<{ critical: number; warning: number }> {
    const [r] = await scope.tx.$queryRaw<{ critical: bigint; warning: bigint }[]>`
      SELECT count(*) FILTER (WHERE a.severity = 'CRITICAL') AS critical, count(*) FILTER (WHERE a.severity = 'WARNING') AS warning
      FROM alerts a JOIN projects p ON p.org_id = a.org_id AND p.id = a.project_id
      WHERE ${this.scoped(scope, f)} AND a.state IN ('OPEN', 'ACKNOWLEDGED')`;
    return { critical: n(r?.critical), warning: n(r?.warning) };
  }

  async saveSnapshot(scope: TenantScope, day: Date, point: Omit<TrendPointDto, 'week'>): Promise<void> {
    const data = {
      stageCounts: point.stageCounts,
      openProjects: point.openProjects,
      avgReadiness: point.avgReadiness,
      readyCount: point.readyCount,
      actuals: BigInt(point.actuals),
      projectedLow: BigInt(point.projectedLow),
      projectedHigh: BigInt(point.projectedHigh),
      openAlerts: point.openAlerts,
      criticalAlerts: point.criticalAlerts,
    };
    await scope.tx.portfolioSnapshot.upsert({
      where: { orgId_day: { orgId: scope.orgId, day } },
      create: { orgId: scope.orgId, day, ...data },
      update: data,
    });
  }

  async snapshots(
    scope: TenantScope,
    since: Date,
  ): Promise<{ day: Date; point: Omit<TrendPointDto, 'week'> }[]> {
    const rows = await scope.tx.portfolioSnapshot.findMany({
      where: { orgId: scope.orgId, day: { gte: since } },
      orderBy: { day: 'asc' },
    });
    return rows.map((r) => ({
      day: r.day,
      point: {
        stageCounts: r.stageCounts as Record<string, number>,
        openProjects: r.openProjects,
        avgReadiness: r.avgReadiness,
        readyCount: r.readyCount,
        actuals: Number(r.actuals),
        projectedLow: Number(r.projectedLow),
        projectedHigh: Number(r.projectedHigh),
        openAlerts: r.openAlerts,
        criticalAlerts: r.criticalAlerts,
      },
    }));
  }
}
