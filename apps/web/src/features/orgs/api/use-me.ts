import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const meQueryKey = ['me'] as const;

/** The signed-in user and their memberships (organisation, role, permissions). */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: () => unwrap(api.GET('/api/me')),
    staleTime: 60_000,
  });
}
