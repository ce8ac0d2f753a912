import request from 'supertest';
import type { Express } from 'express';
import { User, type AuditEntry, type MembershipCreate } from '@preau/shared';
import type { Services } from '../../../app';
import { SessionEntity } from '../../auth/session.entity';
import { AuditEntryEntity } from '../../audit/audit-entry.entity';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { agentFor, makeUser, signIn, tokenFor, type Agent } from '../../../../../test/support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import type { SchoolEntity } from '../../schools/school.entity';

const PASSWORD = 'un mot de passe assez long';
let sequence = 0;
const username = (stem: string) => `${stem}-${process.pid}-${++sequence}`;

describeEachEngine('users and memberships API', (db) => {
  let app: Express;
  let services: Services;
  let here: OrgFixture;
  let elsewhere: OrgFixture;
  let hereSchool: SchoolEntity;
  let elsewhereSchool: SchoolEntity;
  let admin: Agent;
  let adminId: number;
  let manager: Agent;
  let technician: Agent;

  beforeAll(async () => {
    const ds = db().dataSource;
    ({ app, services } = testApp(ds));
    here = await makeOrganisations(ds);
    elsewhere = await makeOrganisations(ds);
    hereSchool = await makeSchool(ds, here);
    elsewhereSchool = await makeSchool(ds, elsewhere);
    adminId = (await makeUser(ds, [{ role: 'admin', organisationId: null }])).user.id;
    admin = await agentFor(app, services, ds, adminId);
    const managerUser = await makeUser(ds, [{ role: 'city_manager', organisationId: here.commune.id }]);
    manager = await agentFor(app, services, ds, managerUser.user.id);
    const technicianUser = await makeUser(ds, [{ role: 'city_technician', organisationId: here.commune.id }]);
    technician = await agentFor(app, services, ds, technicianUser.user.id);
  });

  const newUser = (memberships: MembershipCreate[], fields: Record<string, unknown> = {}) => ({
    username: username('agent'),
    displayName: 'Agent Test',
    password: PASSWORD,
    memberships,
    ...fields,
  });
  const audit = (action: string, targetId: number) =>
    db().dataSource.getRepository(AuditEntryEntity).find({ where: { action, targetType: 'user', targetId }, order: { id: 'ASC' } });

  it('lets an administrator create an account with memberships anywhere, which can then sign in', async () => {
    const body = newUser(
      [
        { role: 'teacher', organisationId: elsewhereSchool.id },
        { role: 'erun', organisationId: elsewhere.circonscription.id },
      ],
      { email: 'Marie.Hoarau@AC-Reunion.fr' },
    );
    const res = await admin.post('/api/v1/users').send(body);
    expect(res.status).toBe(201);
    const user = User.parse(res.body);
    expect(user).toMatchObject({ username: body.username, email: 'marie.hoarau@ac-reunion.fr', disabled: false, ssoOnly: false, version: 1 });
    expect(user.memberships).toEqual([
      expect.objectContaining({ role: 'teacher', organisationKind: 'school', organisationId: elsewhereSchool.id, organisationName: elsewhereSchool.name }),
      expect.objectContaining({ role: 'erun', organisationKind: 'circonscription', organisationName: elsewhere.circonscription.name }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    expect((await admin.get(`/api/v1/users/${user.id}`)).body).toEqual(res.body);

    const signedIn = await signIn(app, 'marie.hoarau@ac-reunion.fr', PASSWORD);
    expect(signedIn.session.user.id).toBe(user.id);
  });

  describe('a city manager', () => {
    it('creates a technician in its commune', async () => {
      const res = await manager.post('/api/v1/users').send(newUser([{ role: 'city_technician', organisationId: here.commune.id }]));
      expect(res.status).toBe(201);
      expect(res.body.memberships).toEqual([expect.objectContaining({ role: 'city_technician', organisationId: here.commune.id })]);
      const teacher = await manager.post('/api/v1/users').send(newUser([{ role: 'teacher', organisationId: hereSchool.id }]));
      expect(teacher.status).toBe(201);
    });

    it('may not grant the admin, ERUN or rectorate roles (403), creating nothing', async () => {
      const grants: MembershipCreate[] = [
        { role: 'admin', organisationId: null },
        { role: 'erun', organisationId: here.circonscription.id },
        { role: 'rectorate_agent', organisationId: here.academy.id },
      ];
      for (const grant of grants) {
        const body = newUser([{ role: 'city_technician', organisationId: here.commune.id }, grant]);
        const res = await manager.post('/api/v1/users').send(body);
        expect({ role: grant.role, status: res.status, code: res.body.code }).toEqual({ role: grant.role, status: 403, code: 'FORBIDDEN' });
        expect((await admin.get('/api/v1/users').query({ q: body.username })).body.total).toBe(0);
      }
    });

    it('may not place anyone in a school or commune of another commune (422: does not exist)', async () => {
      const school = await manager.post('/api/v1/users').send(newUser([{ role: 'teacher', organisationId: elsewhereSchool.id }]));
      expect(school.status).toBe(422);
      expect(school.body.errors).toEqual([
        expect.objectContaining({ path: ['memberships', 0, 'organisationId'], message: `school ${elsewhereSchool.id} does not exist` }),
      ]);
      const commune = await manager.post('/api/v1/users').send(newUser([{ role: 'city_technician', organisationId: elsewhere.commune.id }]));
      expect(commune.status).toBe(422);
      expect(commune.body.detail).toBe(`commune ${elsewhere.commune.id} does not exist`);
      const none = await manager.post('/api/v1/users').send(newUser([]));
      expect(none.status).toBe(422);
      expect(none.body.errors).toEqual([expect.objectContaining({ path: ['memberships'] })]);
    });

    it('does not see the people of another commune, nor accounts waiting for a role', async () => {
      const outsider = (await makeUser(db().dataSource, [{ role: 'teacher', organisationId: elsewhereSchool.id }])).user;
      const waiting = (await makeUser(db().dataSource, [])).user;
      const insider = (await makeUser(db().dataSource, [{ role: 'director', organisationId: hereSchool.id }])).user;

      for (const id of [outsider.id, waiting.id]) {
        const res = await manager.get(`/api/v1/users/${id}`);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect((await manager.get(`/api/v1/users/${insider.id}`)).status).toBe(200);

      const listed = await manager.get('/api/v1/users').query({ pageSize: 100 });
      const ids = listed.body.items.map((u: User) => u.id);
      expect(ids).toContain(insider.id);
      expect(ids).not.toContain(outsider.id);
      expect(ids).not.toContain(waiting.id);
      expect(ids).not.toContain(adminId);
      expect((await admin.get(`/api/v1/users/${waiting.id}`)).status).toBe(200);
    });

    it('reads, but may not change, an account that also holds a role outside its communes', async () => {
      const shared = (
        await makeUser(db().dataSource, [
          { role: 'teacher', organisationId: hereSchool.id },
          { role: 'teacher', organisationId: elsewhereSchool.id },
        ])
      ).user;
      const read = await manager.get(`/api/v1/users/${shared.id}`);
      expect(read.status).toBe(200);
      const membershipHere = read.body.memberships.find((m: { organisationId: number }) => m.organisationId === hereSchool.id);

      const attempts = [
        await manager.patch(`/api/v1/users/${shared.id}`).send({ version: read.body.version, displayName: 'Renamed' }),
        await manager.post(`/api/v1/users/${shared.id}/memberships`).send({ role: 'director', organisationId: hereSchool.id }),
        await manager.delete(`/api/v1/users/${shared.id}/memberships/${membershipHere.id}`),
      ];
      expect(attempts.map((r) => [r.status, r.body.code])).toEqual([
        [403, 'FORBIDDEN'],
        [403, 'FORBIDDEN'],
        [403, 'FORBIDDEN'],
      ]);
      expect((await admin.get(`/api/v1/users/${shared.id}`)).body).toMatchObject({ displayName: shared.displayName, version: read.body.version });
    });
  });

  it('ends the sessions and stops the tokens of a disabled account; enabling it lets it back in', async () => {
    const created = (await admin.post('/api/v1/users').send(newUser([{ role: 'teacher', organisationId: hereSchool.id }]))).body as User;
    const { agent } = await signIn(app, created.username, PASSWORD);
    const token = await tokenFor(services, db().dataSource, created.id);
    const sessions = () => db().dataSource.getRepository(SessionEntity).countBy({ userId: created.id });
    expect(await sessions()).toBe(1);

    const disabled = await admin.patch(`/api/v1/users/${created.id}`).send({ version: created.version, disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ disabled: true, version: created.version + 1 });

    expect(await sessions()).toBe(0);
    expect((await agent.get('/api/v1/auth/session')).body.user).toBeNull();
    expect((await agent.get('/api/v1/me/tokens')).status).toBe(401);
    expect((await request(app).get('/api/v1/me/tokens').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    const login = await request(app).post('/api/v1/auth/login').send({ username: created.username, password: PASSWORD });
    expect(login.body.code).toBe('ACCOUNT_DISABLED');
    const hidden = await admin.get('/api/v1/users').query({ q: created.username });
    expect(hidden.body.total).toBe(0);
    expect((await admin.get('/api/v1/users').query({ q: created.username, includeDisabled: 'true' })).body.total).toBe(1);

    const enabled = await admin.patch(`/api/v1/users/${created.id}`).send({ version: disabled.body.version, disabled: false });
    expect(enabled.status).toBe(200);
    expect((await request(app).get('/api/v1/me/tokens').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await signIn(app, created.username, PASSWORD)).session.user.id).toBe(created.id);
  });

  it('ends the sessions of an account whose password an administrator changes', async () => {
    const created = (await admin.post('/api/v1/users').send(newUser([{ role: 'teacher', organisationId: hereSchool.id }]))).body as User;
    const { agent } = await signIn(app, created.username, PASSWORD);
    const res = await admin.patch(`/api/v1/users/${created.id}`).send({ version: created.version, password: 'un tout nouveau mot de passe' });
    expect(res.status).toBe(200);
    expect((await agent.get('/api/v1/auth/session')).body.user).toBeNull();
    const old = await request(app).post('/api/v1/auth/login').send({ username: created.username, password: PASSWORD });
    expect(old.status).toBe(401);
    expect((await signIn(app, created.username, 'un tout nouveau mot de passe')).session.user.id).toBe(created.id);
  });

  it('refuses a stale version with 409 and keeps the newer change', async () => {
    const created = (await admin.post('/api/v1/users').send(newUser([]))).body as User;
    expect((await admin.patch(`/api/v1/users/${created.id}`).send({ version: created.version, displayName: 'First' })).status).toBe(200);
    const stale = await admin.patch(`/api/v1/users/${created.id}`).send({ version: created.version, displayName: 'Second' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await admin.get(`/api/v1/users/${created.id}`)).body.displayName).toBe('First');
  });

  it('answers 409 for a username or e-mail address already taken, and for a membership held already', async () => {
    const email = `${username('taken')}@ac-reunion.fr`;
    const first = newUser([], { email });
    const created = await admin.post('/api/v1/users').send(first);
    expect(created.status).toBe(201);
    const sameName = await admin.post('/api/v1/users').send(newUser([], { username: first.username.toUpperCase() }));
    expect(sameName.status).toBe(409);
    expect(sameName.body.code).toBe('DUPLICATE');
    const sameEmail = await admin.post('/api/v1/users').send(newUser([], { email }));
    expect(sameEmail.status).toBe(409);

    const grant = { role: 'teacher', organisationId: hereSchool.id };
    expect((await admin.post(`/api/v1/users/${created.body.id}/memberships`).send(grant)).status).toBe(201);
    const again = await admin.post(`/api/v1/users/${created.body.id}/memberships`).send(grant);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE');
  });

  it('lists every invalid field in one 422', async () => {
    const res = await admin.post('/api/v1/users').send({
      username: 'X!',
      email: 'not an address',
      displayName: '',
      password: 'short',
      memberships: [{ role: 'teacher' }, { role: 'admin', organisationId: 3 }, { role: 'janitor', organisationId: 1 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const paths = res.body.errors.map((issue: { path: (string | number)[] }) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'username',
        'email',
        'displayName',
        'password',
        'memberships.0.organisationId',
        'memberships.1.organisationId',
        'memberships.2.role',
      ]),
    );
  });

  it('does not let anyone disable their own account', async () => {
    const me = (await admin.get(`/api/v1/users/${adminId}`)).body as User;
    const res = await admin.patch(`/api/v1/users/${adminId}`).send({ version: me.version, disabled: true });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ['disabled'] })]);
    expect((await admin.get(`/api/v1/users/${adminId}`)).body.disabled).toBe(false);
  });

  describe('audit log', () => {
    it('records creations, grants, revocations and updates, without passwords', async () => {
      const created = (await manager.post('/api/v1/users').send(newUser([{ role: 'teacher', organisationId: hereSchool.id }]))).body as User;
      const granted = await manager.post(`/api/v1/users/${created.id}/memberships`).send({ role: 'director', organisationId: hereSchool.id });
      expect(granted.status).toBe(201);
      const director = granted.body.memberships.find((m: { role: string }) => m.role === 'director');
      const revoked = await manager.delete(`/api/v1/users/${created.id}/memberships/${director.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.memberships.map((m: { role: string }) => m.role)).toEqual(['teacher']);
      const updated = await manager.patch(`/api/v1/users/${created.id}`).send({ version: created.version, displayName: 'Nouveau nom', password: 'un autre mot de passe' });
      expect(updated.status).toBe(200);

      const expected = { actorLabel: expect.stringMatching(/^user-/), communeId: here.commune.id };
      expect(await audit('user.created', created.id)).toEqual([expect.objectContaining(expected)]);
      expect(await audit('membership.granted', created.id)).toEqual([expect.objectContaining(expected)]);
      expect(await audit('membership.revoked', created.id)).toEqual([expect.objectContaining(expected)]);
      const [update] = await audit('user.updated', created.id);
      expect(JSON.parse(update!.details!).fields.sort()).toEqual(['displayName', 'password']);

      const all = await db().dataSource.getRepository(AuditEntryEntity).findBy({ targetType: 'user', targetId: created.id });
      expect(JSON.stringify(all)).not.toContain(PASSWORD);
      expect(JSON.stringify(all)).not.toContain('un autre mot de passe');
    });

    it('shows administrators everything, city managers their communes only, technicians nothing', async () => {
      const mine = (await manager.post('/api/v1/users').send(newUser([{ role: 'teacher', organisationId: hereSchool.id }]))).body as User;
      const theirs = (await admin.post('/api/v1/users').send(newUser([{ role: 'teacher', organisationId: elsewhereSchool.id }]))).body as User;

      const adminView = await admin.get('/api/v1/audit').query({ action: 'user.created', pageSize: 100 });
      expect(adminView.status).toBe(200);
      const adminTargets = adminView.body.items.map((e: AuditEntry) => e.targetId);
      expect(adminTargets).toEqual(expect.arrayContaining([mine.id, theirs.id]));

      const managerView = await manager.get('/api/v1/audit').query({ pageSize: 100 });
      expect(managerView.status).toBe(200);
      expect(managerView.body.items.length).toBeGreaterThan(0);
      expect(managerView.body.items.every((e: AuditEntry) => e.communeId === here.commune.id)).toBe(true);
      const managerTargets = managerView.body.items.map((e: AuditEntry) => e.targetId);
      expect(managerTargets).toContain(mine.id);
      expect(managerTargets).not.toContain(theirs.id);
      const filtered = await manager.get('/api/v1/audit').query({ targetType: 'user', targetId: theirs.id });
      expect(filtered.body.total).toBe(0);

      const refused = await technician.get('/api/v1/audit');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect((await technician.get('/api/v1/users')).status).toBe(403);
    });
  });
});
