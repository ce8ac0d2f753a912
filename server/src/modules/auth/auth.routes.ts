import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { LoginRequest, type DemoAccount, type SessionInfo } from '@preau/shared';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import { PUBLIC, SIGNED_IN, type ApiRouter } from '../../http/access';
import { parse } from '../../http/validate';
import { UserAccountEntity } from '../accounts/user-account.entity';
import { membershipsOf } from '../accounts/memberships-view';
import { csrfTokenFor } from './csrf';
import { permissionsOf } from './principal';
import type { createPassport } from './passport';
import { SESSION_COOKIE } from './session-middleware';

interface AuthRouteDeps {
  config: Readonly<Config>;
  dataSource: DataSource;
  passport: ReturnType<typeof createPassport>;
  secret: string;
}

export async function sessionInfo(req: Request, deps: Pick<AuthRouteDeps, 'config' | 'secret' | 'dataSource'>): Promise<SessionInfo> {
  const principal = req.user?.via === 'session' ? req.user : null;
  const named = principal && (await membershipsOf(deps.dataSource.manager, [principal.userId])).get(principal.userId);
  return {
    user: principal && {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      email: principal.email,
      memberships: named ?? principal.memberships,
      permissions: permissionsOf(principal),
    },
    csrfToken: principal ? csrfTokenFor(deps.secret, req.sessionID) : '',
    sso: { enabled: deps.config.oidc !== null, label: deps.config.oidc?.label ?? '' },
  };
}

export function authRoutes(api: ApiRouter, deps: AuthRouteDeps): void {
  api.get('/auth/session', PUBLIC, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await sessionInfo(req, deps));
  });

  api.post('/auth/login', PUBLIC, (req, res, next) => {
    parse(LoginRequest, req.body);
    deps.passport.authenticate('local', (err: unknown, principal: Express.User | false) => {
      if (err) return next(err);
      if (!principal) return next(new AppError(401, 'INVALID_CREDENTIALS', 'Wrong username, e-mail or password'));
      // Passport renews the session id here: a session fixed before sign-in is worthless.
      req.logIn(principal, (loginError) => {
        if (loginError) return next(loginError);
        req.session.signedInAt = Date.now();
        sessionInfo(req, deps).then((info) => res.json(info), next);
      });
    })(req, res, next);
  });

  api.post('/auth/logout', SIGNED_IN, (req, res, next) => {
    req.logout((logoutError) => {
      if (logoutError) return next(logoutError);
      req.session.destroy((destroyError) => {
        if (destroyError) return next(destroyError);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.status(204).end();
      });
    });
  });

  api.get('/auth/demo-accounts', PUBLIC, async (_req, res) => res.json(await demoAccounts(deps.dataSource)));
}

/** The demo accounts, listed on the login page; none unless the demo data was loaded. */
async function demoAccounts(dataSource: DataSource): Promise<DemoAccount[]> {
  const users = await dataSource.getRepository(UserAccountEntity).find({ where: { demo: true, disabled: false }, order: { id: 'ASC' } });
  const memberships = await membershipsOf(dataSource.manager, users.map((u) => u.id));
  return users.flatMap((user) => {
    const first = memberships.get(user.id)?.[0];
    return first ? [{ username: user.username, role: first.role, displayName: user.displayName, organisationName: first.organisationName }] : [];
  });
}
