import type { Schemas } from '@gapline/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { sessionStore } from '../../../api/session';

type LoginBody = Schemas['LoginDto'];
type RegisterBody = Schemas['RegisterDto'];

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: (session) => {
      queryClient.clear();
      sessionStore.signIn(session);
    },
  });
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterBody) => unwrap(api.POST('/api/auth/register', { body })),
    onSuccess: (session) => {
      queryClient.clear();
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
      queryClient.clear();
    },
  });
}
