import { applyingCriteria, type CriteriaInput, evaluateCriteria } from './criteria.js';
import { DEFAULT_SETTINGS } from './settings.js';

const none: CriteriaInput = {
  riskClass: 'MINIMAL',
  revenueAtRisk: null,
  regulatedDecisions: false,
  personalData: false,
  uptimeSlaBp: null,
  retentionYears: null,
  silentDegradation: false,
  dependentTeams: null,
};
const applies = (p: Partial<CriteriaInput>, s = DEFAULT_SETTINGS) =>
  applyingCriteria(evaluateCriteria({ ...none, ...p }, s));

describe('production criteria at, below and above their thresholds', () => {
  it('nothing recorded: no criterion applies, each says why', () => {
    const results = evaluateCriteria(none, DEFAULT_SETTINGS);
    expect(applyingCriteria(results)).toEqual([]);
    expect(results).toHaveLength(7);
    for (const r of results) expect(r.why.length).toBeGreaterThan(5);
  });

  it.each([
    [4_999_999, false],
    [5_000_000, false],
    [5_000_001, true],
  ])(
    'REVENUE_IMPACT with %i minor units at risk applies: %s (strictly above €50,000)',
    (revenueAtRisk, expected) => {
      expect(applies({ revenueAtRisk }).includes('REVENUE_IMPACT')).toBe(expected);
    },
  );

  it.each([
    [9499, false],
    [9500, false],
    [9501, true],
    [9990, true],
  ])('UPTIME_SLA at %i bp applies: %s (strictly above 95%%)', (uptimeSlaBp, expected) => {
    expect(applies({ uptimeSlaBp }).includes('UPTIME_SLA')).toBe(expected);
  });

  it.each([
    [6, false],
    [7, true],
    [8, true],
  ])('LONG_RETENTION at %i years applies: %s (7 or more)', (retentionYears, expected) => {
    expect(applies({ retentionYears }).includes('LONG_RETENTION')).toBe(expected);
  });

  it.each([
    [1, false],
    [2, true],
    [3, true],
  ])('SHARED_DEPENDENCY with %i teams applies: %s (2 or more)', (dependentTeams, expected) => {
    expect(applies({ dependentTeams }).includes('SHARED_DEPENDENCY')).toBe(expected);
  });

  it('yes/no criteria apply when yes', () => {
    expect(applies({ regulatedDecisions: true })).toEqual(['REGULATED_DECISIONS']);
    expect(applies({ personalData: true })).toEqual(['PERSONAL_DATA']);
    expect(applies({ silentDegradation: true })).toEqual(['SILENT_DEGRADATION']);
  });

  it('HIGH risk implies REGULATED_DECISIONS and LONG_RETENTION', () => {
    expect(applies({ riskClass: 'HIGH' })).toEqual(['REGULATED_DECISIONS', 'LONG_RETENTION']);
    expect(applies({ riskClass: 'LIMITED' })).toEqual([]);
  });

  it('reads its thresholds from the organisation settings', () => {
    const strict = {
      ...DEFAULT_SETTINGS,
      revenueImpactThreshold: 100,
      uptimeSlaThresholdBp: 9000,
      retentionYearsThreshold: 3,
      dependentTeamsThreshold: 5,
    };
    expect(
      applies({ revenueAtRisk: 101, uptimeSlaBp: 9100, retentionYears: 3, dependentTeams: 4 }, strict),
    ).toEqual(['REVENUE_IMPACT', 'UPTIME_SLA', 'LONG_RETENTION']);
  });

  it('explains in plain words with the money formatted', () => {
    const [rev] = evaluateCriteria({ ...none, revenueAtRisk: 12_000_000 }, DEFAULT_SETTINGS);
    expect(rev?.why).toBe('A 1% error rate costs €120,000 a year, above the €50,000 threshold.');
    const sla = evaluateCriteria({ ...none, uptimeSlaBp: 9995 }, DEFAULT_SETTINGS)[3];
    expect(sla?.why).toBe('Contractual availability 99.95% is above 95%.');
  });
});
