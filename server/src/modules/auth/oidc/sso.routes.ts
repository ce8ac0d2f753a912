import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../../../config';
import type { Logger } from '../../../logger';
import { PUBLIC, type ApiRouter } from '../../../http/access';
import { AppError } from '../../../http/app-error';
import { publicBaseUrl } from '../../../http/public-url';
import type { AuditService } from '../../audit/audit.service';
import type { UserAccountEntity } from '../../accounts/user-account.entity';
import { loadPrincipal } from '../load-principal';
import { markSignedIn } from '../sign-in';
import { SsoAccounts } from './sso-accounts';
import { SsoService, type SsoIdentity } from './sso.service';

interface SsoRouteDeps {
  config: Readonly<Config>;
  dataSource: DataSource;
  audit: AuditService;
  logger: Logger;
}

export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';
/** The client's sign-in page, told the outcome in `?sso=failed|pending`. */
const SIGN_IN_PAGE = '/connexion';

/**
 * Single sign-on through OpenID Connect (ProConnect), off unless OIDC_ISSUER is set.
 * `GET /auth/sso/login?redirect=/path` sends the browser to the provider; the provider sends it
 * back to `/auth/sso/callback`, which signs in and goes on to `redirect`.
 */
export function ssoRoutes(api: ApiRouter, deps: SsoRouteDeps): void {
  const sso = deps.config.oidc ? new SsoService(deps.config.oidc) : null;
  const accounts = new SsoAccounts(deps.dataSource, deps.audit);
  const notConfigured = () => new AppError(404, 'SSO_NOT_CONFIGURED', 'Single sign-on is not configured on this server');

  api.get('/auth/sso/login', PUBLIC, async (req, res) => {
    if (!sso) throw notConfigured();
    let started: Awaited<ReturnType<SsoService['start']>>;
    try {
      started = await sso.start(callbackUrl(req, deps.config));
    } catch (error) {
      deps.logger.error({ err: error, issuer: deps.config.oidc?.issuer }, 'single sign-on: the provider cannot be reached');
      throw new AppError(502, 'SSO_FAILED', 'The single sign-on provider cannot be reached; try again later');
    }
    req.session.sso = { ...started.pending, redirect: safeRedirect(req.query.redirect) };
    res.redirect(302, started.url);
  });

  api.get('/auth/sso/callback', PUBLIC, async (req, res) => {
    if (!sso) throw notConfigured();
    const pending = req.session.sso;
    // Single use: a replayed callback finds nothing to complete.
    delete req.session.sso;
    const ip = req.ip ?? null;
    let identity: SsoIdentity | null = null;
    let user: UserAccountEntity | null = null;
    try {
      if (!pending) throw new SsoRefusal('no_sign_in_in_progress');
      const current = new URL(callbackUrl(req, deps.config));
      current.search = new URL(req.originalUrl, current).search;
      identity = await sso.finish(current, pending);
      const outcome = await accounts.resolve(identity, ip);
      user = outcome.user;
      if (outcome.kind === 'refused') throw new SsoRefusal(outcome.reason);
      if (outcome.kind === 'pending') {
        deps.logger.info({ userId: outcome.user.id, created: outcome.created }, 'single sign-on: account waits for a role');
        return res.redirect(302, `${SIGN_IN_PAGE}?sso=pending`);
      }
      await markSignedIn(deps.dataSource, deps.audit, outcome.user, ip, 'sso');
      const principal = await loadPrincipal(deps.dataSource, outcome.user.id, 'session');
      if (!principal) throw new SsoRefusal('account_disabled');
      // Passport gives the session a new id here: one fixed before the sign-in is worthless.
      await new Promise<void>((resolve, reject) => req.logIn(principal, (error) => (error ? reject(error) : resolve())));
      req.session.signedInAt = Date.now();
      res.redirect(302, pending.redirect);
    } catch (error) {
      await recordFailure(deps, req, error, identity, user);
      res.redirect(302, `${SIGN_IN_PAGE}?sso=failed`);
    }
  });
}

/** A sign-in turned down on Préau's side (not a protocol or provider error). */
class SsoRefusal extends Error {
  constructor(readonly reason: string) {
    super(`single sign-on refused: ${reason}`);
  }
}

async function recordFailure(deps: SsoRouteDeps, req: Request, error: unknown, identity: SsoIdentity | null, user: UserAccountEntity | null): Promise<void> {
  // openid-client errors carry the provider's OAuth `error` (access_denied…) or their own `code`.
  const e = error as { code?: unknown; error?: unknown } | null;
  const why = error instanceof SsoRefusal ? error.reason : String(e?.error ?? e?.code ?? 'error');
  deps.logger.warn({ err: error, subject: identity?.subject, userId: user?.id }, `single sign-on failed: ${why}`);
  // Without an account, a label no username can take (no colon allowed there): the failure throttles no one's password logins.
  const label = user?.username ?? `sso:${identity?.subject ?? 'unknown'}`;
  try {
    await deps.audit.record({ userId: user?.id ?? null, label, ip: req.ip ?? null }, { action: 'auth.login_failed', details: { reason: 'sso', error: why } });
  } catch (auditError) {
    deps.logger.error({ err: auditError }, 'single sign-on: the failure could not be audited');
  }
}

/** `${PUBLIC_URL}/api/v1/auth/sso/callback`, or on the address the request came to when PUBLIC_URL is unset. */
function callbackUrl(req: Request, config: Readonly<Config>): string {
  return `${publicBaseUrl(req, config)}${SSO_CALLBACK_PATH}`;
}

/** Only a path on this site: `/equipment?q=pc`, not `//evil.example` nor `/\evil.example`. */
export function safeRedirect(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000) return '/';
  return /^\/(?![/\\])/.test(raw) && !/[\\\s\p{Cc}]/u.test(raw) ? raw : '/';
}
