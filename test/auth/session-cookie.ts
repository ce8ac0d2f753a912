import { createHmac } from 'node:crypto';
import type { Response } from 'supertest';
import { SESSION_COOKIE } from '../../server/src/modules/auth/session-middleware';

/** The `Set-Cookie` header of the session cookie in a response, if any. */
export function sessionSetCookie(res: Response): string | undefined {
  const headers = (res.headers['set-cookie'] ?? []) as string[];
  return headers.find((header) => header.startsWith(`${SESSION_COOKIE}=`));
}

/** The `name=value` part of the session `Set-Cookie`, ready for a `Cookie` header. */
export function sessionCookieOf(res: Response): string {
  const header = sessionSetCookie(res);
  if (!header) throw new Error(`no ${SESSION_COOKIE} cookie in the response (status ${res.status})`);
  return header.split(';')[0] as string;
}

/** The session id inside a signed cookie (`preau.sid=s%3A<sid>.<signature>`). */
export function sidOf(cookie: string): string {
  const value = decodeURIComponent(cookie.split(';')[0]?.split('=').slice(1).join('=') ?? '');
  const match = /^s:(.+)\.[^.]+$/.exec(value);
  if (!match?.[1]) throw new Error(`not a signed session cookie: ${cookie}`);
  return match[1];
}

/** A cookie for `sid` signed as express-session signs it: what an attacker who fixed a session would plant. */
export function signedSessionCookie(secret: string, sid: string): string {
  const signature = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

/** Cookie attributes by lower-case name (`httponly`, `samesite`…); flags map to `true`. */
export function cookieAttributes(setCookie: string): Map<string, string | true> {
  const attributes = new Map<string, string | true>();
  for (const part of setCookie.split(';').slice(1)) {
    const [name, ...value] = part.trim().split('=');
    if (name) attributes.set(name.toLowerCase(), value.length > 0 ? value.join('=') : true);
  }
  return attributes;
}
