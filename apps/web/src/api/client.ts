import { type ApiClient, createApiClient } from '@gapline/api-client';
import { toApiError } from './errors';
import { sessionStore } from './session';

type Middleware = Parameters<ApiClient['use']>[0];

/** The one API client of the dashboard: same origin, cookies included (the refresh cookie lives on /api/auth). */
export const api: ApiClient = createApiClient({ baseUrl: '', credentials: 'include' });

let inFlightRefresh: Promise<boolean> | null = null;

/**
 * Exchange the refresh cookie for a new access token. Refresh tokens rotate and re-using an old one
 * revokes the whole session, so every caller shares one in-flight request.
 * Resolves true when a fresh access token is in memory.
 */
export function refreshSession(): Promise<boolean> {
  inFlightRefresh ??= (async () => {
    try {
      const { data, response } = await api.POST('/api/auth/refresh');
      if (data) {
        sessionStore.signIn(data);
        return true;
      }
      if (response.status === 401 || sessionStore.get().status === 'loading') sessionStore.signOut();
      return false;
    } catch {
      // Network trouble: keep a live session as it is, but do not leave the app stuck on "loading".
      if (sessionStore.get().status === 'loading') sessionStore.signOut();
      return false;
    } finally {
      inFlightRefresh = null;
    }
  })();
  return inFlightRefresh;
}

const AUTH_ROUTES = '/api/auth/';
const retryableRequests = new Map<string, Request>();

/** Adds the bearer token; on a 401 refreshes once (shared with concurrent requests) and retries. */
const authMiddleware: Middleware = {
  onRequest({ request, id, schemaPath }) {
    const token = sessionStore.accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (!schemaPath.startsWith(AUTH_ROUTES)) retryableRequests.set(id, request.clone());
    return request;
  },
  async onResponse({ request, response, id }) {
    const retry = retryableRequests.get(id);
    retryableRequests.delete(id);
    if (response.status !== 401 || !retry) return response;
    const current = sessionStore.accessToken();
    // Another request may already have refreshed while this one was in flight: then just retry.
    const alreadyRefreshed = current !== null && request.headers.get('Authorization') !== `Bearer ${current}`;
    if (!alreadyRefreshed && !(await refreshSession())) return response;
    const token = sessionStore.accessToken();
    if (!token) return response;
    retry.headers.set('Authorization', `Bearer ${token}`);
    return fetch(retry);
  },
  onError({ id }) {
    retryableRequests.delete(id);
  },
};

api.use(authMiddleware);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Await an API call and return its data, throwing an ApiError (with the server's message) on failure. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return data as T;
}
