import type { Session, TestApp } from './app.js';

/** Requests as one signed-in user. */
export function as(t: TestApp, s: Session) {
  const auth = { type: 'bearer' as const };
  return {
    get: (p: string) => t.http.get(p).auth(s.token, auth),
    post: (p: string, body: object = {}) => t.http.post(p).auth(s.token, auth).send(body),
    patch: (p: string, body: object = {}) => t.http.patch(p).auth(s.token, auth).send(body),
    put: (p: string, body: object = {}) => t.http.put(p).auth(s.token, auth).send(body),
    delete: (p: string) => t.http.delete(p).auth(s.token, auth),
  };
}
