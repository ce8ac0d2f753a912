import request from 'supertest';
import type { Express } from 'express';
import { IsNull } from 'typeorm';
import type { Services } from '../../server/src/app';
import { ApiTokenEntity } from '../../server/src/modules/accounts/api-token.entity';
import { UserAccountEntity } from '../../server/src/modules/accounts/user-account.entity';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { makeUser, signIn, tokenFor, type Agent } from '../support/auth';

describeEachEngine('CSRF protection of session writes', (db) => {
  let app: Express;
  let services: Services;
  let admin: { agent: Agent; csrfToken: string; userId: number };
  let target: UserAccountEntity;

  beforeAll(async () => {
    ({ app, services } = testApp(db().dataSource));
    const { user } = await makeUser(db().dataSource, [{ role: 'admin', organisationId: null }]);
    const signed = await signIn(app, user.username);
    admin = { agent: signed.agent, csrfToken: signed.csrfToken, userId: user.id };
    target = (await makeUser(db().dataSource, [])).user;
  });

  const tokenCount = () => db().dataSource.getRepository(ApiTokenEntity).countBy({ userId: admin.userId, revokedAt: IsNull() });
  const targetRow = () => db().dataSource.getRepository(UserAccountEntity).findOneByOrFail({ id: target.id });

  it('refuses a POST or PATCH without the X-CSRF-Token header with 403, changing nothing', async () => {
    const before = await targetRow();
    const count = await tokenCount();

    const post = await admin.agent.post('/api/v1/me/tokens').send({ name: 'no header' });
    expect(post.status).toBe(403);
    expect(post.type).toBe('application/problem+json');
    expect(post.body.code).toBe('CSRF_TOKEN_INVALID');
    expect(post.body.detail).toContain('X-CSRF-Token');

    const patch = await admin.agent.patch(`/api/v1/users/${target.id}`).send({ version: before.version, displayName: 'Changed' });
    expect(patch.status).toBe(403);
    expect(patch.body.code).toBe('CSRF_TOKEN_INVALID');

    expect(await tokenCount()).toBe(count);
    const after = await targetRow();
    expect({ displayName: after.displayName, version: after.version }).toEqual({ displayName: before.displayName, version: before.version });
  });

  it('refuses a DELETE without the token, and sign-out too', async () => {
    const created = await admin.agent.post('/api/v1/me/tokens').set('X-CSRF-Token', admin.csrfToken).send({ name: 'to keep' });
    expect(created.status).toBe(201);
    const revoke = await admin.agent.delete(`/api/v1/me/tokens/${created.body.id}`);
    expect(revoke.status).toBe(403);
    expect((await request(app).get('/api/v1/me/tokens').set('Authorization', `Bearer ${created.body.token}`)).status).toBe(200);

    const logout = await admin.agent.post('/api/v1/auth/logout');
    expect(logout.status).toBe(403);
    expect((await admin.agent.get('/api/v1/auth/session')).body.user?.id).toBe(admin.userId);
  });

  it('refuses a wrong token, including the valid token of another session', async () => {
    const count = await tokenCount();
    for (const wrong of ['x', `${admin.csrfToken}x`, admin.csrfToken.slice(0, -1) + (admin.csrfToken.endsWith('A') ? 'B' : 'A')]) {
      const res = await admin.agent.post('/api/v1/me/tokens').set('X-CSRF-Token', wrong).send({ name: 'wrong token' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
    }

    const { user } = await makeUser(db().dataSource, [{ role: 'admin', organisationId: null }]);
    const other = await signIn(app, user.username);
    expect(other.csrfToken).not.toBe(admin.csrfToken);
    const crossed = await admin.agent.post('/api/v1/me/tokens').set('X-CSRF-Token', other.csrfToken).send({ name: 'crossed' });
    expect(crossed.status).toBe(403);
    expect(await tokenCount()).toBe(count);
  });

  it('accepts the csrfToken given at sign-in, the same one GET /auth/session gives', async () => {
    const session = await admin.agent.get('/api/v1/auth/session');
    expect(session.body.csrfToken).toBe(admin.csrfToken);

    const post = await admin.agent.post('/api/v1/me/tokens').set('X-CSRF-Token', admin.csrfToken).send({ name: 'with header' });
    expect(post.status).toBe(201);
    const { version } = await targetRow();
    const patch = await admin.agent
      .patch(`/api/v1/users/${target.id}`)
      .set('X-CSRF-Token', session.body.csrfToken)
      .send({ version, displayName: 'Renamed with the token' });
    expect(patch.status).toBe(200);
    expect((await targetRow()).displayName).toBe('Renamed with the token');
  });

  it('does not ask Bearer-token requests for a CSRF token', async () => {
    const token = await tokenFor(services, db().dataSource, admin.userId);
    const [own] = (await request(app).get('/api/v1/me/tokens').set('Authorization', `Bearer ${token}`)).body as { id: number }[];
    const count = await tokenCount();
    const res = await request(app).delete(`/api/v1/me/tokens/${own!.id}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(204);
    expect(await tokenCount()).toBe(count - 1);
  });

  it('renews the token with the session: the one from before signing in again is refused', async () => {
    const { user, password } = await makeUser(db().dataSource, [{ role: 'admin', organisationId: null }]);
    const first = await signIn(app, user.username);
    const again = await first.agent.post('/api/v1/auth/login').set('X-CSRF-Token', first.csrfToken).send({ username: user.username, password });
    expect(again.status).toBe(200);
    expect(again.body.csrfToken).not.toBe(first.csrfToken);

    const stale = await first.agent.post('/api/v1/me/tokens').set('X-CSRF-Token', first.csrfToken).send({ name: 'stale' });
    expect(stale.status).toBe(403);
    const fresh = await first.agent.post('/api/v1/me/tokens').set('X-CSRF-Token', again.body.csrfToken).send({ name: 'fresh' });
    expect(fresh.status).toBe(201);
  });
});
