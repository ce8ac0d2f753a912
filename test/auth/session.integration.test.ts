import { promisify } from 'node:util';
import request from 'supertest';
import type { Express } from 'express';
import { SessionInfo } from '@preau/shared';
import type { Services } from '../../server/src/app';
import { SessionEntity } from '../../server/src/modules/auth/session.entity';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { makeUser, signIn, TEST_PASSWORD } from '../support/auth';
import { makeOrganisations } from '../support/factories';
import { cookieAttributes, sessionCookieOf, sessionSetCookie, sidOf, signedSessionCookie } from './session-cookie';

const SECRET = 'session secret of the session tests, long enough';
const IDLE_MINUTES = 30;
const MAX_HOURS = 8;
const ENV = { SESSION_SECRET: SECRET, SESSION_IDLE_MINUTES: String(IDLE_MINUTES), SESSION_MAX_HOURS: String(MAX_HOURS) };

describeEachEngine('sign-in and sessions', (db) => {
  let app: Express;
  let services: Services;

  beforeAll(() => {
    ({ app, services } = testApp(db().dataSource, ENV));
  });

  const sessions = () => db().dataSource.getRepository(SessionEntity);
  const login = (username: string, password = TEST_PASSWORD) => request(app).post('/api/v1/auth/login').send({ username, password });
  const whoIs = async (cookie: string, on: Express = app) => (await request(on).get('/api/v1/auth/session').set('Cookie', cookie)).body as SessionInfo;
  const technician = async (fields: Parameters<typeof makeUser>[2] = {}) => {
    const org = await makeOrganisations(db().dataSource);
    return (await makeUser(db().dataSource, [{ role: 'city_technician', organisationId: org.commune.id }], fields)).user;
  };

  it('signs in by username or by e-mail address, whatever the case and spaces typed', async () => {
    const user = await technician({ email: `camille.${Date.now()}@ac-reunion.fr` });

    const byName = await login(`  ${user.username.toUpperCase()} `);
    expect(byName.status).toBe(200);
    const info = SessionInfo.parse(byName.body);
    expect(info.user).toMatchObject({ id: user.id, username: user.username, displayName: user.displayName });
    expect(info.user?.permissions).toEqual(['inventory:read', 'inventory:write', 'tickets:work', 'reports:read']);
    expect(info.csrfToken).toMatch(/^[\w-]{40,}$/);

    const byEmail = await login(user.email!.toUpperCase());
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.user.id).toBe(user.id);
  });

  it('refuses a wrong password or an unknown account alike, as problem+json, without a session', async () => {
    const user = await technician();
    const wrong = await login(user.username, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.type).toBe('application/problem+json');
    expect(wrong.body).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', detail: 'Wrong username, e-mail or password' });
    expect(sessionSetCookie(wrong)).toBeUndefined();

    const unknown = await login('nobody-by-that-name', 'not the password at all');
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('refuses a disabled account with 403, but only once the password is right', async () => {
    const user = await technician({ disabled: true });
    const right = await login(user.username);
    expect(right.status).toBe(403);
    expect(right.body.code).toBe('ACCOUNT_DISABLED');
    expect(sessionSetCookie(right)).toBeUndefined();

    const wrong = await login(user.username, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('says who is signed in: nobody before, the user with the login csrfToken after', async () => {
    const before = await request(app).get('/api/v1/auth/session');
    expect(before.status).toBe(200);
    expect(before.headers['cache-control']).toBe('no-store');
    expect(SessionInfo.parse(before.body)).toEqual({ user: null, csrfToken: '', sso: { enabled: false, label: '' } });
    expect(sessionSetCookie(before)).toBeUndefined();

    const user = await technician();
    const { agent, csrfToken } = await signIn(app, user.username);
    const after = SessionInfo.parse((await agent.get('/api/v1/auth/session')).body);
    expect(after.user?.id).toBe(user.id);
    expect(after.csrfToken).toBe(csrfToken);
  });

  it('sets an HttpOnly, SameSite=Lax cookie on / for the idle period, Secure only on HTTPS', async () => {
    const user = await technician();
    const res = await login(user.username);
    const header = sessionSetCookie(res);
    expect(header).toBeDefined();
    const attributes = cookieAttributes(header!);
    expect(attributes.get('httponly')).toBe(true);
    expect(attributes.get('samesite')).toBe('Lax');
    expect(attributes.get('path')).toBe('/');
    expect(attributes.has('secure')).toBe(false);
    const expires = Date.parse(String(attributes.get('expires')));
    expect(Math.abs(expires - (Date.now() + IDLE_MINUTES * 60_000))).toBeLessThan(60_000);

    // X-Forwarded-Proto is believed only from a trusted proxy.
    const spoofed = await login(user.username).set('X-Forwarded-Proto', 'https');
    expect(cookieAttributes(sessionSetCookie(spoofed)!).has('secure')).toBe(false);

    const behindProxy = testApp(db().dataSource, { ...ENV, TRUST_PROXY: '1' }).app;
    const https = await request(behindProxy)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(https.status).toBe(200);
    const secure = cookieAttributes(sessionSetCookie(https)!);
    expect(secure.get('secure')).toBe(true);
    expect(secure.get('httponly')).toBe(true);
  });

  describe('session fixation', () => {
    it('gives a new session id on sign-in over a previous session, and the old id is worth nothing', async () => {
      const first = await technician();
      const second = await technician();
      const before = await login(first.username);
      const oldCookie = sessionCookieOf(before);

      const relogin = await request(app)
        .post('/api/v1/auth/login')
        .set('Cookie', oldCookie)
        .set('X-CSRF-Token', before.body.csrfToken)
        .send({ username: second.username, password: TEST_PASSWORD });
      expect(relogin.status).toBe(200);
      const newCookie = sessionCookieOf(relogin);
      expect(sidOf(newCookie)).not.toBe(sidOf(oldCookie));
      expect(relogin.body.csrfToken).not.toBe(before.body.csrfToken);

      expect((await whoIs(newCookie)).user?.id).toBe(second.id);
      expect((await whoIs(oldCookie)).user).toBeNull();
      expect(await sessions().existsBy({ sid: sidOf(oldCookie) })).toBe(false);
    });

    it('does not sign in a session an attacker planted before the victim signed in', async () => {
      // An anonymous session that exists in the store (single sign-on leaves such sessions),
      // with a validly signed cookie the attacker got the victim's browser to carry.
      const plantedSid = `planted-${Date.now()}`;
      await promisify(services.sessions.set.bind(services.sessions))(plantedSid, {
        cookie: { originalMaxAge: IDLE_MINUTES * 60_000, expires: new Date(Date.now() + IDLE_MINUTES * 60_000), httpOnly: true, path: '/' },
      } as never);
      const planted = signedSessionCookie(SECRET, plantedSid);
      expect((await request(app).get('/api/v1/auth/session').set('Cookie', planted)).status).toBe(200);

      const victim = await technician();
      const res = await login(victim.username).set('Cookie', planted);
      expect(res.status).toBe(200);
      const issued = sessionCookieOf(res);
      expect(sidOf(issued)).not.toBe(plantedSid);
      expect((await whoIs(planted)).user).toBeNull();
      expect((await whoIs(issued)).user?.id).toBe(victim.id);
    });

    it('ignores a forged cookie naming a session that does not exist', async () => {
      const forged = signedSessionCookie(SECRET, 'forged-session-id');
      const victim = await technician();
      const res = await login(victim.username).set('Cookie', forged);
      expect(res.status).toBe(200);
      expect(sidOf(sessionCookieOf(res))).not.toBe('forged-session-id');
      expect((await whoIs(forged)).user).toBeNull();
    });
  });

  it('signs out with 204: the cookie is cleared and no longer authenticates', async () => {
    const user = await technician();
    const res = await login(user.username);
    const cookie = sessionCookieOf(res);

    const out = await request(app).post('/api/v1/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken);
    expect(out.status).toBe(204);
    const cleared = cookieAttributes(sessionSetCookie(out)!);
    expect(Date.parse(String(cleared.get('expires')))).toBeLessThan(Date.now());

    expect((await whoIs(cookie)).user).toBeNull();
    const protectedRoute = await request(app).get('/api/v1/me/tokens').set('Cookie', cookie);
    expect(protectedRoute.status).toBe(401);
    expect(await sessions().existsBy({ userId: user.id })).toBe(false);

    expect((await request(app).post('/api/v1/auth/logout')).status).toBe(401);
  });

  it('answers 401 UNAUTHENTICATED with a Bearer challenge on protected routes without session or token', async () => {
    const org = await makeOrganisations(db().dataSource);
    for (const path of ['/api/v1/me/tokens', '/api/v1/users', '/api/v1/audit', `/api/v1/schools?communeId=${org.commune.id}`]) {
      const res = await request(app).get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
      expect(res.type).toBe('application/problem+json');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="preau"');
    }
  });

  describe('expiry', () => {
    it('ends a session left unused past the idle limit', async () => {
      const user = await technician();
      const cookie = sessionCookieOf(await login(user.username));
      expect((await whoIs(cookie)).user?.id).toBe(user.id);

      await sessions().update({ sid: sidOf(cookie) }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await whoIs(cookie)).user).toBeNull();
      expect((await request(app).get('/api/v1/me/tokens').set('Cookie', cookie)).status).toBe(401);
    });

    it('pushes the idle limit back on every use', async () => {
      const user = await technician();
      const cookie = sessionCookieOf(await login(user.username));
      const sid = sidOf(cookie);
      await sessions().update({ sid }, { expiresAt: new Date(Date.now() + 60_000) });

      const used = await request(app).get('/api/v1/me/tokens').set('Cookie', cookie);
      expect(used.status).toBe(200);
      const row = await sessions().findOneByOrFail({ sid });
      expect(Math.abs(row.expiresAt.getTime() - (Date.now() + IDLE_MINUTES * 60_000))).toBeLessThan(60_000);
      const renewed = cookieAttributes(sessionSetCookie(used)!);
      expect(Date.parse(String(renewed.get('expires')))).toBeGreaterThan(Date.now() + (IDLE_MINUTES - 1) * 60_000);
    });

    it('ends a session at the absolute limit after sign-in, however active', async () => {
      const user = await technician();
      const cookie = sessionCookieOf(await login(user.username));
      const sid = sidOf(cookie);
      const row = await sessions().findOneByOrFail({ sid });
      const data = JSON.parse(row.data) as { signedInAt?: number };
      expect(data.signedInAt).toBeGreaterThan(Date.now() - 60_000);

      // Active until now (the row is far from idle expiry), but signed in just past the limit.
      const limit = MAX_HOURS * 3_600_000;
      await sessions().update({ sid }, { data: JSON.stringify({ ...data, signedInAt: Date.now() - limit + 60_000 }) });
      expect((await whoIs(cookie)).user?.id).toBe(user.id);
      await sessions().update({ sid }, { data: JSON.stringify({ ...data, signedInAt: Date.now() - limit - 1000 }) });

      const res = await request(app).get('/api/v1/me/tokens').set('Cookie', cookie);
      expect(res.status).toBe(401);
      expect((await whoIs(cookie)).user).toBeNull();
      expect(await sessions().existsBy({ sid })).toBe(false);
    });
  });

  it('keeps sessions across a restart with the same secret, and only with it', async () => {
    const user = await technician();
    const res = await login(user.username);
    const cookie = sessionCookieOf(res);

    const restarted = testApp(db().dataSource, ENV).app;
    expect((await whoIs(cookie, restarted)).user?.id).toBe(user.id);
    const write = await request(restarted)
      .post('/api/v1/me/tokens')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', res.body.csrfToken)
      .send({ name: 'after restart' });
    expect(write.status).toBe(201);

    const otherSecret = testApp(db().dataSource, { ...ENV, SESSION_SECRET: 'another secret, also long enough to be valid' }).app;
    expect((await whoIs(cookie, otherSecret)).user).toBeNull();
  });
});
