import {
  ACTIVE_STAGES,
  applyingCriteria,
  bottomUpBand,
  evaluateCriteria,
  isActiveStage,
  pocCost,
  RECOMMENDATIONS,
  STAGES,
  type Stage,
} from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import { CostsRepository } from '../costs/costs.repository.js';
import { type OrgId, TenantDb } from '../db/tenant.js';
import { ChecklistRepository } from '../projects/checklist.repository.js';
import { criteriaInput, daysSince } from '../projects/project-view.js';
import { SettingsRepository } from '../projects/settings.repository.js';
import type { PortfolioDto, TrendPointDto } from './dto/portfolio.dto.js';
import { type PortfolioFilter, PortfolioRepository } from './portfolio.repository.js';

/** The seed: 87% of AI projects never reach production, so 13% do. */
export const BENCHMARK_CONVERSION = 0.13;
const HEATMAP_ROWS = 60;

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
    private readonly checklist: ChecklistRepository,
    private readonly costs: CostsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  get(orgId: OrgId, filter: PortfolioFilter, now = new Date()): Promise<PortfolioDto> {
    return this.db.run(orgId, async (scope) => {
      const [settings, projects, reached, capabilityTotals, starts, spend, alerts] = await Promise.all([
        this.settings.getWithScale(scope),
        this.repo.projects(scope, filter),
        this.repo.reached(scope, filter),
        this.repo.capabilityTotals(scope, filter),
        this.repo.stageStarts(scope, filter),
        this.repo.spend(scope, filter),
        this.repo.alertCounts(scope, filter),
      ]);
      const open = projects.filter((p) => p.stage !== 'RETIRED' && p.stage !== 'CANCELLED');
      const ids = open.map((p) => p.id);
      const [latest, estimates, perProjectSpend] = await Promise.all([
        this.repo.latestReadiness(scope, filter),
        this.costs.estimatesOf(scope, ids),
        this.costs.spend(scope, ids, now),
      ]);

      const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
      const byRecommendation = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<
        string,
        number
      >;
      for (const p of projects) {
        byStage[p.stage] += 1;
        byRecommendation[p.recommendation] = (byRecommendation[p.recommendation] ?? 0) + 1;
      }

      const buckets = [0, 0, 0, 0];
      let productionizingReady = 0;
      let readyCount = 0;
      let projectedLow = 0;
      let projectedHigh = 0;
      const readinessOf = new Map<string, number>();
      const multiples: { projectId: string; name: string; multiple: number }[] = [];
      for (const p of open) {
        const r = latest.get(p.id) ?? { done: 0, applicable: 0, ready: false };
        const ratio = r.applicable ? r.done / r.applicable : 0;
        readinessOf.set(p.id, ratio);
        const bucket = Math.min(3, Math.floor(ratio * 4));
        buckets[bucket] = (buckets[bucket] ?? 0) + 1;
        if (r.ready) readyCount += 1;
        if (p.stage === 'PRODUCTIONIZING' && r.ready) productionizingReady += 1;
        if (p.stage !== 'PRODUCTION' && p.stage !== 'POC_SUFFICIENT') {
          const applying = applyingCriteria(evaluateCriteria(criteriaInput(p), settings));
          const band = bottomUpBand(applying, estimates.get(p.id) ?? {}, settings.costScalePercent).total;
          projectedLow += band.low;
          projectedHigh += band.high;
        }
      }

      const stalled = open
        .filter((p) => isActiveStage(p.stage))
        .map((p) => {
          const days = daysSince(starts.get(p.id) ?? null, now) ?? 0;
          const threshold = settings.stallDays[p.stage as (typeof ACTIVE_STAGES)[number]];
          return { projectId: p.id, name: p.name, stage: p.stage, daysInStage: days, threshold };
        })
        .filter((s) => s.daysInStage > s.threshold)
        .sort((a, b) => b.daysInStage / b.threshold - a.daysInStage / a.threshold)
        .slice(0, 20);

      const capabilities = capabilityTotals
        .map((c) => ({
          key: c.key,
          name: c.name,
          done: Number(c.done),
          applicable: Number(c.applicable),
          doneRate: Number(c.applicable) ? Number(c.done) / Number(c.applicable) : 0,
        }))
        .sort((a, b) => a.doneRate - b.doneRate || a.key.localeCompare(b.key));

      const heatProjects = open
        .filter((p) => p.stage !== 'POC_SUFFICIENT')
        .sort(
          (a, b) =>
            (readinessOf.get(a.id) ?? 0) - (readinessOf.get(b.id) ?? 0) || a.name.localeCompare(b.name),
        )
        .slice(0, HEATMAP_ROWS);
      const columns = [...capabilityTotals].sort((a, b) => a.position - b.position);
      const heatStatuses = await this.checklist.statuses(
        scope,
        heatProjects.map((p) => p.id),
      );

      // Cost multiples: post-POC spend over POC cost, per project.
      for (const p of open) {
        const s = perProjectSpend.get(p.id);
        const poc = pocCost(s?.byStage.POC ?? 0, p.pocBudget === null ? null : Number(p.pocBudget));
        const post = (s?.byStage.PRODUCTIONIZING ?? 0) + (s?.byStage.PRODUCTION ?? 0);
        if (poc > 0 && post > 0) multiples.push({ projectId: p.id, name: p.name, multiple: post / poc });
      }
      multiples.sort((a, b) => b.multiple - a.multiple);

      return {
        currency: settings.currency,
        totals: { projects: projects.length, open: open.length },
        byStage,
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
          buckets: [
            { label: '0–24%', count: buckets[0] ?? 0 },
            { label: '25–49%', count: buckets[1] ?? 0 },
            { label: '50–74%', count: buckets[2] ?? 0 },
            { label: '75–100%', count: buckets[3] ?? 0 },
          ],
          productionizing: byStage.PRODUCTIONIZING,
          productionizingReady,
          average: open.length ? [...readinessOf.values()].reduce((t, r) => t + r, 0) / open.length : 0,
          ready: readyCount,
        },
        capabilities,
        heatmap: {
          capabilities: columns.map((c) => ({ key: c.key, name: c.name })),
          projects: heatProjects.map((p) => {
            const cells = new Map((heatStatuses.get(p.id) ?? []).map((s) => [s.key, s.status]));
            return {
              projectId: p.id,
              name: p.name,
              stage: p.stage,
              statuses: columns.map((c) => cells.get(c.key) ?? null),
            };
          }),
        },
        stalled,
        alerts: { open: alerts.critical + alerts.warning, ...alerts },
        money: {
          pocSpend: spend.poc,
          productionBudgets: projects.reduce(
            (t, p) => t + (p.productionBudget === null ? 0 : Number(p.productionBudget)),
            0,
          ),
          actuals: spend.total,
          postPocSpend: spend.postPoc,
          projectedFirstYear: { low: projectedLow, high: projectedHigh },
          costMultiples: multiples.slice(0, 10),
        },
        recommendations: {
          productionRequired: byRecommendation.PRODUCTION_REQUIRED ?? 0,
          pocSufficient: byRecommendation.POC_SUFFICIENT ?? 0,
          doNotDeploy: byRecommendation.DO_NOT_DEPLOY ?? 0,
          productionRequiredStillInPoc: projects.filter(
            (p) => p.recommendation === 'PRODUCTION_REQUIRED' && (p.stage === 'IDEA' || p.stage === 'POC'),
          ).length,
        },
      };
    });
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
