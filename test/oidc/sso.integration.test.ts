import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import type { SessionInfo } from '@preau/shared';
import { AuditEntryEntity } from '../../server/src/modules/audit/audit-entry.entity';
import { MembershipEntity } from '../../server/src/modules/accounts/membership.entity';
import { UserAccountEntity } from '../../server/src/modules/accounts/user-account.entity';
import { testApp } from '../support/app';
import { describeEachEngine } from '../support/databases';
import { makeOrganisations, makeSchool } from '../support/factories';
import { startNodeProcess, type StartedProcess } from '../support/processes';
import { Browser, signInThroughProvider } from './browser';

const PROVIDER_SCRIPT = path.join(__dirname, 'provider.mjs');
const CLIENT_SECRET = 'a-client-secret-shared-with-the-provider';

/** Agents as ProConnect describes them, by `sub`. */
const AGENTS = {
  'pc-claire': { email: 'Claire.Martin@ac-reunion.fr', given_name: 'Claire', usual_name: 'Martin', uid: 'cmartin', siret: '19974000300017' },
  'pc-jean-pierre': {
    email: 'jean-pierre.durand@ac-reunion.fr',
    given_name: 'Jean-Pierre',
    usual_name: 'Durand',
    uid: 'jpdurand',
    siret: '21974411200019',
  },
  'pc-former': { email: 'ancien.agent@ac-reunion.fr', given_name: 'Paul', usual_name: 'Ancien', uid: 'pancien', siret: '19974000300017' },
  'pc-nadia': { email: 'nadia.hoarau@ac-reunion.fr', given_name: 'Nadia', usual_name: 'Hoarau', uid: 'nhoarau', siret: '21974411200019' },
};

