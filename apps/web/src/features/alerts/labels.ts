import type { AlertRule, AlertState, Severity } from '@gapline/domain';

/** Each rule in words, as a heading for its alerts. */
export const RULE_LABELS: Readonly<Record<AlertRule, string>> = {
  STAGE_OVERDUE: 'Stage overdue',
  NO_ACTIVITY: 'No activity',
  READINESS_FLAT: 'Readiness not rising',
  CAPABILITY_OVERDUE: 'Checklist items overdue',
  BUDGET_BURN: 'Budget burn',
  COST_MULTIPLE: 'Cost multiple above benchmark',
  UNDERFUNDED_PLAN: 'Underfunded plan',
  VALUE_AT_RISK: 'Value at risk',
  READINESS_REGRESSED: 'Production readiness lost',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  WARNING: 'Warning',
  CRITICAL: 'Critical',
};

export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  WARNING: 'yellow',
  CRITICAL: 'red',
};

export const STATE_LABELS: Readonly<Record<AlertState, string>> = {
  OPEN: 'Open',
  ACKNOWLEDGED: 'Acknowledged',
  SNOOZED: 'Snoozed',
  RESOLVED: 'Resolved',
};

export const STATE_COLORS: Readonly<Record<AlertState, string>> = {
  OPEN: 'red',
  ACKNOWLEDGED: 'blue',
  SNOOZED: 'gray',
  RESOLVED: 'teal',
};
