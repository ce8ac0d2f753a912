import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../http/app-error';

export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token is an HMAC of the session id: nothing to store, and it changes when the session id does. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

/** Writes authenticated by the session cookie must carry the token; Bearer tokens are not sent by browsers on their own. */
export function requireCsrfToken(secret: string): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || req.user?.via !== 'session') return next();
    const sent = Buffer.from(req.get(CSRF_HEADER) ?? '');
    const expected = Buffer.from(csrfTokenFor(secret, req.sessionID));
    if (sent.length === expected.length && timingSafeEqual(sent, expected)) return next();
    next(new AppError(403, 'CSRF_TOKEN_INVALID', `Send the csrfToken of GET /api/v1/auth/session in the ${CSRF_HEADER} header`));
  };
}
