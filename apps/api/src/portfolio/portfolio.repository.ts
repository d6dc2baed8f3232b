import {
  ACTIVE_STAGES,
  type ActiveStage,
  COMPLIANCE_CRITERIA,
  type CostLine,
  type ItemStatus,
  RECOMMENDATIONS,
  type Recommendation,
  STAGES,
  type Stage,
} from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import { Prisma } from '../generated/prisma/client.js';
import type { TrendPointDto } from './dto/portfolio.dto.js';

export interface PortfolioFilter {
  businessUnit?: string;
  ownerId?: string;
  riskClass?: string;
}

/** What the statements need besides the filter: the active template and the organisation's settings. */
export interface PortfolioContext {
  capabilities: readonly { key: string; bit: number }[];
  stallDays: Record<ActiveStage, number>;
  now: Date;
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);
const list = (xs: readonly string[]) => Prisma.sql`ARRAY[${Prisma.join(xs)}]::text[]`;
const OPEN = Prisma.sql`p.stage NOT IN ('RETIRED', 'CANCELLED')`;
/** Projects whose first-year production cost is still ahead of them. */
const PROJECTED = Prisma.sql`p.stage NOT IN ('RETIRED', 'CANCELLED', 'PRODUCTION', 'POC_SUFFICIENT')`;
const RATIO = Prisma.sql`(CASE WHEN p.readiness_applicable > 0 THEN p.readiness_done::float8 / p.readiness_applicable ELSE 0 END)`;
const REACHED_POC: Stage[] = ['POC', 'PRODUCTIONIZING', 'PRODUCTION', 'POC_SUFFICIENT'];
const REACHED_PRODUCTIONIZING: Stage[] = ['PRODUCTIONIZING', 'PRODUCTION'];

export interface Summary {
  total: number;
  open: number;
  byStage: Record<Stage, number>;
  byRecommendation: Record<Recommendation, number>;
  productionRequiredStillInPoc: number;
  productionBudgets: number;
  reached: { poc: number; productionizing: number; production: number };
  buckets: [number, number, number, number];
  averageReadiness: number;
  ready: number;
  productionizingReady: number;
  projected: number;
  projectedCompliance: number;
  spend: { poc: number; total: number; postPoc: number };
  capabilities: Map<string, { done: number; applicable: number }>;
}

/**
 * The portfolio's SQL, one builder per statement, so the benchmark can run exactly these bare. Each
 * reads the per-project roll-ups the triggers keep (ADR 0004): one row per project, never its items.
 */
