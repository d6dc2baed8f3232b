import type { Schemas } from '@gapline/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { meQueryKey } from './use-me';

export const orgKeys = {
  all: (orgId: string) => ['orgs', orgId] as const,
  detail: (orgId: string) => ['orgs', orgId, 'detail'] as const,
};

export function useOrganization(orgId: string) {
  return useQuery({
    queryKey: orgKeys.detail(orgId),
    queryFn: () => unwrap(api.GET('/api/orgs/{orgId}', { params: { path: { orgId } } })),
  });
}

export function useUpdateOrganization(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateOrganizationDto']) =>
      unwrap(api.PATCH('/api/orgs/{orgId}', { params: { path: { orgId } }, body })),
    onSuccess: (org) => {
      queryClient.setQueryData(orgKeys.detail(orgId), org);
      // The organisation switcher shows names from /api/me.
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
