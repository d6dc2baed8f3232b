/** Organisation settings that the rules read. Defaults are the seed article's numbers. */
export interface OrgSettings {
  /** Days in an active stage before it counts as stalled. */
  stallDays: { IDEA: number; POC: number; PRODUCTIONIZING: number };
  /** REVENUE_IMPACT applies when the annual cost of a 1% error rate exceeds this (minor units). */
  revenueImpactThreshold: number;
  /** UPTIME_SLA applies when the SLA exceeds this, in basis points of a percent (9500 = 95.00%). */
  uptimeSlaThresholdBp: number;
  /** LONG_RETENTION applies at or above this many years. */
  retentionYearsThreshold: number;
  /** SHARED_DEPENDENCY applies at or above this many dependent teams. */
  dependentTeamsThreshold: number;
  /** Ready when done ≥ ⌈applicable × numerator / denominator⌉ (seed: 12 of 17). */
  readinessRatio: { numerator: number; denominator: number };
  /** ISO 4217 code; money is kept in its minor units. */
  currency: string;
  /** NO_ACTIVITY fires after this many days without a change to stage, checklist or costs. */
  noActivityDays: number;
  /** READINESS_FLAT fires when readiness has not risen for this many days in PRODUCTIONIZING. */
  readinessFlatDays: number;
}

export const DEFAULT_SETTINGS: OrgSettings = {
  stallDays: { IDEA: 56, POC: 84, PRODUCTIONIZING: 548 },
  revenueImpactThreshold: 5_000_000,
  uptimeSlaThresholdBp: 9500,
  retentionYearsThreshold: 7,
  dependentTeamsThreshold: 2,
  readinessRatio: { numerator: 12, denominator: 17 },
  currency: 'EUR',
  noActivityDays: 30,
  readinessFlatDays: 45,
};
