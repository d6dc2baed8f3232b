import type { Recommendation, RiskClass, Stage } from '@gapline/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { CreateProjectInput, Project, ReadinessPoint, Transition, UpdateProjectInput } from './types';

export const PROJECT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** The list as chosen in the UI (and kept in the address bar). */
export interface ProjectListParams {
  stage: Stage[];
  ownerId: string | null;
  businessUnit: string | null;
  riskClass: RiskClass | null;
  recommendation: Recommendation | null;
  q: string;
  archived: boolean;
  sort: ProjectSort;
  /** The cursor of the page shown; null for the first page. */
  cursor: string | null;
}

export const PAGE_SIZE = 25;

export const projectKeys = {
  all: (orgId: string) => ['orgs', orgId, 'projects'] as const,
  lists: (orgId: string) => ['orgs', orgId, 'projects', 'list'] as const,
  list: (orgId: string, params: ProjectListParams) => ['orgs', orgId, 'projects', 'list', params] as const,
  businessUnits: (orgId: string) => ['orgs', orgId, 'projects', 'business-units'] as const,
  project: (orgId: string, projectId: string) => ['orgs', orgId, 'projects', projectId] as const,
  detail: (orgId: string, projectId: string) => ['orgs', orgId, 'projects', projectId, 'detail'] as const,
  transitions: (orgId: string, projectId: string) =>
    ['orgs', orgId, 'projects', projectId, 'transitions'] as const,
  readinessHistory: (orgId: string, projectId: string, days: number) =>
    ['orgs', orgId, 'projects', projectId, 'readiness-history', days] as const,
  checklist: (orgId: string, projectId: string) =>
    ['orgs', orgId, 'projects', projectId, 'checklist'] as const,
};

/** One page of initiatives; the previous page stays on screen while the next one loads. */
export function useProjects(orgId: string, params: ProjectListParams) {
  return useQuery({
    queryKey: projectKeys.list(orgId, params),
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/projects', {
          params: {
            path: { orgId },
            query: {
              stage: params.stage.length > 0 ? params.stage : undefined,
              ownerId: params.ownerId ?? undefined,
              businessUnit: params.businessUnit ?? undefined,
              riskClass: params.riskClass ?? undefined,
              recommendation: params.recommendation ?? undefined,
              q: params.q.trim() || undefined,
              archived: params.archived ? 'true' : undefined,
              sort: params.sort,
              cursor: params.cursor ?? undefined,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
  });
}

/** The business units in use, for the filter (the first 100 initiatives by name are enough to offer). */
export function useBusinessUnits(orgId: string) {
  return useQuery({
    queryKey: projectKeys.businessUnits(orgId),
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/orgs/{orgId}/projects', { params: { path: { orgId }, query: { limit: 100 } } }),
      );
      return [...new Set(page.items.map((p) => p.businessUnit).filter(Boolean))].sort((a, b) =>
        a.localeCompare(b),
      );
    },
  });
}

export function useProject(orgId: string, projectId: string) {
  return useQuery({
    queryKey: projectKeys.detail(orgId, projectId),
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgId}/projects/{projectId}', { params: { path: { orgId, projectId } } })),
  });
}

export function useTransitions(orgId: string, projectId: string) {
  return useQuery({
    queryKey: projectKeys.transitions(orgId, projectId),
    queryFn: (): Promise<Transition[]> =>
      unwrap(
        api.GET('/api/orgs/{orgId}/projects/{projectId}/transitions', {
          params: { path: { orgId, projectId } },
        }),
      ),
  });
}

export function useReadinessHistory(orgId: string, projectId: string, days = 180) {
  return useQuery({
    queryKey: projectKeys.readinessHistory(orgId, projectId, days),
    queryFn: (): Promise<ReadinessPoint[]> =>
      unwrap(
        api.GET('/api/orgs/{orgId}/projects/{projectId}/readiness-history', {
          params: { path: { orgId, projectId }, query: { days } },
        }),
      ),
  });
}

/** After a project changed: show the returned version and let lists, the portfolio and the audit trail catch up. */
function useProjectChanged(orgId: string) {
  const queryClient = useQueryClient();
  return (project: Project) => {
    queryClient.setQueryData(projectKeys.detail(orgId, project.id), project);
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'portfolio'] });
    return queryClient.invalidateQueries({ queryKey: projectKeys.lists(orgId) });
  };
}

export function useCreateProject(orgId: string) {
  const changed = useProjectChanged(orgId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectInput) =>
      unwrap(api.POST('/api/orgs/{orgId}/projects', { params: { path: { orgId } }, body })),
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: projectKeys.businessUnits(orgId) });
      return changed(project);
    },
  });
}

export function useUpdateProject(orgId: string, projectId: string) {
  const changed = useProjectChanged(orgId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProjectInput) =>
      unwrap(
        api.PATCH('/api/orgs/{orgId}/projects/{projectId}', { params: { path: { orgId, projectId } }, body }),
      ),
    onSuccess: (project) => {
      // The decision and the required capabilities may have changed with the criteria.
      void queryClient.invalidateQueries({ queryKey: projectKeys.checklist(orgId, projectId) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.businessUnits(orgId) });
      return changed(project);
    },
  });
}

export function useArchiveProject(orgId: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/orgs/{orgId}/projects/{projectId}', { params: { path: { orgId, projectId } } }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'portfolio'] });
      void queryClient.invalidateQueries({ queryKey: projectKeys.lists(orgId) });
      return queryClient.invalidateQueries({ queryKey: projectKeys.project(orgId, projectId) });
    },
  });
}

export function useRestoreProject(orgId: string, projectId: string) {
  const changed = useProjectChanged(orgId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/orgs/{orgId}/projects/{projectId}/restore', {
          params: { path: { orgId, projectId } },
        }),
      ),
    onSuccess: changed,
  });
}

export interface TransitionInput {
  to: Stage;
  reason?: string;
  override?: boolean;
}

export function useMoveStage(orgId: string, projectId: string) {
  const changed = useProjectChanged(orgId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionInput) =>
      unwrap(
        api.POST('/api/orgs/{orgId}/projects/{projectId}/transitions', {
          params: { path: { orgId, projectId } },
          body,
        }),
      ),
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: projectKeys.transitions(orgId, projectId) });
      return changed(project);
    },
  });
}
