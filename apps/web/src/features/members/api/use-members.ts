import type { Schemas } from '@gapline/api-client';
import type { Role } from '@gapline/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { meQueryKey } from '../../orgs/api/use-me';

export type Member = Schemas['MemberDto'];

export const memberKeys = {
  list: (orgId: string) => ['orgs', orgId, 'members'] as const,
};

export function useMembers(orgId: string) {
  return useQuery({
    queryKey: memberKeys.list(orgId),
    queryFn: () => unwrap(api.GET('/api/orgs/{orgId}/members', { params: { path: { orgId } } })),
  });
}

export function useChangeRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(
        api.PATCH('/api/orgs/{orgId}/members/{userId}', {
          params: { path: { orgId, userId } },
          body: { role },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData<Member[]>(memberKeys.list(orgId), (members) =>
        members?.map((m) => (m.userId === updated.userId ? updated : m)),
      );
      // The change is audited, and the user's own role (in /api/me) may have changed.
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.DELETE('/api/orgs/{orgId}/members/{userId}', { params: { path: { orgId, userId } } })),
    onSuccess: (_, userId) => {
      queryClient.setQueryData<Member[]>(memberKeys.list(orgId), (members) =>
        members?.filter((m) => m.userId !== userId),
      );
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
      return queryClient.invalidateQueries({ queryKey: memberKeys.list(orgId) });
    },
  });
}
