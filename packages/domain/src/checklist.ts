import type { Criterion } from './criteria.js';

export const CAPABILITY_GROUPS = [
  'reproducibility',
  'delivery',
  'data',
  'monitoring',
  'governance',
  'operations',
  'security',
  'cost',
] as const;
export type CapabilityGroup = (typeof CAPABILITY_GROUPS)[number];

export interface CapabilityTemplate {
  key: string;
  name: string;
  group: CapabilityGroup;
  description: string;
}

/** The seed's 17 foundational capabilities, created with every organisation. */
export const DEFAULT_CAPABILITIES: readonly CapabilityTemplate[] = [
  {
    key: 'model-versioning',
    name: 'Model versioning and registry',
    group: 'reproducibility',
    description: 'A model registry with experiment tracking and logged hyperparameters.',
  },
  {
    key: 'dataset-versioning',
    name: 'Dataset versioning',
    group: 'reproducibility',
    description: 'Snapshotted, versioned training datasets.',
  },
  {
    key: 'reproducible-environments',
    name: 'Reproducible environments',
    group: 'reproducibility',
    description: 'Pinned dependencies and images, so a model can be rebuilt years later.',
  },
  {
    key: 'ci-cd',
    name: 'CI/CD',
    group: 'delivery',
    description: 'Automated CI/CD for model and pipeline code.',
  },
  {
    key: 'automated-rollback',
    name: 'Automated rollback',
    group: 'delivery',
    description: 'Automated rollback to the previous model version.',
  },
  {
    key: 'load-tested-serving',
    name: 'Load-tested serving',
    group: 'delivery',
    description:
      'Serving load-tested against its latency SLA (seed: 10,000+ predictions/s, sub-100 ms for customer-facing systems).',
  },
  {
    key: 'data-pipelines',
    name: 'Automated data pipelines',
    group: 'data',
    description: 'Automated data pipelines with schema enforcement and error handling.',
  },
  {
    key: 'data-quality-checks',
    name: 'Data quality checks',
    group: 'data',
    description: 'Automated data quality checks.',
  },
  {
    key: 'monitoring-alerting',
    name: 'Monitoring and alerting',
    group: 'monitoring',
    description: 'Monitoring of performance, latency and availability, with alerting.',
  },
  {
    key: 'drift-detection',
    name: 'Drift detection',
    group: 'monitoring',
    description:
      'Data, prediction and concept drift detection (seed: detect a 10% performance drop within 24 hours).',
  },
  {
    key: 'automated-retraining',
    name: 'Automated retraining',
    group: 'monitoring',
    description: 'An automated retraining pipeline.',
  },
  {
    key: 'explainability',
    name: 'Explainability',
    group: 'governance',
    description: 'Explanations of individual predictions (GDPR Art. 22).',
  },
  {
    key: 'audit-logging',
    name: 'Audit logging',
    group: 'governance',
    description: 'Audit logging of predictions and model changes, retained as regulation requires.',
  },
  {
    key: 'incident-runbooks',
    name: 'Incident runbooks',
    group: 'operations',
    description: 'Incident response runbooks.',
  },
  {
    key: 'encrypted-storage',
    name: 'Encryption',
    group: 'security',
    description: 'Encryption at rest and in transit.',
  },
  {
    key: 'access-control',
    name: 'Access control',
    group: 'security',
    description: 'Role-based access control (RBAC).',
  },
  {
    key: 'cost-monitoring',
    name: 'Cost monitoring',
    group: 'cost',
    description: 'Cost monitoring of compute, serving and storage.',
  },
];

/** Seed FAQ, "minimum MLOps infrastructure": always required, never not-applicable. */
export const ALWAYS_REQUIRED: readonly string[] = [
  'model-versioning',
  'ci-cd',
  'drift-detection',
  'monitoring-alerting',
  'incident-runbooks',
];

export const REQUIRED_BY_CRITERION: Readonly<Record<Criterion, readonly string[]>> = {
  REVENUE_IMPACT: ['automated-rollback', 'drift-detection', 'monitoring-alerting'],
  REGULATED_DECISIONS: ['explainability', 'audit-logging', 'dataset-versioning'],
  PERSONAL_DATA: ['encrypted-storage', 'access-control', 'audit-logging'],
  UPTIME_SLA: ['automated-rollback', 'load-tested-serving', 'incident-runbooks'],
  LONG_RETENTION: ['dataset-versioning', 'reproducible-environments', 'audit-logging'],
  SILENT_DEGRADATION: ['drift-detection', 'automated-retraining'],
  SHARED_DEPENDENCY: ['data-pipelines', 'data-quality-checks', 'ci-cd'],
};

/** The capabilities a project must have DONE: the always-required five plus each applying criterion's. */
export function requiredCapabilities(applying: readonly Criterion[]): string[] {
  const keys = new Set(ALWAYS_REQUIRED);
  for (const c of applying) for (const k of REQUIRED_BY_CRITERION[c]) keys.add(k);
  return [...keys];
}

export const ITEM_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'NOT_APPLICABLE'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Why an item may not take a status, or null when it may. */
export function statusViolation(
  key: string,
  status: ItemStatus,
  justification: string | null | undefined,
): string | null {
  if (status !== 'NOT_APPLICABLE') return null;
  if (ALWAYS_REQUIRED.includes(key))
    return `${key} is always required and can never be marked not applicable.`;
  if (!justification?.trim()) return `Marking ${key} not applicable needs a written justification.`;
  return null;
}

export interface Readiness {
  done: number;
  applicable: number;
  /** Items DONE needed: ⌈applicable × numerator / denominator⌉. */
  threshold: number;
  ready: boolean;
  /** Required capabilities that are not DONE. */
  requiredMissing: string[];
  /** How many more items must be DONE to reach the threshold. */
  short: number;
  /** Plain words for each thing missing. */
  missing: string[];
}

/** ⌈a·n/d⌉ in integers: ⌊(a·n + d − 1)/d⌋. */
export function readinessThreshold(
  applicable: number,
  ratio: { numerator: number; denominator: number },
): number {
  return Math.floor((applicable * ratio.numerator + ratio.denominator - 1) / ratio.denominator);
}

export function computeReadiness(
  items: readonly { key: string; status: ItemStatus }[],
  required: readonly string[],
  ratio: { numerator: number; denominator: number },
): Readiness {
  const done = items.filter((i) => i.status === 'DONE').length;
  const applicable = items.filter((i) => i.status !== 'NOT_APPLICABLE').length;
  const threshold = readinessThreshold(applicable, ratio);
  const doneKeys = new Set(items.filter((i) => i.status === 'DONE').map((i) => i.key));
  const requiredMissing = required.filter((k) => !doneKeys.has(k));
  const short = Math.max(0, threshold - done);
  const missing = [
    ...(short > 0
      ? [`${short} more capabilit${short === 1 ? 'y' : 'ies'} done (${done} of ${threshold} needed)`]
      : []),
    ...requiredMissing.map((k) => `${k} (required)`),
  ];
  return {
    done,
    applicable,
    threshold,
    ready: short === 0 && requiredMissing.length === 0,
    requiredMissing,
    short,
    missing,
  };
}

/**
 * A template holds at most 63 capabilities over its lifetime, retired ones included: each has a
 * fixed bit in the per-project checklist roll-ups (a 64-bit integer, sign bit unused).
 */
export const MAX_CAPABILITIES = 63;
