/**
 * Just enough of a browser for an OpenID Connect sign-in over real HTTP: cookies kept per host
 * (as browsers do, whatever the port), redirects followed one by one, the provider's sign-in and
 * consent forms filled in.
 */
export class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    return this.send(url, 'GET');
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, 'POST', new URLSearchParams(form));
  }

  async json<T>(url: string): Promise<T> {
    const response = await this.get(url);
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Whether a cookie of that name is held for the host. */
  has(host: string, name: string): boolean {
    return this.cookies.get(host)?.has(name) ?? false;
  }

  private async send(url: string, method: 'GET' | 'POST', form?: URLSearchParams): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies.get(target.hostname) ?? new Map<string, string>();
    this.cookies.set(target.hostname, jar);
    const headers: Record<string, string> = {};
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, { method, headers, body: form?.toString(), redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const expired = attributes.some((a) => /^max-age=(0|-)/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()));
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  }
}

export interface SsoJourney {
  /** Where Préau finally sent the browser (a client page: `/connexion?sso=pending`, the redirect…). */
  landedOn: string;
  /** The callback URL as the provider sent it, before any tampering. */
  callback: URL | null;
  /** The provider's authorization request, as Préau built it. */
  authorization: URL | null;
}

/**
 * Clicks "Sign in with ProConnect" on Préau at `appUrl`, signs in at the provider as `login`
 * (unless the provider still has a session), and follows the redirects back to a Préau page.
 * `tamper` may rewrite the callback URL before the browser follows it.
 */
export async function signInThroughProvider(
  browser: Browser,
  appUrl: string,
  login: string,
  options: { redirect?: string; tamper?: (callback: URL) => URL } = {},
): Promise<SsoJourney> {
  const app = new URL(appUrl);
  const journey: SsoJourney = { landedOn: '', callback: null, authorization: null };
  const start = `${app.origin}/api/v1/auth/sso/login${options.redirect ? `?redirect=${encodeURIComponent(options.redirect)}` : ''}`;
  let response = await browser.get(start);
  for (let step = 0; step < 20; step++) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      let next = new URL(location, response.url);
      if (next.origin === app.origin && !next.pathname.startsWith('/api/')) {
        journey.landedOn = next.pathname + next.search;
        return journey;
      }
      if (next.origin !== app.origin && !journey.authorization) journey.authorization = next;
      if (next.origin === app.origin && next.pathname === '/api/v1/auth/sso/callback') {
        journey.callback = new URL(next);
        if (options.tamper) next = options.tamper(next);
      }
      response = await browser.get(next.href);
      continue;
    }
    const page = await response.text();
    const form = /<form[^>]*action="([^"]+)"[\s\S]*?name="prompt" value="(login|consent)"/.exec(page);
    if (response.status !== 200 || !form?.[1]) throw new Error(`Unexpected ${response.status} from ${response.url}:\n${page.slice(0, 1000)}`);
    const action = new URL(form[1].replace(/&amp;/g, '&'), response.url).href;
    response = await browser.post(action, form[2] === 'login' ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' });
  }
  throw new Error('Too many redirects during single sign-on');
}
