import type { Assessment, CriteriaInput, Readiness } from '@gapline/domain';
import type { ProjectDto, ReadinessDto } from './dto/projects.dto.js';
import type { Project, ProjectWithOwner } from './projects.repository.js';

const DAY = 86_400_000;
const num = (v: bigint | null) => (v === null ? null : Number(v));
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function criteriaInput(p: Project): CriteriaInput & { expectedAnnualValue: number | null } {
  return {
    riskClass: p.riskClass,
    revenueAtRisk: num(p.revenueAtRisk),
    regulatedDecisions: p.regulatedDecisions,
    personalData: p.personalData,
    uptimeSlaBp: p.uptimeSlaBp,
    retentionYears: p.retentionYears,
    silentDegradation: p.silentDegradation,
    dependentTeams: p.dependentTeams,
    expectedAnnualValue: num(p.expectedAnnualValue),
  };
}

export function daysSince(d: Date | null, now = new Date()): number | null {
  return d ? Math.floor((now.getTime() - d.getTime()) / DAY) : null;
}

export function readinessView(r: Readiness): ReadinessDto {
  return {
    done: r.done,
    applicable: r.applicable,
    threshold: r.threshold,
    ready: r.ready,
    requiredMissing: r.requiredMissing,
    missing: r.missing,
  };
}

/** An audit-friendly snapshot of what a person edits on a project. */
export function auditFields(p: Project): Record<string, unknown> {
  return {
    name: p.name,
    description: p.description,
    businessUnit: p.businessUnit,
    ownerId: p.ownerId,
    tags: p.tags,
    startDate: day(p.startDate),
    targetDate: day(p.targetDate),
    riskClass: p.riskClass,
    expectedAnnualValue: num(p.expectedAnnualValue),
    revenueAtRisk: num(p.revenueAtRisk),
    regulatedDecisions: p.regulatedDecisions,
    personalData: p.personalData,
    uptimeSlaBp: p.uptimeSlaBp,
    retentionYears: p.retentionYears,
    silentDegradation: p.silentDegradation,
    dependentTeams: p.dependentTeams,
  };
}

/** Only the fields that changed, before and after. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    changed: changed.length > 0,
  };
}

export function projectView(
  p: ProjectWithOwner,
  a: Assessment,
  stageEnteredAt: Date | null,
  canEdit: boolean,
): ProjectDto {
  const c = criteriaInput(p);
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    businessUnit: p.businessUnit,
    owner: { userId: p.ownerId, name: p.owner.name },
    tags: p.tags,
    startDate: day(p.startDate),
    targetDate: day(p.targetDate),
    riskClass: p.riskClass,
    expectedAnnualValue: c.expectedAnnualValue,
    criteriaValues: {
      revenueAtRisk: c.revenueAtRisk,
      regulatedDecisions: c.regulatedDecisions,
      personalData: c.personalData,
      uptimeSlaBp: c.uptimeSlaBp,
      retentionYears: c.retentionYears,
      silentDegradation: c.silentDegradation,
      dependentTeams: c.dependentTeams,
    },
    stage: p.stage,
    stageEnteredAt,
    daysInStage: daysSince(stageEnteredAt),
    decision: {
      recommendation: a.recommendation,
      criteria: a.criteria,
      applying: a.applying,
      headline: a.headline,
      required: a.required,
    },
    readiness: readinessView(a.readiness),
    canEdit,
    archivedAt: p.archivedAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