async function listen(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describeEachEngine('single sign-on through a real OpenID provider', (db) => {
  let provider: StartedProcess<{ issuer: string }>;
  // ProConnect-like: signed JWT userinfo, PUBLIC_URL set.
  let main: { server: http.Server; url: string };
  // Generic provider: JSON userinfo, callback URL taken from the request.
  let plain: { server: http.Server; url: string };

  const users = () => db().dataSource.getRepository(UserAccountEntity);
  const audits = async (action: string) => {
    const rows = await db().dataSource.getRepository(AuditEntryEntity).find({ where: { action }, order: { id: 'ASC' } });
    return rows.map((row) => ({ ...row, details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null }));
  };
  const sessionOf = (browser: Browser, appUrl: string) => browser.json<SessionInfo>(`${appUrl}/api/v1/auth/session`);

  async function makeUser(fields: Partial<UserAccountEntity> & { username: string }, withRole: boolean): Promise<UserAccountEntity> {
    const user = await users().save({
      email: null,
      displayName: fields.username,
      passwordHash: null,
      disabled: false,
      demo: false,
      ssoSubject: null,
      lastLoginAt: null,
      ...fields,
    });
    if (withRole) await grantRole(user.id);
    return user;
  }

  async function grantRole(userId: number): Promise<void> {
    const school = await makeSchool(db().dataSource, await makeOrganisations(db().dataSource));
    await db().dataSource.getRepository(MembershipEntity).insert({ userId, role: 'teacher', organisationKind: 'school', organisationId: school.id });
  }

  beforeAll(async () => {
    main = await listen();
    plain = await listen();
    const callback = (url: string) => `${url}/api/v1/auth/sso/callback`;
    provider = await startNodeProcess<{ issuer: string }>(PROVIDER_SCRIPT, [
      JSON.stringify({
        clients: [
          { client_id: 'preau', client_secret: CLIENT_SECRET, redirect_uris: [callback(main.url)], userinfo_signed_response_alg: 'RS256' },
          { client_id: 'preau-plain', client_secret: CLIENT_SECRET, redirect_uris: [callback(plain.url)] },
        ],
        accounts: AGENTS,
      }),
    ]);
    const sso = { OIDC_ISSUER: provider.info.issuer, OIDC_CLIENT_SECRET: CLIENT_SECRET };
    main.server.on('request', testApp(db().dataSource, { ...sso, OIDC_CLIENT_ID: 'preau', PUBLIC_URL: main.url }).app);
    plain.server.on('request', testApp(db().dataSource, { ...sso, OIDC_CLIENT_ID: 'preau-plain' }).app);
  });

  afterAll(async () => {
    await Promise.all([main && close(main.server), plain && close(plain.server), provider?.stop()]);
  });

  it('links an existing account by e-mail on the first sign-in, then signs in by subject', async () => {
    const claire = await makeUser({ username: 'claire', email: 'claire.martin@ac-reunion.fr', displayName: 'Claire Martin' }, true);
    const browser = new Browser();

    const journey = await signInThroughProvider(browser, main.url, 'pc-claire', { redirect: '/inventaire?salle=3' });

    expect(journey.landedOn).toBe('/inventaire?salle=3');
    const asked = journey.authorization?.searchParams;
    expect(asked?.get('redirect_uri')).toBe(`${main.url}/api/v1/auth/sso/callback`);
    expect(asked?.get('scope')).toBe('openid email given_name usual_name uid siret');
    expect(asked?.get('code_challenge_method')).toBe('S256');
    expect(asked?.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked?.get('state')).toMatch(/^[\w-]{32,}$/);
    expect(asked?.get('nonce')).toMatch(/^[\w-]{32,}$/);
    const session = await sessionOf(browser, main.url);
    expect(session.user).toMatchObject({ id: claire.id, username: 'claire', email: 'claire.martin@ac-reunion.fr' });
    expect(session.user?.memberships).toHaveLength(1);
    expect(session.sso).toEqual({ enabled: true, label: 'ProConnect' });
    const linked = await users().findOneByOrFail({ id: claire.id });
    expect(linked.ssoSubject).toBe('pc-claire');
    expect(linked.lastLoginAt).not.toBeNull();
    const succeeded = (await audits('auth.login_succeeded')).filter((a) => a.targetId === claire.id);
    expect(succeeded.map((a) => a.details)).toEqual([{ method: 'sso' }]);
    expect((await audits('user.sso_linked')).find((a) => a.targetId === claire.id)?.details).toEqual({ siret: '19974000300017', uid: 'cmartin' });

    // Her e-mail changes in Préau: the subject still finds her account.
    await users().update({ id: claire.id }, { email: 'c.martin@ac-reunion.fr' });
    const again = await signInThroughProvider(new Browser(), main.url, 'pc-claire');
    expect(again.landedOn).toBe('/');
  });

  it('creates an account that waits for a role, and signs it in once an administrator grants one', async () => {
    // The e-mail's local part is taken: the new account gets the next free username.
    await makeUser({ username: 'jean-pierre.durand', email: 'jp.durand@mairie-saint-pierre.re' }, true);
    const browser = new Browser();

    const first = await signInThroughProvider(browser, main.url, 'pc-jean-pierre', { redirect: '/tickets' });

    expect(first.landedOn).toBe('/connexion?sso=pending');
    expect((await sessionOf(browser, main.url)).user).toBeNull();
    const created = await users().findOneByOrFail({ ssoSubject: 'pc-jean-pierre' });
    expect(created).toMatchObject({
      username: 'jean-pierre.durand2',
      email: 'jean-pierre.durand@ac-reunion.fr',
      displayName: 'Jean-Pierre Durand',
      passwordHash: null,
      disabled: false,
      lastLoginAt: null,
    });
    expect(await db().dataSource.getRepository(MembershipEntity).countBy({ userId: created.id })).toBe(0);
    const createdEntries = (await audits('user.created_by_sso')).filter((a) => a.targetId === created.id);
    expect(createdEntries.map((a) => a.details)).toEqual([{ siret: '21974411200019', uid: 'jpdurand' }]);

    // Still no role: still waiting (the provider remembers the agent, no second password).
    expect((await signInThroughProvider(browser, main.url, 'pc-jean-pierre')).landedOn).toBe('/connexion?sso=pending');
    expect(await users().countBy({ email: 'jean-pierre.durand@ac-reunion.fr' })).toBe(1);

    await grantRole(created.id);
    const granted = await signInThroughProvider(browser, main.url, 'pc-jean-pierre', { redirect: '/tickets' });

    expect(granted.landedOn).toBe('/tickets');
    const session = await sessionOf(browser, main.url);
    expect(session.user).toMatchObject({ id: created.id, username: 'jean-pierre.durand2', displayName: 'Jean-Pierre Durand' });
    expect(session.user?.permissions).toContain('inventory:read');
  });

  it('refuses a callback whose state was tampered with, or that carries the provider’s error', async () => {
    const forged = new Browser();
    const tampered = await signInThroughProvider(forged, main.url, 'pc-claire', {
      tamper: (url) => {
        url.searchParams.set('state', 'forged-state-forged-state-forged-state');
        return url;
      },
    });
    expect(tampered.landedOn).toBe('/connexion?sso=failed');
    expect((await sessionOf(forged, main.url)).user).toBeNull();

    const denied = new Browser();
    const refused = await signInThroughProvider(denied, main.url, 'pc-claire', {
      tamper: (url) => {
        url.searchParams.delete('code');
        url.searchParams.set('error', 'access_denied');
        return url;
      },
    });
    expect(refused.landedOn).toBe('/connexion?sso=failed');
    expect((await sessionOf(denied, main.url)).user).toBeNull();

    const failures = (await audits('auth.login_failed')).slice(-2);
    expect(failures.map((a) => [a.actorLabel, a.details?.reason])).toEqual([
      ['sso:unknown', 'sso'],
      ['sso:unknown', 'sso'],
    ]);
    expect(failures.map((a) => a.details?.error)).toEqual(['OAUTH_INVALID_RESPONSE', 'access_denied']);
  });

  it('refuses a disabled account without linking it', async () => {
    const former = await makeUser({ username: 'ancien', email: 'ancien.agent@ac-reunion.fr', disabled: true }, true);
    const browser = new Browser();

    const journey = await signInThroughProvider(browser, main.url, 'pc-former');

    expect(journey.landedOn).toBe('/connexion?sso=failed');
    expect((await sessionOf(browser, main.url)).user).toBeNull();
    expect((await users().findOneByOrFail({ id: former.id })).ssoSubject).toBeNull();
    const failure = (await audits('auth.login_failed')).at(-1);
    expect(failure).toMatchObject({ actorUserId: former.id, actorLabel: 'ancien', details: { reason: 'sso', error: 'account_disabled' } });
  });

  it('reads JSON userinfo, builds the callback from the request, and only goes back to a path on this site', async () => {
    const nadia = await makeUser({ username: 'nadia', email: 'nadia.hoarau@ac-reunion.fr' }, true);
    const browser = new Browser();

    const journey = await signInThroughProvider(browser, plain.url, 'pc-nadia', { redirect: '//evil.example/phishing' });

    expect(journey.authorization?.searchParams.get('redirect_uri')).toBe(`${plain.url}/api/v1/auth/sso/callback`);
    expect(journey.landedOn).toBe('/');
    expect((await sessionOf(browser, plain.url)).user).toMatchObject({ id: nadia.id, username: 'nadia' });

    // The callback is single use.
    const replayed = await browser.get(String(journey.callback));
    expect(replayed.status).toBe(302);
    expect(replayed.headers.get('location')).toBe('/connexion?sso=failed');
    expect((await audits('auth.login_failed')).at(-1)?.details).toEqual({ reason: 'sso', error: 'no_sign_in_in_progress' });
  });

  it('answers SSO_NOT_CONFIGURED when single sign-on is off', async () => {
    const { app } = testApp(db().dataSource);

    for (const route of ['/api/v1/auth/sso/login', '/api/v1/auth/sso/callback?code=x&state=y']) {
      const res = await request(app).get(route);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('SSO_NOT_CONFIGURED');
    }
    const session = await request(app).get('/api/v1/auth/session');
    expect(session.body.sso).toEqual({ enabled: false, label: '' });
  });

  it('answers SSO_FAILED, without details, when the provider cannot be reached', async () => {
    const gone = await listen();
    await close(gone.server);
    const { app } = testApp(db().dataSource, { OIDC_ISSUER: gone.url, OIDC_CLIENT_ID: 'preau' });

    const res = await request(app).get('/api/v1/auth/sso/login');

    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'SSO_FAILED', detail: 'The single sign-on provider cannot be reached; try again later' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
