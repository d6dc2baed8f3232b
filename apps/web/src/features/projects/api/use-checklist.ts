import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Checklist, Evidence, ItemPatch, Project } from './types';
import { projectKeys } from './use-projects';

/** The whole checklist with readiness, in one round trip. */
export function useChecklist(orgId: string, projectId: string) {
  return useQuery({
    queryKey: projectKeys.checklist(orgId, projectId),
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/projects/{projectId}/checklist', {
          params: { path: { orgId, projectId } },
        }),
      ),
  });
}

/**
 * Update one item. The server answers with the whole checklist, which replaces the cached one (no refetch).
 * Updates of one checklist run one after the other, so an older answer never overwrites a newer one.
 */
export function useUpdateChecklistItem(orgId: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: `checklist-${projectId}` },
    mutationFn: ({ key, patch }: { key: string; patch: ItemPatch }) =>
      unwrap(
        api.PATCH('/api/orgs/{orgId}/projects/{projectId}/checklist/{capabilityKey}', {
          params: { path: { orgId, projectId, capabilityKey: key } },
          body: patch,
        }),
      ),
    onSuccess: (checklist) => {
      queryClient.setQueryData(projectKeys.checklist(orgId, projectId), checklist);
      queryClient.setQueryData<Project>(projectKeys.detail(orgId, projectId), (project) =>
        project ? { ...project, readiness: checklist.readiness } : project,
      );
      void queryClient.invalidateQueries({ queryKey: projectKeys.lists(orgId) });
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'portfolio'] });
      void queryClient.invalidateQueries({
        queryKey: [...projectKeys.project(orgId, projectId), 'readiness-history'],
      });
    },
  });
}

export function useAddEvidence(orgId: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, url, title }: { key: string; url: string; title: string }) =>
      unwrap(
        api.POST('/api/orgs/{orgId}/projects/{projectId}/checklist/{capabilityKey}/evidence', {
          params: { path: { orgId, projectId, capabilityKey: key } },
          body: { url, title },
        }),
      ),
    onSuccess: (evidence: Evidence, { key }) => {
      queryClient.setQueryData<Checklist>(projectKeys.checklist(orgId, projectId), (checklist) =>
        checklist
          ? {
              ...checklist,
              items: checklist.items.map((item) =>
                item.key === key ? { ...item, evidence: [...item.evidence, evidence] } : item,
              ),
            }
          : checklist,
      );
    },
  });
}
