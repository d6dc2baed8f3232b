import { type CostFacts, projectCosts } from './cost-projection.js';
import type { Criterion } from './criteria.js';
import {
  type Band,
  benchmarkBand,
  bottomUpBand,
  burnForecast,
  COMPLIANCE_CRITERIA,
  COST_LINES,
  type CostLine,
  costMultiple,
  pocCost,
  portfolioBand,
} from './projection.js';
import { DEFAULT_SETTINGS } from './settings.js';

const EUR = 100;
const now = new Date('2026-06-01T00:00:00Z');
const facts = (f: Partial<CostFacts>): CostFacts => ({
  applying: [],
  stage: 'POC',
  stageStartedAt: new Date('2026-05-01T00:00:00Z'),
  pocBudget: null,
  productionBudget: null,
  expectedAnnualValue: null,
  estimates: {},
  spendByStage: {},
  spendLast90Days: 0,
  scalePercent: 100,
  ...f,
});

describe("the seed's own numbers", () => {
  it('a €20,000 POC projects €200,000–€400,000', () => {
    expect(benchmarkBand(20_000 * EUR)).toEqual({ low: 200_000 * EUR, high: 400_000 * EUR });
  });
  it('bottom-up sums to €160,000–€390,000 with compliance, €140,000–€340,000 without', () => {
    expect(bottomUpBand(['PERSONAL_DATA']).total).toEqual({ low: 160_000 * EUR, high: 390_000 * EUR });
    expect(bottomUpBand([]).total).toEqual({ low: 140_000 * EUR, high: 340_000 * EUR });
  });
  it('ongoing operations cost €60,000–€190,000 a year', () => {
    expect(projectCosts(facts({}), DEFAULT_SETTINGS, now).ongoing).toEqual({
      low: 60_000 * EUR,
      high: 190_000 * EUR,
    });
  });
});

describe('POC cost and the cost multiple', () => {
  it('uses actual POC spend, else the POC budget', () => {
    expect(pocCost(15_000, 20_000)).toBe(15_000);
    expect(pocCost(0, 20_000)).toBe(20_000);
    expect(pocCost(0, null)).toBe(0);
  });
  it('is undefined while POC cost is zero', () => {
    expect(costMultiple(500_000, 0)).toBeNull();
  });
  it('divides post-POC spend by POC cost, at the 10x and 20x boundaries', () => {
    expect(costMultiple(199_999, 20_000)).toBeCloseTo(9.99995);
    expect(costMultiple(200_000, 20_000)).toBe(10);
    expect(costMultiple(400_000, 20_000)).toBe(20);
    const p = projectCosts(
      facts({
        stage: 'PRODUCTIONIZING',
        spendByStage: { POC: 20_000, PRODUCTIONIZING: 150_000, PRODUCTION: 50_000, IDEA: 1_000 },
      }),
      DEFAULT_SETTINGS,
      now,
    );
    expect(p).toMatchObject({
      pocCost: 20_000,
      pocCostSource: 'spend',
      postPocSpend: 200_000,
      costMultiple: 10,
      spendToDate: 221_000,
    });
  });
});

describe('the 2x value rule', () => {
  it('says do not deploy when even the optimistic cost is 2x the value or more', () => {
    const low = 140_000 * EUR;
    expect(
      projectCosts(facts({ expectedAnnualValue: low / 2 }), DEFAULT_SETTINGS, now).value.doNotDeploy,
    ).toBe(true);
    expect(
      projectCosts(facts({ expectedAnnualValue: low / 2 + 1 }), DEFAULT_SETTINGS, now).value.doNotDeploy,
    ).toBe(false);
    expect(projectCosts(facts({ expectedAnnualValue: null }), DEFAULT_SETTINGS, now).value).toEqual({
      expectedAnnualValue: null,
      headlineLowToValue: null,
      doNotDeploy: false,
    });
  });
});

