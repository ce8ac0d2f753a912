import type { Express } from 'express';
import { DEFAULT_LIFETIME_YEARS, type Role } from '@preau/shared';
import type { Services } from '../../../app';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { adminAgent, agentFor, makeUser, type Agent } from '../../../../../test/support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import { AuditEntryEntity } from '../../audit/audit-entry.entity';
import type { SchoolEntity } from '../../schools/school.entity';

describeEachEngine('fleet settings', (db) => {
  let app: Express;
  let services: Services;
  let admin: Agent;
  let org: OrgFixture;
  let other: OrgFixture;

  const agent = async (role: Role, organisationId: number | null) => {
    const { user } = await makeUser(db().dataSource, [{ role, organisationId }]);
    return agentFor(app, services, db().dataSource, user.id);
  };
  const audited = (action: string) => db().dataSource.getRepository(AuditEntryEntity).findBy({ action });

  beforeAll(async () => {
    ({ app, services } = testApp(db().dataSource));
    admin = await adminAgent(app, services, db().dataSource);
    org = await makeOrganisations(db().dataSource);
    other = await makeOrganisations(db().dataSource);
  });

  describe('renewal ages', () => {
    it('reads the defaults, changes some kinds, and puts one back with null', async () => {
      const manager = await agent('city_manager', org.commune.id);
      expect((await manager.get('/api/v1/fleet-settings/lifetimes')).body).toEqual(DEFAULT_LIFETIME_YEARS);

      const changed = await admin.put('/api/v1/fleet-settings/lifetimes').send({ lifetimes: { laptop: 4, interactive_display: 10 } });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({ ...DEFAULT_LIFETIME_YEARS, laptop: 4, interactive_display: 10 });
      expect((await manager.get('/api/v1/fleet-settings/lifetimes')).body).toMatchObject({ laptop: 4, interactive_display: 10, desktop: 6 });

      const reset = await admin.put('/api/v1/fleet-settings/lifetimes').send({ lifetimes: { laptop: null, desktop: 7 } });
      expect(reset.body).toEqual({ ...DEFAULT_LIFETIME_YEARS, interactive_display: 10, desktop: 7 });
      await admin.put('/api/v1/fleet-settings/lifetimes').send({ lifetimes: { interactive_display: null, desktop: null } });
      expect((await admin.get('/api/v1/fleet-settings/lifetimes')).body).toEqual(DEFAULT_LIFETIME_YEARS);

      const entries = await audited('equipment_lifetimes.updated');
      expect(entries.map((entry) => JSON.parse(entry.details!))).toEqual([
        { lifetimes: { laptop: 4, interactive_display: 10 } },
        { lifetimes: { laptop: null, desktop: 7 } },
        { lifetimes: { interactive_display: null, desktop: null } },
      ]);
    });

    it('leaves the changes to administrators', async () => {
      for (const role of ['city_manager', 'rectorate_agent', 'erun'] as const) {
        const organisationId = role === 'city_manager' ? org.commune.id : role === 'erun' ? org.circonscription.id : org.academy.id;
        const res = await (await agent(role, organisationId)).put('/api/v1/fleet-settings/lifetimes').send({ lifetimes: { laptop: 2 } });
        expect(res.status).toBe(403);
      }
      expect((await admin.get('/api/v1/fleet-settings/lifetimes')).body.laptop).toBe(5);
    });

    it('refuses invalid ages and unknown kinds as problem+json listing every field', async () => {
      const res = await admin.put('/api/v1/fleet-settings/lifetimes').send({ lifetimes: { laptop: 0, desktop: 31, tablet: 2.5, spaceship: 3 } });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const issues = res.body.errors.map((issue: { path: (string | number)[]; message: string }) => [issue.path.join('.'), issue.message]);
      expect(issues).toEqual([
        ['lifetimes.laptop', expect.any(String)],
        ['lifetimes.desktop', expect.any(String)],
        ['lifetimes.tablet', expect.any(String)],
        // An unknown kind is named on the record itself.
        ['lifetimes', expect.stringContaining('spaceship')],
      ]);
      const missing = await admin.put('/api/v1/fleet-settings/lifetimes').send({});
      expect(missing.status).toBe(422);
      expect(missing.body.errors.map((issue: { path: string[] }) => issue.path)).toEqual([['lifetimes']]);
      expect((await admin.get('/api/v1/fleet-settings/lifetimes')).body).toEqual(DEFAULT_LIFETIME_YEARS);
    });
  });

  describe('mobile-class plans', () => {
    let school: SchoolEntity;
    const path = () => `/api/v1/schools/${school.id}/mobile-class-plan`;
    const plan = { trolleysPlanned: 4, tabletsPerTrolley: 14, dueOn: '2026-09-01', programme: 'Plan numérique écoles' };

    beforeAll(async () => {
      school = await makeSchool(db().dataSource, org);
    });

    it('creates, reads, replaces with the version read and refuses stale versions', async () => {
      const none = await admin.get(path());
      expect({ status: none.status, body: none.body }).toEqual({ status: 200, body: null });

      const created = await admin.put(path()).send(plan);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(Number), schoolId: school.id, ...plan, version: 1 });
      expect((await admin.get(path())).body).toEqual(created.body);

      // Replacing needs the version: without one the client did not know a plan was there.
      const blind = await admin.put(path()).send({ ...plan, trolleysPlanned: 6 });
      expect(blind.status).toBe(409);
      expect(blind.body.code).toBe('VERSION_CONFLICT');

      const replaced = await admin.put(path()).send({ trolleysPlanned: 6, tabletsPerTrolley: 15, version: 1 });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toEqual({ id: created.body.id, schoolId: school.id, trolleysPlanned: 6, tabletsPerTrolley: 15, dueOn: null, programme: null, version: 2 });

      const stale = await admin.put(path()).send({ ...plan, version: 1 });
      expect(stale.status).toBe(409);
      expect((await admin.get(path())).body.trolleysPlanned).toBe(6);

      const actions = (await db().dataSource.getRepository(AuditEntryEntity).findBy({ targetType: 'school', targetId: school.id })).map((entry) => entry.action);
      expect(actions).toEqual(['mobile_class_plan.created', 'mobile_class_plan.updated']);
    });

    it('deletes, after which a version is stale and a new plan starts again', async () => {
      expect((await admin.delete(path())).status).toBe(204);
      expect((await admin.get(path())).body).toBeNull();
      expect((await admin.delete(path())).status).toBe(404);
      expect((await admin.put(path()).send({ ...plan, version: 2 })).status).toBe(409);
      const again = await admin.put(path()).send(plan);
      expect(again.status).toBe(201);
      expect(again.body.version).toBe(1);
      expect((await audited('mobile_class_plan.deleted')).map((entry) => entry.targetId)).toContain(school.id);
    });

    it('refuses an invalid plan, listing every field', async () => {
      const res = await admin.put(path()).send({ trolleysPlanned: -1, tabletsPerTrolley: 0, dueOn: '2026-02-30' });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((issue: { path: string[] }) => issue.path[0])).toEqual(['trolleysPlanned', 'tabletsPerTrolley', 'dueOn']);
    });

    it("is read by the school's people and written by the commune's staff; another commune does not see it", async () => {
      const teacher = await agent('teacher', school.id);
      expect((await teacher.get(path())).status).toBe(200);
      expect((await teacher.put(path()).send({ ...plan, version: 1 })).status).toBe(403);
      expect((await teacher.delete(path())).status).toBe(403);
      const erun = await agent('erun', org.circonscription.id);
      expect((await erun.put(path()).send({ ...plan, version: 1 })).status).toBe(403);
      const technician = await agent('city_technician', org.commune.id);
      const replaced = await technician.put(path()).send({ ...plan, tabletsPerTrolley: 16, version: 1 });
      expect(replaced.status).toBe(200);
      const stranger = await agent('city_manager', other.commune.id);
      expect((await stranger.get(path())).status).toBe(404);
      expect((await stranger.put(path()).send({ ...plan, version: 2 })).status).toBe(404);
      expect((await stranger.delete(path())).status).toBe(404);
      expect((await admin.get('/api/v1/schools/999999/mobile-class-plan')).status).toBe(404);
    });

    it('refuses a plan for a closed school', async () => {
      const closed = await makeSchool(db().dataSource, org);
      await admin.post(`/api/v1/schools/${closed.id}/retire`).send({ version: closed.version });
      const res = await admin.put(`/api/v1/schools/${closed.id}/mobile-class-plan`).send(plan);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('RECORD_RETIRED');
    });
  });
});
