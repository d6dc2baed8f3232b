import type { Schemas } from '@gapline/api-client';

export type Readiness = Schemas['ReadinessDto'];
export type ProjectListItem = Schemas['ProjectListItemDto'];
export type ProjectPage = Schemas['ProjectPageDto'];
export type Project = Schemas['ProjectDto'];
export type Transition = Schemas['TransitionDto'];
export type ReadinessPoint = Schemas['ReadinessPointDto'];
export type ChecklistItem = Schemas['ChecklistItemDto'];
export type Checklist = Schemas['ChecklistDto'];
export type Evidence = Schemas['EvidenceDto'];
export type ItemPatch = Schemas['ItemPatchDto'];
export type CreateProjectInput = Schemas['CreateProjectDto'];
export type UpdateProjectInput = Schemas['UpdateProjectDto'];
