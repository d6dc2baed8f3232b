import type { Criterion } from './criteria.js';

export interface Band {
  low: number;
  high: number;
}

export const COST_LINES = [
  'ML_ENGINEERING',
  'DATA_ENGINEERING',
  'DEVOPS',
  'INFRASTRUCTURE',
  'COMPLIANCE',
] as const;
export type CostLine = (typeof COST_LINES)[number];

/** Seed first-year production cost ranges, EUR minor units. */
export const SEED_FIRST_YEAR: Readonly<Record<CostLine, Band>> = {
  ML_ENGINEERING: { low: 6_000_000, high: 15_000_000 },
  DATA_ENGINEERING: { low: 4_000_000, high: 8_000_000 },
  DEVOPS: { low: 3_000_000, high: 6_000_000 },
  INFRASTRUCTURE: { low: 1_000_000, high: 5_000_000 },
  COMPLIANCE: { low: 2_000_000, high: 5_000_000 },
};

/** Seed ongoing operations after year one (retraining, monitoring, support), EUR minor units a year. */
export const SEED_ONGOING: Band = { low: 6_000_000, high: 19_000_000 };

/** Criteria whose presence adds the compliance line to a project's production cost. */
export const COMPLIANCE_CRITERIA: readonly Criterion[] = [
  'REGULATED_DECISIONS',
  'PERSONAL_DATA',
  'LONG_RETENTION',
];

export interface BottomUpLine extends Band {
  line: CostLine;
  source: 'seed' | 'team';
}

/**
 * The bottom-up band of first-year production cost: the seed ranges (scaled to the organisation's
 * currency by `scalePercent`), a team's own estimate replacing any line, and the compliance line
 * only when a regulatory criterion applies.
 */
export function bottomUpBand(
  applying: readonly Criterion[],
  estimates: Partial<Record<CostLine, Band>> = {},
  scalePercent = 100,
): { lines: BottomUpLine[]; total: Band } {
  const needsCompliance = applying.some((c) => COMPLIANCE_CRITERIA.includes(c));
  const scale = (v: number) => Math.round((v * scalePercent) / 100);
  const lines = COST_LINES.filter((l) => l !== 'COMPLIANCE' || needsCompliance).map((line): BottomUpLine => {
    const own = estimates[line];
    if (own) return { line, low: own.low, high: own.high, source: 'team' };
    return {
      line,
      low: scale(SEED_FIRST_YEAR[line].low),
      high: scale(SEED_FIRST_YEAR[line].high),
      source: 'seed',
    };
  });
  return {
    lines,
    total: lines.reduce((t, l) => ({ low: t.low + l.low, high: t.high + l.high }), { low: 0, high: 0 }),
  };
}

/** How many projects a portfolio projects, and the team estimates that replace seed lines among them. */
export interface PortfolioBandInput {
  projects: number;
  /** Of those, the projects a compliance criterion applies to. */
  complianceProjects: number;
  /** Per line: how many team estimates replace it (compliance only where it applies), and their sums. */
  estimates: readonly { line: CostLine; count: number; low: number; high: number }[];
}

/**
 * The sum of every project's `bottomUpBand`, from counts instead of rows: each project takes every
 * seed line (compliance only where it applies), and each team estimate swaps its seed line for itself.
 */
export function portfolioBand(input: PortfolioBandInput, scalePercent = 100): Band {
  const scale = (v: number) => Math.round((v * scalePercent) / 100);
  const total = { low: 0, high: 0 };
  for (const line of COST_LINES) {
    const n = line === 'COMPLIANCE' ? input.complianceProjects : input.projects;
    total.low += n * scale(SEED_FIRST_YEAR[line].low);
    total.high += n * scale(SEED_FIRST_YEAR[line].high);
  }
  for (const e of input.estimates) {
    total.low += e.low - e.count * scale(SEED_FIRST_YEAR[e.line].low);
    total.high += e.high - e.count * scale(SEED_FIRST_YEAR[e.line].high);
  }
  return total;
}

/** POC cost: actual POC spend, or the POC budget while nothing was spent yet. */
export function pocCost(pocSpend: number, pocBudget: number | null): number {
  return pocSpend > 0 ? pocSpend : (pocBudget ?? 0);
}

/** The seed's benchmark: production costs 10x–20x the POC. */
export function benchmarkBand(poc: number): Band {
  return { low: poc * 10, high: poc * 20 };
}

/** Spend after the POC divided by POC cost; undefined (null) while POC cost is zero. */
export function costMultiple(postPocSpend: number, poc: number): number | null {
  return poc > 0 ? postPocSpend / poc : null;
}

const DAY_MS = 86_400_000;

export interface BurnInput {
  /** Spend booked in the current stage so far. */
  spendInStage: number;
  /** Spend of the last 90 days. */
  spendLast90Days: number;
  stageStartedAt: Date;
  /** The stage's stall threshold, in days: its expected end is start + threshold. */
  stageDays: number;
  budget: number | null;
  now: Date;
}

export interface BurnForecast {
  /** Spend so far + daily burn of the last 90 days × days left. */
  forecast: number;
  budget: number;
  /** forecast / budget */
  ratio: number;
  dailyBurn: number;
  daysLeft: number;
}

/** Burn forecast to the stage's expected end; undefined (null) without a budget. */
export function burnForecast(b: BurnInput): BurnForecast | null {
  if (b.budget === null || b.budget <= 0) return null;
  const end = b.stageStartedAt.getTime() + b.stageDays * DAY_MS;
  const daysLeft = Math.max(0, Math.ceil((end - b.now.getTime()) / DAY_MS));
  const dailyBurn = b.spendLast90Days / 90;
  const forecast = Math.round(b.spendInStage + dailyBurn * daysLeft);
  return { forecast, budget: b.budget, ratio: forecast / b.budget, dailyBurn, daysLeft };
}