export function portfolioStatements(orgId: string, f: PortfolioFilter, c: PortfolioContext) {
  const parts = [Prisma.sql`p.org_id = ${orgId}::uuid`, Prisma.sql`p.archived_at IS NULL`];
  if (f.businessUnit) parts.push(Prisma.sql`p.business_unit = ${f.businessUnit}`);
  if (f.ownerId) parts.push(Prisma.sql`p.owner_id = ${f.ownerId}::uuid`);
  if (f.riskClass) parts.push(Prisma.sql`p.risk_class = ${f.riskClass}`);
  const scoped = Prisma.join(parts, ' AND ');
  const count = (alias: string, cond: Prisma.Sql) =>
    Prisma.sql`count(*) FILTER (WHERE ${cond}) AS ${Prisma.raw(`"${alias}"`)}`;
  const compliance = Prisma.sql`p.criteria && ${list(COMPLIANCE_CRITERIA)}`;
  // Per-row facts are computed once in the inner query (OFFSET 0 keeps the planner from inlining
  // them into every aggregate); closed projects carry empty masks so the capability sums need no filter.
  const rows = Prisma.sql`
    SELECT p.stage, p.recommendation, p.production_budget, p.reached_stages, p.ready, p.spend_poc,
           p.spend_post, p.spend_total, ${OPEN} AS open, ${PROJECTED} AS projected,
           ${PROJECTED} AND ${compliance} AS projected_compliance, ${RATIO} AS ratio,
           CASE WHEN ${OPEN} THEN p.done_mask ELSE 0 END AS done_mask,
           CASE WHEN ${OPEN} THEN p.item_mask & ~p.na_mask ELSE 0 END AS applicable_mask
    FROM projects p WHERE ${scoped} OFFSET 0`;
  const bitSum = (alias: string, column: string, bit: number) =>
    Prisma.raw(`sum(((r.${column} >> ${bit}) & 1)::int) AS "${alias}"`);
  const columns = [
    Prisma.sql`count(*) AS "total"`,
    count('open', Prisma.sql`r.open`),
    ...STAGES.map((s) => count(`stage:${s}`, Prisma.sql`r.stage = ${s}`)),
    ...RECOMMENDATIONS.map((x) => count(`rec:${x}`, Prisma.sql`r.recommendation = ${x}`)),
    count('stillInPoc', Prisma.sql`r.recommendation = 'PRODUCTION_REQUIRED' AND r.stage IN ('IDEA', 'POC')`),
    Prisma.sql`coalesce(sum(r.production_budget), 0) AS "productionBudgets"`,
    count('reachedPoc', Prisma.sql`r.reached_stages && ${list(REACHED_POC)}`),
    count('reachedProductionizing', Prisma.sql`r.reached_stages && ${list(REACHED_PRODUCTIONIZING)}`),
    count('reachedProduction', Prisma.sql`'PRODUCTION' = ANY(r.reached_stages)`),
    ...[0, 1, 2, 3].map((b) =>
      count(`bucket:${b}`, Prisma.sql`r.open AND least(3, floor(r.ratio * 4)) = ${b}`),
    ),
    Prisma.sql`coalesce(avg(r.ratio) FILTER (WHERE r.open), 0) AS "averageReadiness"`,
    count('ready', Prisma.sql`r.open AND r.ready`),
    count('productionizingReady', Prisma.sql`r.stage = 'PRODUCTIONIZING' AND r.ready`),
    count('projected', Prisma.sql`r.projected`),
    count('projectedCompliance', Prisma.sql`r.projected_compliance`),
    Prisma.sql`coalesce(sum(r.spend_poc), 0) AS "spendPoc"`,
    Prisma.sql`coalesce(sum(r.spend_total), 0) AS "spendTotal"`,
    Prisma.sql`coalesce(sum(r.spend_post), 0) AS "spendPost"`,
    ...c.capabilities.flatMap((cap) => [
      bitSum(`done:${cap.bit}`, 'done_mask', cap.bit),
      bitSum(`applicable:${cap.bit}`, 'applicable_mask', cap.bit),
    ]),
  ];
  const stall = Prisma.join(
    ACTIVE_STAGES.map((s) => Prisma.sql`(${s}, ${c.stallDays[s]}::int)`),
    ', ',
  );
  const days = Prisma.sql`floor(extract(epoch FROM ${c.now}::timestamptz - p.stage_entered_at) / 86400)::int`;
  return {
    summary: Prisma.sql`SELECT ${Prisma.join(columns, ', ')} FROM (${rows}) r`,
    /** Team estimates among the projected projects: they replace seed lines in the band. */
    estimates: Prisma.sql`
      SELECT e.line, count(*) AS count, sum(e.low) AS low, sum(e.high) AS high
      FROM cost_estimates e JOIN projects p ON p.org_id = e.org_id AND p.id = e.project_id
      WHERE ${scoped} AND ${PROJECTED} AND (e.line <> 'COMPLIANCE' OR ${compliance})
      GROUP BY e.line`,
    stalled: Prisma.sql`
      SELECT p.id::text AS "projectId", p.name, p.stage, ${days} AS "daysInStage", t.days AS threshold
      FROM projects p JOIN (VALUES ${stall}) AS t(stage, days) ON t.stage = p.stage
      WHERE ${scoped} AND p.stage_entered_at <= ${c.now}::timestamptz - (t.days + 1) * interval '1 day'
      ORDER BY ${days}::float8 / t.days DESC, p.name LIMIT 20`,
    // The rule of pocCost() and costMultiple(): spend after the POC over POC spend, or its budget.
    multiples: Prisma.sql`
      SELECT p.id::text AS "projectId", p.name,
             p.spend_post::float8 / (CASE WHEN p.spend_poc > 0 THEN p.spend_poc ELSE p.poc_budget END) AS multiple
      FROM projects p
      WHERE ${scoped} AND ${OPEN} AND p.spend_post > 0 AND (p.spend_poc > 0 OR p.poc_budget > 0)
      ORDER BY multiple DESC, p.name LIMIT 10`,
    heatmap: Prisma.sql`
      SELECT p.id::text AS "projectId", p.name, p.stage,
             (SELECT coalesce(json_object_agg(i.capability_key, i.status), '{}') FROM checklist_items i
              WHERE i.org_id = p.org_id AND i.project_id = p.id) AS statuses
      FROM projects p
      WHERE ${scoped} AND ${OPEN} AND p.stage <> 'POC_SUFFICIENT'
      ORDER BY ${RATIO}, p.name, p.id LIMIT ${HEATMAP_ROWS}`,
    alerts: Prisma.sql`
      SELECT count(*) FILTER (WHERE a.severity = 'CRITICAL') AS critical,
             count(*) FILTER (WHERE a.severity = 'WARNING') AS warning
      FROM alerts a JOIN projects p ON p.org_id = a.org_id AND p.id = a.project_id
      WHERE ${scoped} AND a.state IN ('OPEN', 'ACKNOWLEDGED')`,
  };
}

