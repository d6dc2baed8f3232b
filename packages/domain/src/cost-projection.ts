import { POST_POC_STAGES, type SpendStage } from './costs.js';
import type { Criterion } from './criteria.js';
import {
  type Band,
  type BottomUpLine,
  type BurnForecast,
  benchmarkBand,
  bottomUpBand,
  burnForecast,
  type CostLine,
  costMultiple,
  pocCost,
  SEED_ONGOING,
} from './projection.js';
import type { OrgSettings } from './settings.js';
import type { Stage } from './stages.js';

export interface CostFacts {
  applying: readonly Criterion[];
  stage: Stage;
  stageStartedAt: Date | null;
  pocBudget: number | null;
  productionBudget: number | null;
  expectedAnnualValue: number | null;
  /** Team's own estimates replacing seed lines. */
  estimates: Partial<Record<CostLine, Band>>;
  /** Spend to date per stage it was booked against. */
  spendByStage: Partial<Record<SpendStage, number>>;
  spendLast90Days: number;
  /** Percent applied to the seed's EUR ranges for the organisation's currency (100 = EUR). */
  scalePercent: number;
}

export interface CostProjection {
  pocCost: number;
  /** Which number POC cost came from. */
  pocCostSource: 'spend' | 'budget' | 'none';
  benchmark: Band;
  bottomUp: { lines: BottomUpLine[]; total: Band };
  /** The headline first-year production cost: the bottom-up band. */
  headline: Band;
  ongoing: Band;
  spendToDate: number;
  spendByStage: Partial<Record<SpendStage, number>>;
  postPocSpend: number;
  costMultiple: number | null;
  burn: (BurnForecast & { against: 'POC_BUDGET' | 'PRODUCTION_BUDGET' }) | null;
  value: { expectedAnnualValue: number | null; headlineLowToValue: number | null; doNotDeploy: boolean };
  /** The seed's "cost surprise": an approved production budget under 10x the POC cost. */
  underfunded: boolean;
}

/** The spec's cost projection of one project, from its recorded facts. */
export function projectCosts(
  f: CostFacts,
  settings: Pick<OrgSettings, 'stallDays'>,
  now: Date,
): CostProjection {
  const spend = (s: SpendStage) => f.spendByStage[s] ?? 0;
  const pocSpend = spend('POC');
  const poc = pocCost(pocSpend, f.pocBudget);
  const bottomUp = bottomUpBand(f.applying, f.estimates, f.scalePercent);
  const scale = (v: number) => Math.round((v * f.scalePercent) / 100);
  const postPocSpend = POST_POC_STAGES.reduce((t, s) => t + spend(s), 0);
  const spendToDate = Object.values(f.spendByStage).reduce((t, v) => t + (v ?? 0), 0);

  const burnStage = f.stage === 'POC' ? 'POC' : f.stage === 'PRODUCTIONIZING' ? 'PRODUCTIONIZING' : null;
  const burn =
    burnStage && f.stageStartedAt
      ? burnForecast({
          spendInStage: spend(burnStage),
          spendLast90Days: f.spendLast90Days,
          stageStartedAt: f.stageStartedAt,
          stageDays: settings.stallDays[burnStage],
          budget: burnStage === 'POC' ? f.pocBudget : f.productionBudget,
          now,
        })
      : null;

  const value = f.expectedAnnualValue;
  return {
    pocCost: poc,
    pocCostSource: pocSpend > 0 ? 'spend' : f.pocBudget ? 'budget' : 'none',
    benchmark: benchmarkBand(poc),
    bottomUp,
    headline: bottomUp.total,
    ongoing: { low: scale(SEED_ONGOING.low), high: scale(SEED_ONGOING.high) },
    spendToDate,
    spendByStage: f.spendByStage,
    postPocSpend,
    costMultiple: costMultiple(postPocSpend, poc),
    burn:
      burn && burnStage
        ? { ...burn, against: burnStage === 'POC' ? 'POC_BUDGET' : 'PRODUCTION_BUDGET' }
        : null,
    value: {
      expectedAnnualValue: value,
      headlineLowToValue: value ? bottomUp.total.low / value : null,
      doNotDeploy: value !== null && bottomUp.total.low >= 2 * value,
    },
    underfunded: f.productionBudget !== null && poc > 0 && f.productionBudget < 10 * poc,
  };
}
