import type { Role } from './roles.js';

export const STAGES = [
  'IDEA',
  'POC',
  'PRODUCTIONIZING',
  'PRODUCTION',
  'RETIRED',
  'POC_SUFFICIENT',
  'CANCELLED',
] as const;
export type Stage = (typeof STAGES)[number];

export const ACTIVE_STAGES = ['IDEA', 'POC', 'PRODUCTIONIZING'] as const satisfies readonly Stage[];
export type ActiveStage = (typeof ACTIVE_STAGES)[number];
export const FINAL_STAGES: readonly Stage[] = ['RETIRED', 'CANCELLED'];

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  IDEA: 'Idea',
  POC: 'Proof of concept',
  PRODUCTIONIZING: 'Productionizing',
  PRODUCTION: 'Production',
  RETIRED: 'Retired',
  POC_SUFFICIENT: 'POC sufficient',
  CANCELLED: 'Cancelled',
};

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function isActiveStage(stage: Stage): stage is ActiveStage {
  return (ACTIVE_STAGES as readonly Stage[]).includes(stage);
}

/** The moves of the lifecycle. Anything not listed (other than cancelling) is refused. */
const FORWARD: Readonly<Record<Stage, readonly Stage[]>> = {
  IDEA: ['POC'],
  POC: ['PRODUCTIONIZING', 'POC_SUFFICIENT'],
  PRODUCTIONIZING: ['PRODUCTION'],
  PRODUCTION: ['RETIRED'],
  POC_SUFFICIENT: ['RETIRED'],
  RETIRED: [],
  CANCELLED: [],
};
/** Backward moves (e.g. after an incident) need a reason. */
const BACKWARD: Readonly<Record<Stage, readonly Stage[]>> = {
  IDEA: [],
  POC: ['IDEA'],
  PRODUCTIONIZING: ['POC'],
  PRODUCTION: ['PRODUCTIONIZING'],
  POC_SUFFICIENT: ['POC', 'PRODUCTIONIZING'],
  RETIRED: [],
  CANCELLED: [],
};

export type RiskClass = 'MINIMAL' | 'LIMITED' | 'HIGH' | 'UNACCEPTABLE';
export const RISK_CLASSES: readonly RiskClass[] = ['MINIMAL', 'LIMITED', 'HIGH', 'UNACCEPTABLE'];

/** Stages past POC that an UNACCEPTABLE risk class never reaches. */
const PAST_POC: readonly Stage[] = ['PRODUCTIONIZING', 'PRODUCTION'];

export interface TransitionRequest {
  from: Stage;
  to: Stage;
  role: Role;
  reason?: string | null;
  override?: boolean;
  riskClass: RiskClass;
  /** Production criteria that apply (ids); POC_SUFFICIENT is refused while any does. */
  applyingCriteria: readonly string[];
  /** Readiness for the production gate: null when it has not been computed. */
  readiness: { ready: boolean; missing: readonly string[] } | null;
}

export type TransitionVerdict =
  | { allowed: true; kind: 'forward' | 'backward' | 'cancel'; overridden: boolean }
  | { allowed: false; reason: string; overridable: boolean };

const refuse = (reason: string, overridable = false): TransitionVerdict => ({
  allowed: false,
  reason,
  overridable,
});

/** The lifecycle rules of the spec, in one place: what may move where, and what it takes. */
export function checkTransition(r: TransitionRequest): TransitionVerdict {
  const reason = r.reason?.trim() ?? '';
  if (r.from === r.to) return refuse(`The project is already in ${STAGE_LABELS[r.to]}.`);
  if (FINAL_STAGES.includes(r.from))
    return refuse(`${STAGE_LABELS[r.from]} is final: the project cannot move.`);
  if (r.riskClass === 'UNACCEPTABLE' && PAST_POC.includes(r.to)) {
    return refuse('The EU AI Act risk class is UNACCEPTABLE: the project cannot move past POC.');
  }
  if (r.override && r.role !== 'ADMIN') return refuse('Only an admin can override a stage rule.');
  if (r.override && !reason) return refuse('An override needs a written reason.');

  if (r.to === 'CANCELLED') return { allowed: true, kind: 'cancel', overridden: false };
  if (BACKWARD[r.from].includes(r.to)) {
    if (!reason)
      return refuse(`Moving back from ${STAGE_LABELS[r.from]} to ${STAGE_LABELS[r.to]} needs a reason.`);
    return { allowed: true, kind: 'backward', overridden: false };
  }
  if (!FORWARD[r.from].includes(r.to)) {
    return refuse(`A project cannot move from ${STAGE_LABELS[r.from]} to ${STAGE_LABELS[r.to]}.`);
  }
  if (r.to === 'POC_SUFFICIENT' && r.applyingCriteria.length > 0) {
    if (r.override) return { allowed: true, kind: 'forward', overridden: true };
    return refuse(
      `Production criteria apply (${r.applyingCriteria.join(', ')}), so staying in POC mode is not enough. ` +
        'An admin may override with a reason.',
      true,
    );
  }
  if (r.from === 'PRODUCTIONIZING' && r.to === 'PRODUCTION' && !r.readiness?.ready) {
    if (r.override) return { allowed: true, kind: 'forward', overridden: true };
    const missing = r.readiness?.missing.length ? ` Missing: ${r.readiness.missing.join('; ')}.` : '';
    return refuse(
      `The project is not production-ready.${missing} An admin may override with a reason.`,
      true,
    );
  }
  return { allowed: true, kind: 'forward', overridden: false };
}
