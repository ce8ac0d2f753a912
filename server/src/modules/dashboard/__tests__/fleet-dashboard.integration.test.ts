import type { Express } from 'express';
import type { FleetDashboard, Role, SchoolFleetRow } from '@preau/shared';
import type { Services } from '../../../app';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { adminAgent, agentFor, makeUser, type Agent } from '../../../../../test/support/auth';
import { loadPrincipal } from '../../auth/load-principal';
import { EquipmentEntity } from '../../equipment/equipment.entity';
import { DashboardService } from '../dashboard.service';
import { buildFleetWorld, NOW, type FleetWorld } from './fleet-world';

const DAY = 24 * 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describeEachEngine('fleet dashboard', (db) => {
  let app: Express;
  let services: Services;
  let admin: Agent;
  let w: FleetWorld;

  const agent = async (role: Role, organisationId: number | null) => {
    const { user } = await makeUser(db().dataSource, [{ role, organisationId }]);
    return agentFor(app, services, db().dataSource, user.id);
  };
  const rowOf = (dashboard: FleetDashboard, name: string) => dashboard.schools.items.find((row) => row.name === name);

  beforeAll(async () => {
    ({ app, services } = testApp(db().dataSource, {}, { clock: () => NOW }));
    admin = await adminAgent(app, services, db().dataSource);
    w = await buildFleetWorld(db().dataSource);
  });

  describe('every figure of an académie', () => {
    let dashboard: FleetDashboard;

    beforeAll(async () => {
      const res = await admin.get('/api/v1/dashboard/fleet').query({ academyId: w.x.academy.id });
      expect(res.status).toBe(200);
      dashboard = res.body as FleetDashboard;
    });

    it('names the scope and the Paris day it is computed for', () => {
      expect(dashboard.scope).toEqual({ kind: 'academy', id: w.x.academy.id, name: w.x.academy.name });
      // 22:30 UTC on the 14th is already the 15th in Paris.
      expect(dashboard.today).toBe('2026-06-15');
      expect(dashboard.generatedAt).toBe(NOW.toISOString());
      expect(dashboard.lifetimes).toMatchObject({ desktop: 6, laptop: 5, tablet: 5, projector: 7, phone: 7 });
    });

    it('lists the active schools of the académie only', () => {
      expect(dashboard.schools.items.map((row) => row.name)).toEqual(['École Alpha', 'École Bêta', 'École Gamma']);
      expect(dashboard.schools).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    });

    it("counts École Alpha's items, states, incidents, renewals, warranties, losses, trolleys and missing base equipment", () => {
      const alpha = rowOf(dashboard, 'École Alpha')!;
      const expected: SchoolFleetRow = {
        id: w.alpha.id,
        uai: w.alpha.uai,
        name: 'École Alpha',
        communeId: w.x.commune.id,
        communeName: w.x.commune.name,
        circonscriptionId: w.x.circonscription.id,
        circonscriptionName: w.x.circonscription.name,
        items: 18,
        inService: 11,
        shareInService: 11 / 18,
        byKindAndStatus: [
          { kind: 'desktop', status: 'in_service', count: 1 },
          { kind: 'laptop', status: 'in_service', count: 2 },
          { kind: 'laptop', status: 'broken', count: 1 },
          { kind: 'tablet', status: 'in_service', count: 4 },
          { kind: 'tablet', status: 'broken', count: 1 },
          { kind: 'trolley', status: 'in_service', count: 2 },
          { kind: 'trolley', status: 'in_stock', count: 1 },
          { kind: 'trolley', status: 'lost', count: 1 },
          { kind: 'projector', status: 'in_service', count: 1 },
          { kind: 'interactive_display', status: 'in_stock', count: 1 },
          { kind: 'copier', status: 'in_repair', count: 1 },
          { kind: 'phone', status: 'in_service', count: 1 },
          { kind: 'router', status: 'lost', count: 1 },
        ],
        openIncidents: { total: 5, byLevel: { 1: 2, 2: 2, 3: 1 }, byAge: { day: 1, week: 2, month: 1, older: 1 } },
        oldestOpen: { ticketId: w.tickets.t4.id, reference: w.tickets.t4.reference!, title: w.tickets.t4.title, openedAt: ago(40 * DAY), schoolId: w.alpha.id },
        pastRenewalAge: 4,
        warrantiesEnding: 3,
        lostOrStolen: 2,
        mobileClasses: { planned: 5, delivered: 3, complete: 1 },
        baseEquipment: {
          compliant: false,
          missing: [
            { requirement: 'internet', roomId: null, roomName: null },
            { requirement: 'class_display', roomId: w.rooms.alphaCe1.id, roomName: 'Classe CE1' },
            { requirement: 'teacher_laptop', roomId: w.rooms.alphaCe1.id, roomName: 'Classe CE1' },
          ],
        },
      };
      expect(alpha).toEqual(expected);
    });

    it('counts École Bêta, which lacks a secretariat computer', () => {
      expect(rowOf(dashboard, 'École Bêta')).toMatchObject({
        items: 8,
        inService: 8,
        shareInService: 1,
        byKindAndStatus: [
          { kind: 'desktop', status: 'in_service', count: 1 },
          { kind: 'laptop', status: 'in_service', count: 1 },
          { kind: 'tablet', status: 'in_service', count: 1 },
          { kind: 'trolley', status: 'in_service', count: 1 },
          { kind: 'projector', status: 'in_service', count: 1 },
          { kind: 'copier', status: 'in_service', count: 1 },
          { kind: 'phone', status: 'in_service', count: 1 },
          { kind: 'firewall', status: 'in_service', count: 1 },
        ],
        openIncidents: { total: 1, byLevel: { 1: 1, 2: 0, 3: 0 }, byAge: { day: 0, week: 0, month: 1, older: 0 } },
        oldestOpen: { ticketId: w.tickets.t8.id, openedAt: ago(29 * DAY + 23 * 3_600_000) },
        pastRenewalAge: 0,
        warrantiesEnding: 0,
        lostOrStolen: 0,
        // No plan: a trolley with one tablet, in service, is complete.
        mobileClasses: { planned: 0, delivered: 1, complete: 1 },
        baseEquipment: { compliant: false, missing: [{ requirement: 'secretariat_computer', roomId: null, roomName: null }] },
      });
    });

    it('counts École Gamma, which complies, and whose oldest report is the first of two filed together', () => {
      expect(rowOf(dashboard, 'École Gamma')).toMatchObject({
        items: 8,
        inService: 7,
        shareInService: 7 / 8,
        byKindAndStatus: [
          { kind: 'desktop', status: 'in_service', count: 1 },
          { kind: 'laptop', status: 'in_service', count: 1 },
          { kind: 'tablet', status: 'in_service', count: 1 },
          { kind: 'tablet', status: 'in_repair', count: 1 },
          { kind: 'trolley', status: 'in_service', count: 1 },
          { kind: 'copier', status: 'in_service', count: 1 },
          { kind: 'phone', status: 'in_service', count: 1 },
          { kind: 'router', status: 'in_service', count: 1 },
        ],
        openIncidents: { total: 2, byLevel: { 1: 1, 2: 1, 3: 0 }, byAge: { day: 0, week: 0, month: 0, older: 2 } },
        oldestOpen: { ticketId: w.tickets.t9.id, reference: w.tickets.t9.reference },
        warrantiesEnding: 1,
        // The plan wants one tablet per trolley; one of the two is being repaired.
        mobileClasses: { planned: 2, delivered: 1, complete: 0 },
        baseEquipment: { compliant: true, missing: [] },
      });
    });

    it('sums the schools into the académie totals', () => {
      expect(dashboard.totals).toEqual({
        schools: 3,
        compliantSchools: 1,
        missingByRequirement: { director_computer: 0, secretariat_computer: 1, telephone: 0, copier: 0, internet: 1, class_display: 1, teacher_laptop: 1 },
        items: 34,
        inService: 26,
        shareInService: 26 / 34,
        byKindAndStatus: [
          { kind: 'desktop', status: 'in_service', count: 3 },
          { kind: 'laptop', status: 'in_service', count: 4 },
          { kind: 'laptop', status: 'broken', count: 1 },
          { kind: 'tablet', status: 'in_service', count: 6 },
          { kind: 'tablet', status: 'broken', count: 1 },
          { kind: 'tablet', status: 'in_repair', count: 1 },
          { kind: 'trolley', status: 'in_service', count: 4 },
          { kind: 'trolley', status: 'in_stock', count: 1 },
          { kind: 'trolley', status: 'lost', count: 1 },
          { kind: 'projector', status: 'in_service', count: 2 },
          { kind: 'interactive_display', status: 'in_stock', count: 1 },
          { kind: 'copier', status: 'in_service', count: 2 },
          { kind: 'copier', status: 'in_repair', count: 1 },
          { kind: 'phone', status: 'in_service', count: 3 },
          { kind: 'router', status: 'in_service', count: 1 },
          { kind: 'router', status: 'lost', count: 1 },
          { kind: 'firewall', status: 'in_service', count: 1 },
        ],
        openIncidents: { total: 8, byLevel: { 1: 4, 2: 3, 3: 1 }, byAge: { day: 1, week: 2, month: 2, older: 3 } },
        // The closed school's older report is not the académie's.
        oldestOpen: { ticketId: w.tickets.t9.id, reference: w.tickets.t9.reference, title: w.tickets.t9.title, openedAt: ago(400 * DAY), schoolId: w.gamma.id },
        pastRenewalAge: 4,
        warrantiesEnding: 4,
        lostOrStolen: 2,
        mobileClasses: { planned: 7, delivered: 5, complete: 2 },
      });
    });
  });

  describe('sorting, searching and paging the schools', () => {
    const names = async (query: Record<string, string | number>) => {
      const res = await admin.get('/api/v1/dashboard/fleet').query({ academyId: w.x.academy.id, ...query });
      expect(res.status).toBe(200);
      return (res.body as FleetDashboard).schools.items.map((row) => row.name);
    };

    it('sorts by open incidents, share in service, what is missing and renewals', async () => {
      expect(await names({ sort: '-openIncidents' })).toEqual(['École Alpha', 'École Gamma', 'École Bêta']);
      expect(await names({ sort: 'shareInService' })).toEqual(['École Alpha', 'École Gamma', 'École Bêta']);
      expect(await names({ sort: '-missing' })).toEqual(['École Alpha', 'École Bêta', 'École Gamma']);
      // Ties keep the name order.
      expect(await names({ sort: '-pastRenewalAge' })).toEqual(['École Alpha', 'École Bêta', 'École Gamma']);
      expect(await names({ sort: '-name' })).toEqual(['École Gamma', 'École Bêta', 'École Alpha']);
    });

    it('pages, keeping the totals of the whole scope', async () => {
      const res = await admin.get('/api/v1/dashboard/fleet').query({ academyId: w.x.academy.id, pageSize: 1, page: 2 });
      expect(res.body.schools).toMatchObject({ total: 3, page: 2, pageSize: 1, items: [{ name: 'École Bêta' }] });
      expect(res.body.totals.items).toBe(34);
    });

    it('finds schools by name without minding accents or case, and by UAI', async () => {
      expect(await names({ q: 'BETA' })).toEqual(['École Bêta']);
      expect(await names({ q: w.gamma.uai.toLowerCase() })).toEqual(['École Gamma']);
      expect(await names({ q: 'nowhere' })).toEqual([]);
    });

    it('refuses an unknown sort and two organisations at once, naming the fields', async () => {
      const sort = await admin.get('/api/v1/dashboard/fleet').query({ sort: 'colour' });
      expect(sort.status).toBe(422);
      expect(sort.body.errors.map((issue: { path: string[] }) => issue.path)).toEqual([['sort']]);
      const both = await admin.get('/api/v1/dashboard/fleet').query({ academyId: w.x.academy.id, communeId: w.x.commune.id });
      expect(both.status).toBe(422);
      expect(both.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(both.body.errors.map((issue: { path: string[] }) => issue.path)).toEqual([['academyId']]);
    });
  });

  describe('scope', () => {
    const schoolsOf = (res: { body: FleetDashboard }) => res.body.schools.items.map((row) => row.name);

    it("gives an ERUN their circonscription's schools, and nothing wider", async () => {
      const erun = await agent('erun', w.x.circonscription.id);
      const own = await erun.get('/api/v1/dashboard/fleet');
      expect(own.status).toBe(200);
      expect(own.body.scope).toEqual({ kind: 'circonscription', id: w.x.circonscription.id, name: w.x.circonscription.name });
      expect(schoolsOf(own)).toEqual(['École Alpha', 'École Gamma']);
      expect(own.body.totals).toMatchObject({ schools: 2, items: 26, inService: 18, openIncidents: { total: 7 }, compliantSchools: 1 });
      // A commune spreads over other circonscriptions: its figures are not the ERUN's to see.
      expect((await erun.get('/api/v1/dashboard/fleet').query({ communeId: w.x.commune.id })).status).toBe(404);
      expect((await erun.get('/api/v1/dashboard/fleet').query({ circonscriptionId: w.circ2.id })).status).toBe(404);
    });

    it("gives a city manager their commune, its closed school left out, and hides another commune", async () => {
      const manager = await agent('city_manager', w.x.commune.id);
      const own = await manager.get('/api/v1/dashboard/fleet');
      expect(own.body.scope).toEqual({ kind: 'commune', id: w.x.commune.id, name: w.x.commune.name });
      expect(schoolsOf(own)).toEqual(['École Alpha', 'École Bêta']);
      expect(own.body.totals).toMatchObject({ schools: 2, items: 26, inService: 19, openIncidents: { total: 6 }, lostOrStolen: 2, compliantSchools: 0 });
      expect(own.body.totals.oldestOpen.ticketId).toBe(w.tickets.t4.id);
      const other = await manager.get('/api/v1/dashboard/fleet').query({ communeId: w.communeB.id });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('NOT_FOUND');
    });

    it("lets a rectorate agent open any commune or circonscription of their académie, not another académie's", async () => {
      const rectorate = await agent('rectorate_agent', w.x.academy.id);
      const circ2 = await rectorate.get('/api/v1/dashboard/fleet').query({ circonscriptionId: w.circ2.id });
      expect(schoolsOf(circ2)).toEqual(['École Bêta']);
      const communeB = await rectorate.get('/api/v1/dashboard/fleet').query({ communeId: w.communeB.id });
      expect(schoolsOf(communeB)).toEqual(['École Gamma']);
      expect((await rectorate.get('/api/v1/dashboard/fleet').query({ communeId: w.y.commune.id })).status).toBe(404);
      expect((await rectorate.get('/api/v1/dashboard/fleet').query({ academyId: w.y.academy.id })).status).toBe(404);
    });

    it('refuses teachers and directors, and answers 404 for an organisation that does not exist', async () => {
      expect((await (await agent('teacher', w.alpha.id)).get('/api/v1/dashboard/fleet')).status).toBe(403);
      expect((await (await agent('director', w.alpha.id)).get('/api/v1/dashboard/fleet')).status).toBe(403);
      expect((await admin.get('/api/v1/dashboard/fleet').query({ communeId: 999_999 })).status).toBe(404);
    });
  });

  describe('renewal ages', () => {
    it('counts past renewal age with the lifetimes in force, and back with the default', async () => {
      const alphaPast = async () => {
        const res = await admin.get('/api/v1/dashboard/fleet').query({ communeId: w.x.commune.id, q: 'Alpha' });
        return { lifetime: res.body.lifetimes.laptop, past: res.body.schools.items[0].pastRenewalAge };
      };
      // Three years: the secretariat laptop bought 2021-06-15 is due.
      expect((await admin.put('/api/v1/fleet-settings/lifetimes').send({ lifetimes: { laptop: 3 } })).status).toBe(200);
      expect(await alphaPast()).toEqual({ lifetime: 3, past: 5 });
      expect((await admin.put('/api/v1/fleet-settings/lifetimes').send({ lifetimes: { laptop: null } })).status).toBe(200);
      expect(await alphaPast()).toEqual({ lifetime: 5, past: 4 });
    });
  });

  describe('the inventory summary of large scopes', () => {
    it('answers as a live read does, and is rebuilt once too old', async () => {
      const ds = db().dataSource;
      const { user } = await makeUser(ds, [{ role: 'admin', organisationId: null }]);
      const principal = (await loadPrincipal(ds, user.id, 'token'))!;
      let now = NOW;
      const summarised = new DashboardService(ds, () => now, { liveSchoolLimit: 0, refreshAfterMs: 60 * 60_000, maxAgeMs: 60 * 60_000 });
      const live = new DashboardService(ds, () => now);
      const query = { academyId: w.x.academy.id, page: 1, pageSize: 50, sort: { field: 'name' as const, direction: 'ASC' as const } };

      const first = await summarised.fleet(principal, query);
      expect(first).toEqual(await live.fleet(principal, query));

      // A new item: the summary does not see it until it is rebuilt; open reports are always read live.
      const added = await ds.getRepository(EquipmentEntity).save({
        kind: 'printer',
        status: 'in_service',
        assetTag: `SUMMARY-${w.alpha.id}`,
        brand: null,
        model: null,
        serial: null,
        macAddress: null,
        hostname: null,
        communeId: w.alpha.communeId,
        schoolId: w.alpha.id,
        roomId: null,
        containerId: null,
        purchaseDate: null,
        purchasePriceCents: null,
        supplier: null,
        warrantyEndsOn: null,
        funding: 'commune',
        fundingProgramme: null,
        fundingAmountCents: null,
        notes: null,
      });
      now = new Date(NOW.getTime() + 30 * 60_000);
      const cached = await summarised.fleet(principal, query);
      expect(cached.totals.items).toBe(34);
      expect(cached.generatedAt).toBe(NOW.toISOString());

      now = new Date(NOW.getTime() + 61 * 60_000);
      const rebuilt = await summarised.fleet(principal, query);
      expect(rebuilt.totals.items).toBe(35);
      expect(rebuilt.generatedAt).toBe(now.toISOString());
      expect(rebuilt).toEqual(await live.fleet(principal, query));
      await ds.getRepository(EquipmentEntity).update(added.id, { status: 'retired' });
    });
  });
});
