import type { OrgSettings } from './settings.js';
import { type ActiveStage, isActiveStage, STAGE_LABELS, type Stage } from './stages.js';

export const ALERT_RULES = [
  'STAGE_OVERDUE',
  'NO_ACTIVITY',
  'READINESS_FLAT',
  'CAPABILITY_OVERDUE',
  'BUDGET_BURN',
  'COST_MULTIPLE',
  'UNDERFUNDED_PLAN',
  'VALUE_AT_RISK',
  'READINESS_REGRESSED',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export type Severity = 'WARNING' | 'CRITICAL';

export const ALERT_STATES = ['OPEN', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** What the rules look at for one project, derived from its record, history, checklist and costs. */
export interface AlertFacts {
  stage: Stage;
  daysInStage: number | null;
  /** Days since the last change to stage, checklist or costs (or since NO_ACTIVITY was acknowledged). */
  daysSinceActivity: number | null;
  /** Days the readiness score has not risen; null while the history is shorter than the window. */
  readinessFlatDays: number | null;
  overdueCapabilities: number;
  /** Burn forecast ÷ the stage's budget; null without a budget. */
  burnRatio: number | null;
  costMultiple: number | null;
  underfunded: boolean;
  valueAtRisk: boolean;
  ready: boolean;
}

export interface Firing {
  rule: AlertRule;
  severity: Severity;
  message: string;
}

/** Rule thresholds that organisations may change (defaults are the spec's). */
export type AlertSettings = Pick<OrgSettings, 'stallDays' | 'noActivityDays' | 'readinessFlatDays'>;

const pct = (r: number) => `${Math.round(r * 100)}%`;

/** Every alert rule of the spec over one project's facts. */
export function evaluateAlerts(f: AlertFacts, s: AlertSettings): Firing[] {
  const out: Firing[] = [];
  const active = isActiveStage(f.stage);

  if (active && f.daysInStage !== null) {
    const limit = s.stallDays[f.stage as ActiveStage];
    if (f.daysInStage > limit) {
      out.push({
        rule: 'STAGE_OVERDUE',
        severity: f.daysInStage >= 1.5 * limit ? 'CRITICAL' : 'WARNING',
        message: `${f.daysInStage} days in ${STAGE_LABELS[f.stage]}; the threshold is ${limit} days.`,
      });
    }
  }
  if (active && f.daysSinceActivity !== null && f.daysSinceActivity >= s.noActivityDays) {
    out.push({
      rule: 'NO_ACTIVITY',
      severity: 'WARNING',
      message: `No change to stage, checklist or costs for ${f.daysSinceActivity} days.`,
    });
  }
  if (
    f.stage === 'PRODUCTIONIZING' &&
    f.readinessFlatDays !== null &&
    f.readinessFlatDays >= s.readinessFlatDays
  ) {
    out.push({
      rule: 'READINESS_FLAT',
      severity: 'WARNING',
      message: `Readiness has not risen for ${f.readinessFlatDays} days.`,
    });
  }
  if (f.overdueCapabilities > 0) {
    out.push({
      rule: 'CAPABILITY_OVERDUE',
      severity: 'WARNING',
      message: `${f.overdueCapabilities} checklist item${f.overdueCapabilities === 1 ? ' is' : 's are'} past due and not done.`,
    });
  }
  if (f.burnRatio !== null && f.burnRatio >= 0.9) {
    out.push({
      rule: 'BUDGET_BURN',
      severity: f.burnRatio >= 1 ? 'CRITICAL' : 'WARNING',
      message: `At the current burn, spend reaches ${pct(f.burnRatio)} of the stage's budget by its expected end.`,
    });
  }
  if (f.costMultiple !== null && f.costMultiple >= 10) {
    out.push({
      rule: 'COST_MULTIPLE',
      severity: f.costMultiple >= 20 ? 'CRITICAL' : 'WARNING',
      message: `Spend after the POC is ${f.costMultiple.toFixed(1)}x the POC cost.`,
    });
  }
  if (f.underfunded) {
    out.push({
      rule: 'UNDERFUNDED_PLAN',
      severity: 'WARNING',
      message: 'The approved production budget is under 10x the POC cost (the seed’s cost surprise).',
    });
  }
  if (f.valueAtRisk) {
    out.push({
      rule: 'VALUE_AT_RISK',
      severity: 'WARNING',
      message: 'Even the optimistic first-year cost is 2x the expected annual value or more.',
    });
  }
  if (f.stage === 'PRODUCTION' && !f.ready) {
    out.push({
      rule: 'READINESS_REGRESSED',
      severity: 'CRITICAL',
      message: 'In production but no longer production-ready.',
    });
  }
  return out;
}
