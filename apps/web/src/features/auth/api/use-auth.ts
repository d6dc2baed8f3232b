import type { Schemas } from '@gapline/api-client';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { sessionStore } from '../../../api/session';

type LoginBody = Schemas['LoginDto'];

/**
 * Forget the previous user's data. Only queries: clearing the mutation cache as well would drop the
 * caller's own onSuccess callbacks (and with them its navigation).
 */
function forgetUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ queryKey: ['me'] });
  queryClient.removeQueries({ queryKey: ['orgs'] });
}
type RegisterBody = Schemas['RegisterDto'];

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: (session) => {
      forgetUserData(queryClient);
      sessionStore.signIn(session);
    },
  });
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterBody) => unwrap(api.POST('/api/auth/register', { body })),
    onSuccess: (session) => {
      forgetUserData(queryClient);
      sessionStore.signIn(session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // Signing out locally must work even when the server cannot be reached.
      await api.POST('/api/auth/logout').catch(() => undefined);
    },
    onSettled: () => {
      sessionStore.signOut();
      forgetUserData(queryClient);
    },
  });
}
