import type { Schemas } from '@gapline/api-client';

export type SessionUser = Schemas['UserDto'];

/**
 * The signed-in user and their access token, kept in memory only (never in storage): a reload
 * restores the session from the httpOnly refresh cookie instead.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; user: SessionUser; accessToken: string };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

export const sessionStore = {
  get: (): SessionState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(next: SessionState): void {
    state = next;
    for (const l of listeners) l();
  },
  accessToken(): string | null {
    return state.status === 'authenticated' ? state.accessToken : null;
  },
  signIn(session: Schemas['SessionDto']): void {
    sessionStore.set({ status: 'authenticated', user: session.user, accessToken: session.accessToken });
  },
  signOut(): void {
    sessionStore.set({ status: 'anonymous' });
  },
};
