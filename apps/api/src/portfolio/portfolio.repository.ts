import {
  ACTIVE_STAGES,
  type ActiveStage,
  COST_LINES,
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
/** The readiness measure is kept in billionths, so that its sums stay exact integers. */
const READINESS_SCALE = 1e9;
/** The rules of pocCost() and costMultiple(): spend after the POC over POC spend, or its budget. */
const MULTIPLE = Prisma.sql`p.spend_post::float8 / CASE WHEN p.spend_poc > 0 THEN p.spend_poc ELSE p.poc_budget END`;
const RATIO = Prisma.sql`CASE WHEN p.readiness_applicable > 0 THEN p.readiness_done::float8 / p.readiness_applicable ELSE 0 END`;

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
 * The portfolio in one statement, so the benchmark can run exactly this SQL bare (ADR 0005).
 * The figures are sums of the organisation's tallies: one row per cell (business unit × owner ×
 * risk class) and measure, plus the changes not yet compacted; a filter picks cells. The lists
 * read the first entries of partial indexes on projects.
 */
export function portfolioStatement(orgId: string, f: PortfolioFilter, c: PortfolioContext): Prisma.Sql {
  const where = (alias: string) => {
    const col = (name: string) => Prisma.raw(`${alias}.${name}`);
    const parts = [Prisma.sql`${col('org_id')} = ${orgId}::uuid`];
    if (f.businessUnit) parts.push(Prisma.sql`${col('business_unit')} = ${f.businessUnit}`);
    if (f.ownerId) parts.push(Prisma.sql`${col('owner_id')} = ${f.ownerId}::uuid`);
    if (f.riskClass) parts.push(Prisma.sql`${col('risk_class')} = ${f.riskClass}`);
    return Prisma.join(parts, ' AND ');
  };
  const live = Prisma.sql`${where('p')} AND p.archived_at IS NULL`;
  const stall = Prisma.join(
    ACTIVE_STAGES.map((s) => Prisma.sql`(${s}, ${c.stallDays[s]}::int)`),
    ', ',
  );
  const days = Prisma.sql`floor(extract(epoch FROM ${c.now}::timestamptz - p.stage_entered_at) / 86400)::int`;
  const jsonList = (q: Prisma.Sql) => Prisma.sql`(SELECT coalesce(json_agg(x), '[]') FROM (${q}) x)`;
  return Prisma.sql`
    SELECT
      (SELECT coalesce(json_object_agg(measure, value), '{}') FROM (
        SELECT measure, sum(value) AS value FROM (
          SELECT measure, value FROM portfolio_tallies t WHERE ${where('t')}
          UNION ALL
          SELECT measure, value FROM portfolio_tally_changes t WHERE ${where('t')}
        ) t GROUP BY measure HAVING sum(value) <> 0
      ) t) AS tallies,
      -- Per stage, the longest in it first; within a stage that is also the most overdue first.
      ${jsonList(Prisma.sql`
        SELECT s."projectId", s.name, s.stage, s."daysInStage", s.threshold
        FROM (VALUES ${stall}) AS t(stage, days)
        CROSS JOIN LATERAL (
          SELECT p.id AS "projectId", p.name, p.stage, ${days} AS "daysInStage", t.days AS threshold,
                 p.stage_entered_at AS entered
          FROM projects p
          WHERE ${live} AND p.stage = t.stage
            AND p.stage_entered_at <= ${c.now}::timestamptz - (t.days + 1) * interval '1 day'
          ORDER BY p.stage_entered_at, p.name LIMIT ${STALLED_ROWS}
        ) s
        ORDER BY s."daysInStage"::float8 / s.threshold DESC, s.entered, s.name LIMIT ${STALLED_ROWS}`)} AS stalled,
      ${jsonList(Prisma.sql`
        SELECT p.id AS "projectId", p.name, ${MULTIPLE} AS multiple
        FROM projects p
        WHERE ${live} AND p.stage NOT IN ('RETIRED', 'CANCELLED')
          AND p.spend_post > 0 AND (p.spend_poc > 0 OR p.poc_budget > 0)
        ORDER BY ${MULTIPLE} DESC, p.name LIMIT ${MULTIPLE_ROWS}`)} AS multiples,
      ${jsonList(Prisma.sql`
        SELECT p.id AS "projectId", p.name, p.stage,
               (SELECT coalesce(json_object_agg(i.capability_key, i.status), '{}') FROM checklist_items i
                WHERE i.org_id = p.org_id AND i.project_id = p.id) AS statuses
        FROM projects p
        WHERE ${live} AND p.stage NOT IN ('RETIRED', 'CANCELLED', 'POC_SUFFICIENT')
        ORDER BY ${RATIO}, p.name, p.id LIMIT ${HEATMAP_ROWS}`)} AS heatmap`;
}

export const HEATMAP_ROWS = 60;
const STALLED_ROWS = 20;
const MULTIPLE_ROWS = 10;

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
      (Omit<PortfolioFacts, 'summary' | 'alerts' | 'estimates'> & { tallies: Row })[]
    >(portfolioStatement(scope.orgId, f, c));
    if (!row) throw new Error('the portfolio statement returned no row');
    const t = (measure: string) => n(row.tallies[measure]);
    const open = t('open');
    return {
      summary: {
        total: t('total'),
        open,
        byStage: Object.fromEntries(STAGES.map((s) => [s, t(`stage:${s}`)])) as Record<Stage, number>,
        byRecommendation: Object.fromEntries(
          RECOMMENDATIONS.map((x) => [x, t(`recommendation:${x}`)]),
        ) as Record<Recommendation, number>,
        productionRequiredStillInPoc: t('stillInPoc'),
        productionBudgets: t('productionBudgets'),
        reached: {
          poc: t('reached:poc'),
          productionizing: t('reached:productionizing'),
          production: t('reached:production'),
        },
        buckets: [t('bucket:0'), t('bucket:1'), t('bucket:2'), t('bucket:3')],
        averageReadiness: open ? t('readiness') / READINESS_SCALE / open : 0,
        ready: t('ready'),
        productionizingReady: t('productionizingReady'),
        projected: t('projected'),
        projectedCompliance: t('projectedCompliance'),
        spend: { poc: t('spend:poc'), total: t('spend:total'), postPoc: t('spend:post') },
        capabilities: new Map(
          c.capabilities.map((cap) => [
            cap.key,
            { done: t(`done:${cap.bit}`), applicable: t(`applicable:${cap.bit}`) },
          ]),
        ),
      },
      estimates: COST_LINES.filter((line) => t(`estimate:${line}:count`) > 0).map((line) => ({
        line,
        count: t(`estimate:${line}:count`),
        low: t(`estimate:${line}:low`),
        high: t(`estimate:${line}:high`),
      })),
      stalled: row.stalled,
      multiples: row.multiples,
      heatmap: row.heatmap,
      alerts: { critical: t('alerts:critical'), warning: t('alerts:warning') },
    };
  }

  /** Folds the organisation's pending tally changes into its tallies; returns how many it folded. */
  async compact(scope: TenantScope): Promise<number> {
    const [row] = await scope.tx.$queryRaw<
      { n: bigint }[]
    >`SELECT portfolio_compact(${scope.orgId}::uuid) AS n`;
    return n(row?.n);
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
