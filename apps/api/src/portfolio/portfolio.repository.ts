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
 * The portfolio in one statement, so the benchmark can run exactly this SQL bare. The organisation's
 * project rows are read once, into a materialised CTE of the per-project roll-ups the triggers keep
 * (ADR 0004); every figure is an aggregate or a `LIMIT`ed list over it, returned as JSON columns.
 */
export function portfolioStatement(orgId: string, f: PortfolioFilter, c: PortfolioContext): Prisma.Sql {
  const parts = [Prisma.sql`p.org_id = ${orgId}::uuid`, Prisma.sql`p.archived_at IS NULL`];
  if (f.businessUnit) parts.push(Prisma.sql`p.business_unit = ${f.businessUnit}`);
  if (f.ownerId) parts.push(Prisma.sql`p.owner_id = ${f.ownerId}::uuid`);
  if (f.riskClass) parts.push(Prisma.sql`p.risk_class = ${f.riskClass}`);
  const count = (alias: string, cond: Prisma.Sql) =>
    Prisma.sql`count(*) FILTER (WHERE ${cond}) AS ${Prisma.raw(`"${alias}"`)}`;
  const bitSum = (alias: string, column: string, bit: number) =>
    Prisma.raw(`sum(((r.${column} >> ${bit}) & 1)::int) AS "${alias}"`);
  const summary = [
    Prisma.sql`count(*) AS "total"`,
    count('open', Prisma.sql`r.open`),
    ...STAGES.map((s) => count(`stage:${s}`, Prisma.sql`r.stage = ${s}`)),
    ...RECOMMENDATIONS.map((x) => count(`rec:${x}`, Prisma.sql`r.recommendation = ${x}`)),
    count('stillInPoc', Prisma.sql`r.recommendation = 'PRODUCTION_REQUIRED' AND r.stage IN ('IDEA', 'POC')`),
    Prisma.sql`coalesce(sum(r.production_budget), 0) AS "productionBudgets"`,
    count('reachedPoc', Prisma.sql`r.reached_stages && ${list(REACHED_POC)}`),
    count('reachedProductionizing', Prisma.sql`r.reached_stages && ${list(REACHED_PRODUCTIONIZING)}`),
    count('reachedProduction', Prisma.sql`'PRODUCTION' = ANY(r.reached_stages)`),
    ...[0, 1, 2, 3].map((b) => count(`bucket:${b}`, Prisma.raw(`r.open AND r.bucket = ${b}`))),
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
  const days = Prisma.sql`floor(extract(epoch FROM ${c.now}::timestamptz - r.stage_entered_at) / 86400)::int`;
  // Joins to the CTE name the organisation on the other side too: the planner then sees that
  // side's real size and hashes it, instead of probing an index once per project.
  const jsonList = (q: Prisma.Sql) => Prisma.sql`(SELECT coalesce(json_agg(x), '[]') FROM (${q}) x)`;
  return Prisma.sql`
    WITH r AS MATERIALIZED (
      SELECT p.org_id, p.id, p.name, p.stage, p.recommendation, p.production_budget, p.poc_budget,
             p.reached_stages, p.ready, p.spend_poc, p.spend_post, p.spend_total, p.stage_entered_at,
             ${OPEN} AS open, ${PROJECTED} AS projected,
             ${PROJECTED} AND p.criteria && ${list(COMPLIANCE_CRITERIA)} AS projected_compliance,
             ${RATIO} AS ratio, least(3, floor(${RATIO} * 4))::int AS bucket,
             CASE WHEN ${OPEN} THEN p.done_mask ELSE 0 END AS done_mask,
             CASE WHEN ${OPEN} THEN p.item_mask & ~p.na_mask ELSE 0 END AS applicable_mask
      FROM projects p WHERE ${Prisma.join(parts, ' AND ')}
    )
    SELECT
      (SELECT row_to_json(s) FROM (SELECT ${Prisma.join(summary, ', ')} FROM r) s) AS summary,
      -- Team estimates among the projected projects: they replace seed lines in the band.
      ${jsonList(Prisma.sql`
        SELECT e.line, count(*) AS count, sum(e.low) AS low, sum(e.high) AS high
        FROM r JOIN (SELECT * FROM cost_estimates WHERE org_id = ${orgId}::uuid) e ON e.project_id = r.id
        WHERE r.projected AND (e.line <> 'COMPLIANCE' OR r.projected_compliance)
        GROUP BY e.line`)} AS estimates,
      ${jsonList(Prisma.sql`
        SELECT r.id AS "projectId", r.name, r.stage, ${days} AS "daysInStage", t.days AS threshold
        FROM r JOIN (VALUES ${stall}) AS t(stage, days) ON t.stage = r.stage
        WHERE r.stage_entered_at <= ${c.now}::timestamptz - (t.days + 1) * interval '1 day'
        ORDER BY ${days}::float8 / t.days DESC, r.name LIMIT 20`)} AS stalled,
      -- The rule of pocCost() and costMultiple(): spend after the POC over POC spend, or its budget.
      ${jsonList(Prisma.sql`
        SELECT r.id AS "projectId", r.name,
               r.spend_post::float8 / (CASE WHEN r.spend_poc > 0 THEN r.spend_poc ELSE r.poc_budget END) AS multiple
        FROM r WHERE r.open AND r.spend_post > 0 AND (r.spend_poc > 0 OR r.poc_budget > 0)
        ORDER BY multiple DESC, r.name LIMIT 10`)} AS multiples,
      ${jsonList(Prisma.sql`
        SELECT r.id AS "projectId", r.name, r.stage,
               (SELECT coalesce(json_object_agg(i.capability_key, i.status), '{}') FROM checklist_items i
                WHERE i.org_id = r.org_id AND i.project_id = r.id) AS statuses
        FROM r WHERE r.open AND r.stage <> 'POC_SUFFICIENT'
        ORDER BY r.ratio, r.name, r.id LIMIT ${HEATMAP_ROWS}`)} AS heatmap,
      (SELECT row_to_json(a) FROM (
        SELECT count(*) FILTER (WHERE a.severity = 'CRITICAL') AS critical,
               count(*) FILTER (WHERE a.severity = 'WARNING') AS warning
        FROM r JOIN (SELECT project_id, severity FROM alerts
                     WHERE org_id = ${orgId}::uuid AND state IN ('OPEN', 'ACKNOWLEDGED')) a ON a.project_id = r.id) a) AS alerts`;
}

export const HEATMAP_ROWS = 60;

type Row = Record<string, number | null>;
export interface PortfolioFacts {
  summary: Summary;
  estimates: { line: CostLine; count: number; low: number; high: number }[];
  stalled: { projectId: string; name: string; stage: Stage; daysInStage: number; threshold: number }[];
  multiples: { projectId: string; name: string; multiple: number }[];
  heatmap: { projectId: string; name: string; stage: Stage; statuses: Record<string, ItemStatus> }[];
  alerts: { critical: number; warning: number };
}

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

  async facts(scope: TenantScope, f: PortfolioFilter, c: PortfolioContext): Promise<PortfolioFacts> {
    const [row] = await scope.tx.$queryRaw<
      (Omit<PortfolioFacts, 'summary' | 'alerts'> & { summary: Row; alerts: Row })[]
    >(portfolioStatement(scope.orgId, f, c));
    if (!row) throw new Error('the portfolio statement returned no row');
    const r = row.summary;
    return {
      summary: {
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
      },
      estimates: row.estimates,
      stalled: row.stalled,
      multiples: row.multiples,
      heatmap: row.heatmap,
      alerts: { critical: n(row.alerts.critical), warning: n(row.alerts.warning) },
    };
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
