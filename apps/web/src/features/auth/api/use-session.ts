import { useSyncExternalStore } from 'react';
import { type SessionState, sessionStore } from '../../../api/session';

/** The current session (loading while the refresh cookie is being tried on app load). */
export function useSession(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** Only call below <RequireAuth>: the signed-in user. */
export function useSignedInUser() {
  const session = useSession();
  if (session.status !== 'authenticated') throw new Error('useSignedInUser used outside a signed-in route');
  return session.user;
}
