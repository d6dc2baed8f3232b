// The API as a test calls it: signed in as one user with a bearer token, to compare what the
// dashboard shows with what the API says, and to arrange what a journey starts from.

export async function apiAs(baseUrl, email, password) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} through the API: ${res.status} ${await res.text()}`);
  const { accessToken } = await res.json();

  async function call(method, url, body) {
    const response = await fetch(`${baseUrl}/api${url}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  /** A call that must succeed; its body. */
  async function ok(method, url, body) {
    const { status, body: json } = await call(method, url, body);
    if (status >= 300) throw new Error(`${method} ${url}: ${status} ${JSON.stringify(json)}`);
    return json;
  }
  return {
    call,
    get: (url) => ok('GET', url),
    post: (url, body) => ok('POST', url, body),
    patch: (url, body) => ok('PATCH', url, body),
  };
}
