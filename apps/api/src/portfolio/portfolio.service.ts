import { portfolioBand } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import { type OrgId, TenantDb } from '../db/tenant.js';
import { SettingsRepository } from '../projects/settings.repository.js';
import type { PortfolioDto, TrendPointDto } from './dto/portfolio.dto.js';
import { type PortfolioFilter, PortfolioRepository } from './portfolio.repository.js';

/** The seed: 87% of AI projects never reach production, so 13% do. */
export const BENCHMARK_CONVERSION = 0.13;

/** Monday of the ISO week of a day, as YYYY-MM-DD. */
export function weekOf(day: Date): string {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

@Injectable()
export class PortfolioService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: PortfolioRepository,
    private readonly settings: SettingsRepository,
  ) {}

  get(orgId: OrgId, filter: PortfolioFilter, now = new Date()): Promise<PortfolioDto> {
    return this.db.run(orgId, async (scope) => {
      const settings = await this.settings.getWithScale(scope);
      const capabilities = await this.repo.capabilities(scope);
      const ctx = { capabilities, stallDays: settings.stallDays, now };
      const {
        summary,
        estimates,
        stalled,
        multiples,
        heatmap: heat,
        alerts,
      } = await this.repo.facts(scope, filter, ctx);
      const { reached, byRecommendation: rec } = summary;
      const capabilityRates = capabilities
        .map((c) => {
          const t = summary.capabilities.get(c.key) ?? { done: 0, applicable: 0 };
          return { key: c.key, name: c.name, ...t, doneRate: t.applicable ? t.done / t.applicable : 0 };
        })
        .sort((a, b) => a.doneRate - b.doneRate || a.key.localeCompare(b.key));

      return {
        currency: settings.currency,
        totals: { projects: summary.total, open: summary.open },
        byStage: summary.byStage,
        funnel: {
          reachedPoc: reached.poc,
          reachedProductionizing: reached.productionizing,
          reachedProduction: reached.production,
          conversionRate: reached.poc ? reached.production / reached.poc : null,
          benchmarkRate: BENCHMARK_CONVERSION,
          definition:
            'Conversion: of the initiatives that ever reached POC, the share that ever reached production. ' +
            'Industry benchmark (seed): 13% reach production, 87% never do.',
        },
        readiness: {
          buckets: ['0–24%', '25–49%', '50–74%', '75–100%'].map((label, i) => ({
            label,
            count: summary.buckets[i] ?? 0,
          })),
          productionizing: summary.byStage.PRODUCTIONIZING,
          productionizingReady: summary.productionizingReady,
          average: summary.averageReadiness,
          ready: summary.ready,
        },
        capabilities: capabilityRates,
        heatmap: {
          capabilities: capabilities.map((c) => ({ key: c.key, name: c.name })),
          projects: heat.map((p) => ({
            projectId: p.projectId,
            name: p.name,
            stage: p.stage,
            statuses: capabilities.map((c) => p.statuses[c.key] ?? null),
          })),
        },
        stalled,
        alerts: { open: alerts.critical + alerts.warning, ...alerts },
        money: {
          pocSpend: summary.spend.poc,
          productionBudgets: summary.productionBudgets,
          actuals: summary.spend.total,
          postPocSpend: summary.spend.postPoc,
          projectedFirstYear: portfolioBand(
            {
              projects: summary.projected,
              complianceProjects: summary.projectedCompliance,
              estimates,
            },
            settings.costScalePercent,
          ),
          costMultiples: multiples,
        },
        recommendations: {
          productionRequired: rec.PRODUCTION_REQUIRED,
          pocSufficient: rec.POC_SUFFICIENT,
          doNotDeploy: rec.DO_NOT_DEPLOY,
          productionRequiredStillInPoc: summary.productionRequiredStillInPoc,
        },
      };
    });
  }

  /** Folds pending tally changes in (ADR 0005), so that reads stay a few hundred rows per organisation. */
  compact(orgId: OrgId): Promise<number> {
    return this.db.run(orgId, (scope) => this.repo.compact(scope));
  }

  /** Today's headline numbers, kept for trends (written daily by the worker). */
  async snapshot(orgId: OrgId, now = new Date()): Promise<void> {
    const p = await this.get(orgId, {}, now);
    await this.db.run(orgId, (scope) =>
      this.repo.saveSnapshot(scope, new Date(now.toISOString().slice(0, 10)), toPoint(p)),
    );
  }

  /**
   * Weekly series from the daily snapshots (the last of each week) plus today's live numbers; a new
   * organisation's history starts when it does, with nothing invented before.
   */
  async trends(orgId: OrgId, weeks: number, now = new Date()): Promise<TrendPointDto[]> {
    const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
    const [rows, live] = await Promise.all([
      this.db.run(orgId, (scope) => this.repo.snapshots(scope, since)),
      this.get(orgId, {}, now),
    ]);
    const byWeek = new Map<string, TrendPointDto>();
    for (const r of rows) byWeek.set(weekOf(r.day), { week: weekOf(r.day), ...r.point });
    byWeek.set(weekOf(now), { week: weekOf(now), ...toPoint(live) });
    return [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week));
  }
}

export function toPoint(p: PortfolioDto): Omit<TrendPointDto, 'week'> {
  return {
    stageCounts: p.byStage,
    openProjects: p.totals.open,
    avgReadiness: p.readiness.average,
    readyCount: p.readiness.ready,
    actuals: p.money.actuals,
    projectedLow: p.money.projectedFirstYear.low,
    projectedHigh: p.money.projectedFirstYear.high,
    openAlerts: p.alerts.open,
    criticalAlerts: p.alerts.critical,
  };
}
