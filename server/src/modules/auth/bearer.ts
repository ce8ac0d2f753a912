import type { RequestHandler } from 'express';
import type { TokensService } from '../accounts/tokens.service';
import { unauthenticated } from '../../http/app-error';

/** `Authorization: Bearer <personal API token>` signs the request in as the token's owner. */
export function bearerAuthentication(tokens: TokensService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('Authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return next(unauthenticated());
    const principal = await tokens.authenticate(match[1]);
    if (!principal) return next(unauthenticated());
    req.user = principal;
    next();
  };
}
