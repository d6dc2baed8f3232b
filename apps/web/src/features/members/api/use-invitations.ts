import type { Schemas } from '@gapline/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export type Invitation = Schemas['InvitationDto'];

export const invitationKeys = {
  list: (orgId: string) => ['orgs', orgId, 'invitations'] as const,
};

export function useInvitations(orgId: string, enabled = true) {
  return useQuery({
    queryKey: invitationKeys.list(orgId),
    queryFn: () => unwrap(api.GET('/api/orgs/{orgId}/invitations', { params: { path: { orgId } } })),
    enabled,
  });
}

export function useInvite(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateInvitationDto']) =>
      unwrap(api.POST('/api/orgs/{orgId}/invitations', { params: { path: { orgId } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
      return queryClient.invalidateQueries({ queryKey: invitationKeys.list(orgId) });
    },
  });
}

export function useRevokeInvitation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(
        api.DELETE('/api/orgs/{orgId}/invitations/{invitationId}', {
          params: { path: { orgId, invitationId } },
        }),
      ),
    onSuccess: (_, invitationId) => {
      queryClient.setQueryData<Invitation[]>(invitationKeys.list(orgId), (list) =>
        list?.filter((i) => i.id !== invitationId),
      );
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
      return queryClient.invalidateQueries({ queryKey: invitationKeys.list(orgId) });
    },
  });
}
