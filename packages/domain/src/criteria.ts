import type { OrgSettings } from './settings.js';
import type { RiskClass } from './stages.js';

export const CRITERIA = [
  'REVENUE_IMPACT',
  'REGULATED_DECISIONS',
  'PERSONAL_DATA',
  'UPTIME_SLA',
  'LONG_RETENTION',
  'SILENT_DEGRADATION',
  'SHARED_DEPENDENCY',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export const CRITERION_LABELS: Readonly<Record<Criterion, string>> = {
  REVENUE_IMPACT: 'Predictions directly affect revenue',
  REGULATED_DECISIONS: 'Regulation mandates explainability and audit trails',
  PERSONAL_DATA: 'Processes personal or special-category data',
  UPTIME_SLA: 'Contractual availability above the SLA threshold',
  LONG_RETENTION: 'Long reproducibility and audit retention',
  SILENT_DEGRADATION: 'Undetected drift would cause wrong business decisions',
  SHARED_DEPENDENCY: 'Several teams depend on the predictions',
};

/** What a project records for the decision guide. Unknown values are null. */
export interface CriteriaInput {
  riskClass: RiskClass;
  /** Annual cost of a 1% error rate, minor units. */
  revenueAtRisk: number | null;
  regulatedDecisions: boolean;
  personalData: boolean;
  /** Contractual availability in basis points of a percent (9990 = 99.90%). */
  uptimeSlaBp: number | null;
  retentionYears: number | null;
  silentDegradation: boolean;
  dependentTeams: number | null;
}

export interface CriterionResult {
  id: Criterion;
  applies: boolean;
  /** Plain words: why it applies, or why not. */
  why: string;
}

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

/** One formatter per currency: building an Intl.NumberFormat costs far more than using one. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(minor: number, currency: string): string {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 });
    formatters.set(currency, f);
  }
  return f.format(minor / 100);
}

/** The seed's decision guide: each criterion, whether it applies to the project, and why. */
export function evaluateCriteria(p: CriteriaInput, s: OrgSettings): CriterionResult[] {
  const money = (m: number) => formatMoney(m, s.currency);
  const high = p.riskClass === 'HIGH';
  const r: CriterionResult[] = [];

  const rev = p.revenueAtRisk;
  r.push({
    id: 'REVENUE_IMPACT',
    applies: rev !== null && rev > s.revenueImpactThreshold,
    why:
      rev === null
        ? 'Revenue at risk is not recorded.'
        : `A 1% error rate costs ${money(rev)} a year, ${rev > s.revenueImpactThreshold ? 'above' : 'not above'} the ${money(s.revenueImpactThreshold)} threshold.`,
  });
  r.push({
    id: 'REGULATED_DECISIONS',
    applies: p.regulatedDecisions || high,
    why: p.regulatedDecisions
      ? 'Regulation mandates explainability and audit trails for its decisions.'
      : high
        ? 'EU AI Act high-risk systems need explainability and audit trails.'
        : 'No regulated automated decisions.',
  });
  r.push({
    id: 'PERSONAL_DATA',
    applies: p.personalData,
    why: p.personalData ? 'It processes personal or special-category data (GDPR).' : 'No personal data.',
  });
  const sla = p.uptimeSlaBp;
  r.push({
    id: 'UPTIME_SLA',
    applies: sla !== null && sla > s.uptimeSlaThresholdBp,
    why:
      sla === null
        ? 'No contractual availability.'
        : `Contractual availability ${pct(sla)} is ${sla > s.uptimeSlaThresholdBp ? 'above' : 'not above'} ${pct(s.uptimeSlaThresholdBp)}.`,
  });
  const years = p.retentionYears;
  const longRetention = years !== null && years >= s.retentionYearsThreshold;
  r.push({
    id: 'LONG_RETENTION',
    applies: longRetention || high,
    why: longRetention
      ? `${years} years of reproducibility and audit retention (${s.retentionYearsThreshold}+ needs production-grade engineering).`
      : high
        ? 'EU AI Act high-risk systems must stay reproducible for years.'
        : years === null
          ? 'No retention requirement recorded.'
          : `${years} years of retention is under ${s.retentionYearsThreshold}.`,
  });
  r.push({
    id: 'SILENT_DEGRADATION',
    applies: p.silentDegradation,
    why: p.silentDegradation
      ? 'Undetected drift would cause wrong business decisions.'
      : 'Drift would be noticed before it misleads decisions.',
  });
  const teams = p.dependentTeams;
  r.push({
    id: 'SHARED_DEPENDENCY',
    applies: teams !== null && teams >= s.dependentTeamsThreshold,
    why:
      teams === null
        ? 'Dependent teams not recorded.'
        : `${teams} team${teams === 1 ? '' : 's'} depend on the predictions (${s.dependentTeamsThreshold}+ applies).`,
  });
  return r;
}

export function applyingCriteria(results: readonly CriterionResult[]): Criterion[] {
  return results.filter((c) => c.applies).map((c) => c.id);
}
