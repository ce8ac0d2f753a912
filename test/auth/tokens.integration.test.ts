import { createHash } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import { ApiToken, ApiTokenCreated } from '@preau/shared';
import type { Services } from '../../server/src/app';
import { ApiTokenEntity } from '../../server/src/modules/accounts/api-token.entity';
import { UserAccountEntity } from '../../server/src/modules/accounts/user-account.entity';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { makeUser, signIn, tokenFor } from '../support/auth';
import { makeOrganisations, makeSchool } from '../support/factories';

describeEachEngine('personal API tokens', (db) => {
  let app: Express;
  let services: Services;

  beforeAll(() => {
    ({ app, services } = testApp(db().dataSource));
  });

  const tokens = () => db().dataSource.getRepository(ApiTokenEntity);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const listWith = (token: string) => request(app).get('/api/v1/me/tokens').set(bearer(token));
  const technician = async () => {
    const org = await makeOrganisations(db().dataSource);
    return (await makeUser(db().dataSource, [{ role: 'city_technician', organisationId: org.commune.id }])).user;
  };

  it('shows the secret once, lists only its prefix and stores only its hash', async () => {
    const user = await technician();
    const { agent, csrfToken } = await signIn(app, user.username);
    const created = await agent.post('/api/v1/me/tokens').set('X-CSRF-Token', csrfToken).send({ name: 'Inventaire GLPI', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const body = ApiTokenCreated.parse(created.body);
    expect(body.token).toMatch(/^preau_[\w-]{40,}$/);
    expect(body.token.startsWith(body.prefix)).toBe(true);
    expect(body.prefix.length).toBeLessThan(16);
    expect(Date.parse(body.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const list = await agent.get('/api/v1/me/tokens');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(ApiToken.strict().parse(list.body[0])).toMatchObject({ id: body.id, name: 'Inventaire GLPI', prefix: body.prefix });
    expect(JSON.stringify(list.body)).not.toContain(body.token);

    const row = await tokens().findOneByOrFail({ id: body.id });
    expect(row.tokenHash).toBe(createHash('sha256').update(body.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(body.token.slice(body.prefix.length));
  });

  it('signs requests in as its owner, with the owner’s scope', async () => {
    const org = await makeOrganisations(db().dataSource);
    const elsewhere = await makeOrganisations(db().dataSource);
    const ownSchool = await makeSchool(db().dataSource, org);
    const otherSchool = await makeSchool(db().dataSource, elsewhere);
    const { user } = await makeUser(db().dataSource, [{ role: 'teacher', organisationId: ownSchool.id }]);
    const token = await tokenFor(services, db().dataSource, user.id);

    const session = await request(app).get('/api/v1/auth/session').set(bearer(token));
    // GET /auth/session describes the cookie session, which a token request has none of.
    expect(session.body.user).toBeNull();
    expect((await request(app).get(`/api/v1/schools/${ownSchool.id}`).set(bearer(token))).status).toBe(200);
    const hidden = await request(app).get(`/api/v1/schools/${otherSchool.id}`).set(bearer(token));
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('NOT_FOUND');
    expect((await request(app).get('/api/v1/users').set(bearer(token))).status).toBe(403);

    const row = await tokens().findOneByOrFail({ userId: user.id });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it('stops working once revoked, and disappears from the list', async () => {
    const user = await technician();
    const token = await tokenFor(services, db().dataSource, user.id);
    const other = await tokenFor(services, db().dataSource, user.id);
    const { id } = await tokens().findOneByOrFail({ tokenHash: createHash('sha256').update(token).digest('hex') });

    const revoked = await request(app).delete(`/api/v1/me/tokens/${id}`).set(bearer(other));
    expect(revoked.status).toBe(204);
    const refused = await listWith(token);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    const list = await listWith(other);
    expect(list.body.map((t: ApiToken) => t.id)).not.toContain(id);
    expect((await request(app).delete(`/api/v1/me/tokens/${id}`).set(bearer(other))).status).toBe(404);
  });

  it('stops working once expired', async () => {
    const user = await technician();
    const token = await tokenFor(services, db().dataSource, user.id);
    expect((await listWith(token)).status).toBe(200);
    await tokens().update({ userId: user.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await listWith(token)).status).toBe(401);
  });

  it('refuses malformed or unknown Authorization headers with 401, even on public routes', async () => {
    const user = await technician();
    const token = await tokenFor(services, db().dataSource, user.id);
    const headers = ['Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${token} extra`, 'Bearer preau_unknown', `Bearer ${token.slice(6)}`, `Token ${token}`];
    for (const header of headers) {
      const res = await request(app).get('/api/v1/me/tokens').set('Authorization', header);
      expect({ header, status: res.status, code: res.body.code }).toEqual({ header, status: 401, code: 'UNAUTHENTICATED' });
    }
    expect((await request(app).get('/api/v1/auth/session').set('Authorization', 'Bearer nonsense')).status).toBe(401);
    // The scheme is case-insensitive (RFC 9110).
    expect((await request(app).get('/api/v1/me/tokens').set('Authorization', `bearer ${token}`)).status).toBe(200);
  });

  it('refuses the token of a disabled account', async () => {
    const user = await technician();
    const token = await tokenFor(services, db().dataSource, user.id);
    await db().dataSource.getRepository(UserAccountEntity).update({ id: user.id }, { disabled: true });
    expect((await listWith(token)).status).toBe(401);
  });

  it("does not let anyone revoke or list someone else's token", async () => {
    const owner = await technician();
    const intruder = await makeUser(db().dataSource, [{ role: 'admin', organisationId: null }]);
    const ownerToken = await tokenFor(services, db().dataSource, owner.id);
    const intruderToken = await tokenFor(services, db().dataSource, intruder.user.id);
    const { id } = await tokens().findOneByOrFail({ userId: owner.id });

    const res = await request(app).delete(`/api/v1/me/tokens/${id}`).set(bearer(intruderToken));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const listed = await listWith(intruderToken);
    expect(listed.body.map((t: ApiToken) => t.id)).not.toContain(id);
    expect((await listWith(ownerToken)).status).toBe(200);
  });

  it('validates the creation body', async () => {
    const user = await technician();
    const { agent, csrfToken } = await signIn(app, user.username);
    const res = await agent.post('/api/v1/me/tokens').set('X-CSRF-Token', csrfToken).send({ name: '  ', expiresInDays: 0 });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((issue: { path: string[] }) => issue.path[0]).sort()).toEqual(['expiresInDays', 'name']);
  });

  it('creates tokens only from a signed-in session, so a leaked token cannot outlive itself', async () => {
    const user = await technician();
    const token = await tokenFor(services, db().dataSource, user.id);
    const res = await request(app).post('/api/v1/me/tokens').set(bearer(token)).send({ name: 'Copie' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(await tokens().countBy({ userId: user.id })).toBe(1);
  });
});
