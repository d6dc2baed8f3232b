import type { Schemas } from '@gapline/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { orgKeys } from '../../orgs/api/use-org';

export type Settings = Schemas['SettingsDto'];
export type Capability = Schemas['CapabilityDto'];

export const settingsKeys = {
  settings: (orgId: string) => ['orgs', orgId, 'settings'] as const,
  capabilities: (orgId: string) => ['orgs', orgId, 'capabilities'] as const,
};

/** The organisation's thresholds (readable by every member: the project form shows them as help). */
export function useSettings(orgId: string) {
  return useQuery({
    queryKey: settingsKeys.settings(orgId),
    queryFn: () => unwrap(api.GET('/api/orgs/{orgId}/settings', { params: { path: { orgId } } })),
    staleTime: 5 * 60_000,
  });
}

export function useUpdateSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateSettingsDto']) =>
      unwrap(api.PATCH('/api/orgs/{orgId}/settings', { params: { path: { orgId } }, body })),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.settings(orgId), settings);
      // Thresholds change every decision and readiness score; the currency lives on the organisation.
      void queryClient.invalidateQueries({ queryKey: orgKeys.detail(orgId) });
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
      return queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'projects'] });
    },
  });
}

/** The checklist template, retired capabilities included. */
export function useCapabilities(orgId: string) {
  return useQuery({
    queryKey: settingsKeys.capabilities(orgId),
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/capabilities', {
          params: { path: { orgId }, query: { includeRetired: 'true' } },
        }),
      ),
  });
}

function useCapabilityChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'projects'] });
    return queryClient.invalidateQueries({ queryKey: settingsKeys.capabilities(orgId) });
  };
}

export function useCreateCapability(orgId: string) {
  const changed = useCapabilityChanged(orgId);
  return useMutation({
    mutationFn: (body: Schemas['CreateCapabilityDto']) =>
      unwrap(api.POST('/api/orgs/{orgId}/capabilities', { params: { path: { orgId } }, body })),
    onSuccess: changed,
  });
}

export function useUpdateCapability(orgId: string) {
  const changed = useCapabilityChanged(orgId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, ...body }: Schemas['UpdateCapabilityDto'] & { key: string }) =>
      unwrap(
        api.PATCH('/api/orgs/{orgId}/capabilities/{capabilityKey}', {
          params: { path: { orgId, capabilityKey: key } },
          body,
        }),
      ),
    onSuccess: (capability) => {
      queryClient.setQueryData<Capability[]>(settingsKeys.capabilities(orgId), (list) =>
        list?.map((c) => (c.key === capability.key ? capability : c)),
      );
      return changed();
    },
  });
}
