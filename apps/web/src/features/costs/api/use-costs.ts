import type { Schemas } from '@gapline/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { projectKeys } from '../../projects/api/use-projects';

export type Costs = Schemas['CostsDto'];
export type CostEntry = Schemas['CostEntryDto'];
export type CostEntryInput = Schemas['CostEntryInputDto'];
export type CostEntryPatch = Schemas['CostEntryPatchDto'];
export type EstimateLine = Schemas['EstimateLineDto'];
export type Projection = Schemas['ProjectionDto'];
export type BudgetsInput = Schemas['BudgetsInputDto'];

export const costKeys = {
  costs: (orgId: string, projectId: string) => [...projectKeys.project(orgId, projectId), 'costs'] as const,
  projection: (orgId: string, projectId: string) =>
    [...projectKeys.project(orgId, projectId), 'projection'] as const,
};

/** Budgets, the team's estimates and the ledger of one initiative. */
export function useCosts(orgId: string, projectId: string) {
  return useQuery({
    queryKey: costKeys.costs(orgId, projectId),
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/projects/{projectId}/costs', { params: { path: { orgId, projectId } } }),
      ),
  });
}

/** Benchmark and bottom-up bands, cost multiple, burn forecast and value check. */
export function useProjection(orgId: string, projectId: string) {
  return useQuery({
    queryKey: costKeys.projection(orgId, projectId),
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/projects/{projectId}/projection', {
          params: { path: { orgId, projectId } },
        }),
      ),
  });
}

/**
 * After any cost change: the projection, the decision (its headline cost), the alerts (every change
 * re-checks the project's rules), the portfolio and the audit trail follow.
 */
function useCostsChanged(orgId: string, projectId: string) {
  const queryClient = useQueryClient();
  return (costs?: Costs) => {
    if (costs) queryClient.setQueryData(costKeys.costs(orgId, projectId), costs);
    else void queryClient.invalidateQueries({ queryKey: costKeys.costs(orgId, projectId) });
    void queryClient.invalidateQueries({ queryKey: projectKeys.detail(orgId, projectId) });
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'alerts'] });
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'portfolio'] });
    return queryClient.invalidateQueries({ queryKey: costKeys.projection(orgId, projectId) });
  };
}

export function useUpdateBudgets(orgId: string, projectId: string) {
  const changed = useCostsChanged(orgId, projectId);
  return useMutation({
    mutationFn: (body: BudgetsInput) =>
      unwrap(
        api.PATCH('/api/orgs/{orgId}/projects/{projectId}/budgets', {
          params: { path: { orgId, projectId } },
          body,
        }),
      ),
    onSuccess: (costs) => changed(costs),
  });
}

/** Replace all of the team's own estimates (lines left out fall back to the seed ranges). */
export function useSaveEstimates(orgId: string, projectId: string) {
  const changed = useCostsChanged(orgId, projectId);
  return useMutation({
    mutationFn: (lines: EstimateLine[]) =>
      unwrap(
        api.PUT('/api/orgs/{orgId}/projects/{projectId}/estimates', {
          params: { path: { orgId, projectId } },
          body: { lines },
        }),
      ),
    onSuccess: (costs) => changed(costs),
  });
}

export function useAddCost(orgId: string, projectId: string) {
  const changed = useCostsChanged(orgId, projectId);
  return useMutation({
    mutationFn: (body: CostEntryInput) =>
      unwrap(
        api.POST('/api/orgs/{orgId}/projects/{projectId}/costs', {
          params: { path: { orgId, projectId } },
          body,
        }),
      ),
    onSuccess: () => changed(),
  });
}

export function useUpdateCost(orgId: string, projectId: string) {
  const changed = useCostsChanged(orgId, projectId);
  return useMutation({
    mutationFn: ({ costId, ...body }: CostEntryPatch & { costId: string }) =>
      unwrap(
        api.PATCH('/api/orgs/{orgId}/projects/{projectId}/costs/{costId}', {
          params: { path: { orgId, projectId, costId } },
          body,
        }),
      ),
    onSuccess: () => changed(),
  });
}

export function useDeleteCost(orgId: string, projectId: string) {
  const changed = useCostsChanged(orgId, projectId);
  return useMutation({
    mutationFn: (costId: string) =>
      unwrap(
        api.DELETE('/api/orgs/{orgId}/projects/{projectId}/costs/{costId}', {
          params: { path: { orgId, projectId, costId } },
        }),
      ),
    onSuccess: () => changed(),
  });
}
