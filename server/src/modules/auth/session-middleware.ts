import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Config } from '../../config';
import type { DatabaseSessionStore } from './session-store';

export const SESSION_COOKIE = 'preau.sid';

declare module 'express-session' {
  interface SessionData {
    /** When the user signed in (ms): the session ends SESSION_MAX_HOURS later, used or not. */
    signedInAt?: number;
    /** Where to go after single sign-on, and the OpenID Connect state. */
    sso?: { state: string; nonce: string; codeVerifier: string; redirect: string };
  }
}

/**
 * Database-backed sessions: httpOnly, SameSite=Lax, Secure on HTTPS (as seen through
 * TRUST_PROXY), renewed on use up to the idle limit, created only when something is stored.
 */
// `proxy` is left unset: express-session then follows Express's `trust proxy` (`req.secure`).
export function sessionMiddleware(config: Readonly<Config>, store: DatabaseSessionStore, secret: string): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: config.session.idleMs, path: '/' },
  });
}

/** Ends a session older than the absolute limit, whatever its activity. */
export function enforceMaxSessionAge(maxAgeMs: number): RequestHandler {
  return (req, _res, next) => {
    const signedInAt = req.session?.signedInAt;
    if (req.user?.via !== 'session' || signedInAt === undefined || Date.now() - signedInAt < maxAgeMs) return next();
    req.user = undefined;
    req.session.destroy((err) => next(err));
  };
}