export const HEATMAP_ROWS = 60;

@Injectable()
export class PortfolioRepository {
  /** The active template, in column order, with each capability's bit. */
  capabilities(scope: TenantScope) {
    return scope.tx.capability.findMany({
      where: { orgId: scope.orgId, retiredAt: null },
      select: { key: true, name: true, bit: true },
      orderBy: { position: 'asc' },
    });
  }

  async summary(scope: TenantScope, f: PortfolioFilter, c: PortfolioContext): Promise<Summary> {
    const [r = {}] = await scope.tx.$queryRaw<Record<string, bigint | number | null>[]>(
      portfolioStatements(scope.orgId, f, c).summary,
    );
    return {
      total: n(r.total),
      open: n(r.open),
      byStage: Object.fromEntries(STAGES.map((s) => [s, n(r[`stage:${s}`])])) as Record<Stage, number>,
      byRecommendation: Object.fromEntries(RECOMMENDATIONS.map((x) => [x, n(r[`rec:${x}`])])) as Record<
        Recommendation,
        number
      >,
      productionRequiredStillInPoc: n(r.stillInPoc),
      productionBudgets: n(r.productionBudgets),
      reached: {
        poc: n(r.reachedPoc),
        productionizing: n(r.reachedProductionizing),
        production: n(r.reachedProduction),
      },
      buckets: [n(r['bucket:0']), n(r['bucket:1']), n(r['bucket:2']), n(r['bucket:3'])],
      averageReadiness: n(r.averageReadiness),
      ready: n(r.ready),
      productionizingReady: n(r.productionizingReady),
      projected: n(r.projected),
      projectedCompliance: n(r.projectedCompliance),
      spend: { poc: n(r.spendPoc), total: n(r.spendTotal), postPoc: n(r.spendPost) },
      capabilities: new Map(
        c.capabilities.map((cap) => [
          cap.key,
          { done: n(r[`done:${cap.bit}`]), applicable: n(r[`applicable:${cap.bit}`]) },
        ]),
      ),
    };
  }

  async estimates(scope: TenantScope, f: PortfolioFilter, c: PortfolioContext) {
    const rows = await scope.tx.$queryRaw<{ line: CostLine; count: bigint; low: bigint; high: bigint }[]>(
      portfolioStatements(scope.orgId, f, c).estimates,
    );
    return rows.map((r) => ({ line: r.line, count: n(r.count), low: n(r.low), high: n(r.high) }));
  }

  stalled(scope: TenantScope, f: PortfolioFilter, c: PortfolioContext) {
    return scope.tx.$queryRaw<
      { projectId: string; name: string; stage: Stage; daysInStage: number; threshold: number }[]
    >(portfolioStatements(scope.orgId, f, c).stalled);
  }

  multiples(scope: TenantScope, f: PortfolioFilter, c: PortfolioContext) {
    return scope.tx.$queryRaw<{ projectId: string; name: string; multiple: number }[]>(
      portfolioStatements(scope.orgId, f, c).multiples,
    );
  }

  heatmap(scope: TenantScope, f: PortfolioFilter, c: PortfolioContext) {
    return scope.tx.$queryRaw<
      { projectId: string; name: string; stage: Stage; statuses: Record<string, ItemStatus> }[]
    >(portfolioStatements(scope.orgId, f, c).heatmap);
  }

  async alertCounts(
    scope: TenantScope,
    f: PortfolioFilter,
    c: PortfolioContext,
  ): Promise<{ critical: number; warning: number }> {
    const [r] = await scope.tx.$queryRaw<{ critical: bigint; warning: bigint }[]>(
      portfolioStatements(scope.orgId, f, c).alerts,
    );
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
