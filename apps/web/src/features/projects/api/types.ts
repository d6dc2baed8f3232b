import type { Schemas } from '@gapline/api-client';

/**
 * Readiness as the API sends it. The OpenAPI document currently names both this and the health
 * check's schema `ReadinessDto`, so the generated type is the health one; this is the real shape.
 */
export interface Readiness {
  done: number;
  applicable: number;
  /** DONE items needed. */
  threshold: number;
  ready: boolean;
  requiredMissing: string[];
  /** Plain words for each thing missing. */
  missing: string[];
}

type WithReadiness<T> = Omit<T, 'readiness'> & { readiness: Readiness };

export type ProjectListItem = WithReadiness<Schemas['ProjectListItemDto']>;
export type ProjectPage = Omit<Schemas['ProjectPageDto'], 'items'> & { items: ProjectListItem[] };
export type Project = WithReadiness<Schemas['ProjectDto']>;
export type Transition = Schemas['TransitionDto'];
export type ReadinessPoint = Schemas['ReadinessPointDto'];
export type ChecklistItem = Omit<Schemas['ChecklistItemDto'], 'naJustification'> & {
  naJustification: string | null;
};
export type Checklist = Omit<WithReadiness<Schemas['ChecklistDto']>, 'items'> & { items: ChecklistItem[] };
export type Evidence = Schemas['EvidenceDto'];
/** `naJustification` is typed `object` by the generated schema; it is a string. */
export type ItemPatch = Omit<Schemas['ItemPatchDto'], 'naJustification'> & {
  naJustification?: string | null;
};
export type CreateProjectInput = Schemas['CreateProjectDto'];
export type UpdateProjectInput = Schemas['UpdateProjectDto'];
