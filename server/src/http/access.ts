import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Permission } from '@preau/shared';
import { forbidden, unauthenticated } from './app-error';
import { hasPermission, type Principal } from '../modules/auth/principal';

/**
 * Who may call a route. The one rule table of the API: every route is declared with its rule
 * through `ApiRouter`, which enforces it and lists it (README, authorisation matrix test).
 * - `public`: anyone, signed in or not;
 * - `signed_in`: any account; what it sees is still limited to its organisations;
 * - `permission` + `anywhere`: the permission in at least one organisation (lists are scoped);
 * - `permission` + `record`: decided on the record, by the service: outside the reader's scope
 *   it is 404 (its existence is not revealed), inside without the permission 403.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed_in' }
  | { kind: 'permission'; permission: Permission; where: 'anywhere' | 'record' };

export const PUBLIC: AccessRule = { kind: 'public' };
export const SIGNED_IN: AccessRule = { kind: 'signed_in' };
export const can = (permission: Permission, where: 'anywhere' | 'record' = 'record'): AccessRule => ({
  kind: 'permission',
  permission,
  where,
});

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface RouteEntry {
  method: HttpMethod;
  /** Path under `/api/v1`, in Express syntax (`/equipment/:id`). */
  path: string;
  rule: AccessRule;
}

export function describeRule(rule: AccessRule): string {
  switch (rule.kind) {
    case 'public':
      return 'anyone';
    case 'signed_in':
      return 'signed in (own scope)';
    case 'permission':
      return rule.where === 'anywhere' ? `\`${rule.permission}\` (own scope)` : `\`${rule.permission}\` on the record's organisation`;
  }
}

/** The principal of a request that passed its rule; throws 401 if the route forgot to require one. */
export function principalOf(req: Request): Principal {
  if (!req.user) throw unauthenticated();
  return req.user;
}

function enforce(rule: AccessRule): RequestHandler {
  return (req, _res, next) => {
    if (rule.kind === 'public') return next();
    if (!req.user) return next(unauthenticated());
    if (rule.kind === 'permission' && rule.where === 'anywhere' && !hasPermission(req.user, rule.permission)) {
      return next(forbidden(`This needs the ${rule.permission} permission`));
    }
    next();
  };
}

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

/** An Express router whose every route carries an access rule, recorded in `table`. */
export class ApiRouter {
  readonly router = Router();
  readonly table: RouteEntry[] = [];

  get(path: string, rule: AccessRule, ...handlers: Handler[]): this {
    return this.add('get', path, rule, handlers);
  }
  post(path: string, rule: AccessRule, ...handlers: Handler[]): this {
    return this.add('post', path, rule, handlers);
  }
  patch(path: string, rule: AccessRule, ...handlers: Handler[]): this {
    return this.add('patch', path, rule, handlers);
  }
  put(path: string, rule: AccessRule, ...handlers: Handler[]): this {
    return this.add('put', path, rule, handlers);
  }
  delete(path: string, rule: AccessRule, ...handlers: Handler[]): this {
    return this.add('delete', path, rule, handlers);
  }

  private add(method: HttpMethod, path: string, rule: AccessRule, handlers: Handler[]): this {
    this.table.push({ method, path, rule });
    this.router[method](path, enforce(rule), ...(handlers as RequestHandler[]));
    return this;
  }
}
