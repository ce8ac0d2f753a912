import { DEMO_PASSWORD, type Membership } from '@preau/shared';

export interface ApiSession {
  /** `name=value` pairs for a Cookie header, and for a browser context's cookies. */
  cookies: { name: string; value: string }[];
  csrfToken: string;
}

/** Signs in through the API as a browser would: the session cookie and the CSRF token of the new session. */
export async function signIn(baseUrl: string, username: string, password: string = DEMO_PASSWORD): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((header) => {
    const [pair = ''] = header.split(';');
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookies, csrfToken };
}

/** A call to `/api/v1<pathAndQuery>` in `session`, with the CSRF token on writes and a JSON body. */
export async function apiRequest<T>(baseUrl: string, session: ApiSession, pathAndQuery: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Cookie', session.cookies.map(({ name, value }) => `${name}=${value}`).join('; '));
  if (init.method && init.method !== 'GET') headers.set('X-CSRF-Token', session.csrfToken);
  if (init.body) headers.set('Content-Type', 'application/json');
  const response = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, { ...init, headers });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${pathAndQuery}: ${response.status} ${await response.text()}`);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The commune the demo's city manager ("responsable") manages, as their session tells it. */
export async function managedCommuneId(baseUrl: string, manager: ApiSession): Promise<number> {
  const session = await apiRequest<{ user: { memberships: Membership[] } }>(baseUrl, manager, '/auth/session');
  const managed = session.user.memberships.find((membership) => membership.role === 'city_manager')?.organisationId;
  if (!managed) throw new Error('the session manages no commune');
  return managed;
}