describe('burn forecast', () => {
  it('spend in stage + daily burn of the last 90 days × days left to the expected end', () => {
    // Started 30 days ago; POC threshold 84 days → 54 days left. €9,000 in 90 days = €100/day.
    const b = burnForecast({
      spendInStage: 5_000 * EUR,
      spendLast90Days: 9_000 * EUR,
      stageStartedAt: new Date('2026-05-02T00:00:00Z'),
      stageDays: 84,
      budget: 10_000 * EUR,
      now,
    });
    expect(b).toEqual({
      forecast: 10_400 * EUR,
      budget: 10_000 * EUR,
      ratio: 1.04,
      dailyBurn: 100 * EUR,
      daysLeft: 54,
    });
  });
  it('is undefined without a budget, and stops at the expected end', () => {
    const base = {
      spendInStage: 1,
      spendLast90Days: 90,
      stageStartedAt: new Date('2025-01-01'),
      stageDays: 84,
      now,
    };
    expect(burnForecast({ ...base, budget: null })).toBeNull();
    expect(burnForecast({ ...base, budget: 100 })).toMatchObject({ forecast: 1, daysLeft: 0 });
  });
  it('forecasts POC against the POC budget and productionizing against the production budget', () => {
    expect(projectCosts(facts({ pocBudget: 1000 }), DEFAULT_SETTINGS, now).burn?.against).toBe('POC_BUDGET');
    expect(
      projectCosts(facts({ stage: 'PRODUCTIONIZING', productionBudget: 1000 }), DEFAULT_SETTINGS, now).burn
        ?.against,
    ).toBe('PRODUCTION_BUDGET');
    expect(
      projectCosts(facts({ stage: 'PRODUCTION', productionBudget: 1000 }), DEFAULT_SETTINGS, now).burn,
    ).toBeNull();
  });
});

describe('underfunded plan', () => {
  it('flags an approved production budget under 10x the POC cost', () => {
    expect(
      projectCosts(facts({ pocBudget: 20_000, productionBudget: 199_999 }), DEFAULT_SETTINGS, now)
        .underfunded,
    ).toBe(true);
    expect(
      projectCosts(facts({ pocBudget: 20_000, productionBudget: 200_000 }), DEFAULT_SETTINGS, now)
        .underfunded,
    ).toBe(false);
  });
});

describe('portfolioBand', () => {
  // 40 projects with every mix of compliance and team estimates, including a compliance estimate
  // on a project that needs no compliance line (it must be ignored).
  const projects = Array.from({ length: 40 }, (_, i) => ({
    applying: (i % 3 === 0 ? ['PERSONAL_DATA'] : i % 5 === 0 ? ['UPTIME_SLA'] : []) as Criterion[],
    estimates: Object.fromEntries(
      COST_LINES.filter((_, l) => (i + l) % 4 === 0).map((line, l) => [
        line,
        { low: 1_000_000 * (l + 1) + i, high: 2_000_000 * (l + 1) + i },
      ]),
    ) as Partial<Record<CostLine, Band>>,
  }));

  it.each([100, 37, 250])('equals the sum of every project bottom-up band at %i%% scale', (scale) => {
    const expected = projects.reduce(
      (t, p) => {
        const b = bottomUpBand(p.applying, p.estimates, scale).total;
        return { low: t.low + b.low, high: t.high + b.high };
      },
      { low: 0, high: 0 },
    );
    const needs = (p: (typeof projects)[number]) => p.applying.some((c) => COMPLIANCE_CRITERIA.includes(c));
    const estimates = COST_LINES.map((line) => {
      const rows = projects
        .filter((p) => line !== 'COMPLIANCE' || needs(p))
        .flatMap((p) => (p.estimates[line] ? [p.estimates[line]] : []));
      return {
        line,
        count: rows.length,
        low: rows.reduce((t, r) => t + r.low, 0),
        high: rows.reduce((t, r) => t + r.high, 0),
      };
    });
    const band = portfolioBand(
      { projects: projects.length, complianceProjects: projects.filter(needs).length, estimates },
      scale,
    );
    expect(band).toEqual(expected);
    expect(estimates.every((e) => e.count > 0)).toBe(true);
  });
});
