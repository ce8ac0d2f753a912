import { CommuneTicketSettings, type CommuneTicketSettingsView, type TicketConfigCommunes } from '@preau/shared';
import { AcademyEntity } from '../../server/src/modules/organisations/academy.entity';
import { CommuneEntity } from '../../server/src/modules/organisations/commune.entity';
import { CommuneTicketSettingsEntity } from '../../server/src/modules/tickets/commune-settings.entity';
import { settingsOf } from '../../server/src/modules/tickets/ticket-clock';
import { describeEachEngine } from '../support/databases';
import { agentFor, makeUser, type Agent } from '../support/auth';
import { auditEntries, buildWorld, fileReport, problemOf, type World } from './world';

describeEachEngine('commune ticket settings API', (db) => {
  let w: World;
  let reunion: CommuneEntity;
  let managerOfReunion: Agent;

  beforeAll(async () => {
    w = await buildWorld(db().dataSource);
    const academy = await w.ds.getRepository(AcademyEntity).save({ code: 'reunion', name: 'Académie de La Réunion' });
    reunion = await w.ds.getRepository(CommuneEntity).save({ name: 'Saint-Denis', inseeCode: null, academyId: academy.id });
    managerOfReunion = await agentFor(w.app, w.services, w.ds, (await makeUser(w.ds, [{ role: 'city_manager', organisationId: reunion.id }])).user.id);
  });

  const url = (communeId: number) => `/api/v1/communes/${communeId}/ticket-settings`;

  it('shows the defaults in force while a commune has saved nothing, with what its académie suggests for the calendar', async () => {
    const res = await managerOfReunion.get(url(reunion.id));
    expect(res.status).toBe(200);
    const view = res.body as CommuneTicketSettingsView;
    expect(view).toMatchObject({ communeId: reunion.id, stored: false });
    // Nothing saved: the académie's calendar (Réunion time, holidays and school periods), default targets.
    expect(view.settings).toMatchObject({ ...CommuneTicketSettings.parse({}), calendar: expect.anything() });
    expect(view.settings.calendar).toMatchObject({ timeZone: 'Indian/Reunion', holidayZone: 'none', regionalHolidays: ['reunion'] });
    expect(view.settings.calendar.extraHolidayPeriods.length).toBeGreaterThan(0);
    // The same values the ticket clock uses.
    expect(view.settings).toEqual(JSON.parse(JSON.stringify(await settingsOf(w.ds.manager, reunion.id))));
    expect(view.calendarHints).toEqual({ timeZone: 'Indian/Reunion', holidayZone: 'none', regionalHolidays: ['reunion'] });
    // An académie code the table does not know suggests nothing.
    expect((await w.admin.get(url(w.a.commune.id))).body.calendarHints).toBeNull();
  });

  it('keeps the académie’s calendar when a change leaves the calendar out', async () => {
    const saintPaul = await w.ds.getRepository(CommuneEntity).save({ name: 'Saint-Paul', inseeCode: null, academyId: reunion.academyId });
    const res = await w.admin.put(url(saintPaul.id)).send({ requireDirectorApproval: true });
    expect(res.status).toBe(200);
    const view = res.body as CommuneTicketSettingsView;
    expect(view).toMatchObject({ stored: true, settings: { requireDirectorApproval: true } });
    // Réunion time and periods still, not the national default's Paris and zone C.
    expect(view.settings.calendar).toMatchObject({ timeZone: 'Indian/Reunion', holidayZone: 'none', regionalHolidays: ['reunion'] });
    expect((await settingsOf(w.ds.manager, saintPaul.id)).calendar.timeZone).toBe('Indian/Reunion');
  });

  it('replaces the settings for the commune’s city manager, which the ticket clock then reads', async () => {
    const body = {
      requireDirectorApproval: false,
      calendar: { timeZone: 'Indian/Reunion', holidayZone: 'none', regionalHolidays: ['reunion'], extraClosedDays: ['2026-12-21'] },
      reopenDays: 3,
      autoCloseDays: 10,
    };
    const res = await managerOfReunion.put(url(reunion.id)).send(body);
    expect(res.status).toBe(200);
    const view = res.body as CommuneTicketSettingsView;
    expect(view.stored).toBe(true);
    expect(view.settings).toMatchObject({ reopenDays: 3, autoCloseDays: 10, calendar: { timeZone: 'Indian/Reunion', holidayZone: 'none', extraClosedDays: ['2026-12-21'] } });
    expect(view.settings.targets).toEqual(CommuneTicketSettings.parse({}).targets);

    const inForce = await settingsOf(w.ds.manager, reunion.id);
    expect(inForce).toMatchObject({ reopenDays: 3, autoCloseDays: 10, calendar: { timeZone: 'Indian/Reunion', regionalHolidays: ['reunion'] } });
    expect((await managerOfReunion.get(url(reunion.id))).body).toEqual(view);

    // A second PUT replaces the whole: what it leaves out returns to its default (the calendar to the académie's).
    const again = await managerOfReunion.put(url(reunion.id)).send({ reopenDays: 2 });
    expect(again.status).toBe(200);
    expect(again.body.settings).toEqual({ ...CommuneTicketSettings.parse({ reopenDays: 2 }), calendar: expect.anything() });
    expect(again.body.settings.calendar).toMatchObject({ timeZone: 'Indian/Reunion', regionalHolidays: ['reunion'], extraClosedDays: [] });
    expect(await w.ds.getRepository(CommuneTicketSettingsEntity).countBy({ communeId: reunion.id })).toBe(1);

    const trail = await auditEntries(w.ds, 'commune_ticket_settings.updated', reunion.id);
    expect(trail).toHaveLength(2);
    expect(trail[0]!.communeId).toBe(reunion.id);
  });

  it('refuses a save over someone else’s (409 on a stale version) and keeps theirs; a save without a version replaces whatever is there', async () => {
    const saintPierre = await w.ds.getRepository(CommuneEntity).save({ name: 'Saint-Pierre', inseeCode: null, academyId: reunion.academyId });
    const first = await w.admin.get(url(saintPierre.id));
    expect(first.body).toMatchObject({ stored: false, version: 0 });

    // Two people open the settings; the first to save wins, the second is told.
    const saved = await w.admin.put(url(saintPierre.id)).send({ version: 0, reopenDays: 4 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ stored: true, version: 1, settings: { reopenDays: 4 } });
    const stale = await w.admin.put(url(saintPierre.id)).send({ version: 0, reopenDays: 1 });
    expect(stale.status).toBe(409);
    expect(problemOf(stale).code).toBe('VERSION_CONFLICT');
    expect((await w.admin.get(url(saintPierre.id))).body).toMatchObject({ version: 1, settings: { reopenDays: 4 } });

    // From the version just read: saved, one more.
    const next = await w.admin.put(url(saintPierre.id)).send({ version: 1, reopenDays: 2 });
    expect(next.body).toMatchObject({ version: 2, settings: { reopenDays: 2 } });
    expect((await w.admin.put(url(saintPierre.id)).send({ version: 1, reopenDays: 1 })).status).toBe(409);
    // A script that sends no version replaces them all the same.
    expect((await w.admin.put(url(saintPierre.id)).send({ reopenDays: 1 })).body).toMatchObject({ version: 3, settings: { reopenDays: 1 } });
    expect((await w.admin.put(url(saintPierre.id)).send({ version: -1 })).status).toBe(422);
    expect(await auditEntries(w.ds, 'commune_ticket_settings.updated', saintPierre.id)).toHaveLength(3);
  });

  it("lets only the commune's city managers and administrators change it; its staff read it; others do not see it", async () => {
    const valid = { reopenDays: 4 };
    // Reading: whoever works the commune's tickets.
    for (const reader of [w.managerA, w.technicianA, w.rectorateA, w.erunA, w.admin]) {
      expect((await reader.get(url(w.a.commune.id))).status).toBe(200);
    }
    expect((await w.teacherA1.get(url(w.a.commune.id))).status).toBe(403);
    expect((await w.directorA1.get(url(w.a.commune.id))).status).toBe(403);
    expect(problemOf(await w.technicianA.get(url(w.b.commune.id)))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await w.managerA.get(url(w.b.commune.id))).status).toBe(404);
    expect((await w.admin.get(url(987654))).status).toBe(404);

    // Changing: the commune's city manager or an administrator.
    expect((await w.managerA.put(url(w.a.commune.id)).send(valid)).status).toBe(200);
    expect((await w.admin.put(url(w.b.commune.id)).send(valid)).status).toBe(200);
    expect(problemOf(await w.managerA.put(url(w.b.commune.id)).send({ reopenDays: 3 }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await w.technicianA.put(url(w.a.commune.id)).send({ reopenDays: 3 })).status).toBe(403);
    expect((await w.rectorateA.put(url(w.a.commune.id)).send({ reopenDays: 3 })).status).toBe(403);
    expect((await w.admin.put(url(987654)).send(valid)).status).toBe(404);
    expect((await settingsOf(w.ds.manager, w.b.commune.id)).reopenDays).toBe(4);
  });

  it('lists the communes each reader opens, by name, and those they change', async () => {
    const communes = async (reader: Agent) => {
      const res = await reader.get('/api/v1/ticket-settings/communes');
      expect(res.status).toBe(200);
      return (res.body as TicketConfigCommunes).items;
    };
    const a = { id: w.a.commune.id, name: w.a.commune.name };
    expect(await communes(w.managerA)).toEqual([{ ...a, configurable: true }]);
    // Staff working commune A's tickets, through the commune, the académie or a school's circonscription.
    for (const reader of [w.technicianA, w.rectorateA, w.erunA]) expect(await communes(reader)).toEqual([{ ...a, configurable: false }]);
    // Every commune for an administrator, in name order.
    const all = await communes(w.admin);
    expect(all.map((commune) => commune.id)).toEqual(expect.arrayContaining([w.a.commune.id, w.b.commune.id, reunion.id]));
    expect(all.every((commune) => commune.configurable)).toBe(true);
    // Only administrators change the global rules.
    expect((await w.admin.get('/api/v1/ticket-settings/communes')).body.configuresGlobalRules).toBe(true);
    expect((await w.managerA.get('/api/v1/ticket-settings/communes')).body.configuresGlobalRules).toBe(false);
    expect(all.map((commune) => commune.name)).toEqual([...all.map((commune) => commune.name)].sort((x, y) => x.localeCompare(y, 'fr')));
    expect((await w.teacherA1.get('/api/v1/ticket-settings/communes')).status).toBe(403);
  });

  it('refuses a reopening period longer than the auto-close delay (422 on reopenDays), and keeps what was saved', async () => {
    const before = await w.managerA.get(url(w.a.commune.id));
    const res = await w.managerA.put(url(w.a.commune.id)).send({ reopenDays: 8, autoCloseDays: 7 });
    expect(problemOf(res)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['reopenDays'] });
    expect((await w.managerA.get(url(w.a.commune.id))).body).toEqual(before.body);
    expect((await w.managerA.put(url(w.a.commune.id)).send({ reopenDays: 7, autoCloseDays: 7 })).status).toBe(200);
    // As the test before left it: the next one expects it.
    expect((await w.managerA.put(url(w.a.commune.id)).send({ reopenDays: 4 })).status).toBe(200);
  });

  it('lists every invalid field with its path', async () => {
    const res = await w.managerA.put(url(w.a.commune.id)).send({
      requireDirectorApproval: 'yes',
      calendar: { timeZone: 'Mars/Olympus', openingHours: { mon: [{ start: '17:00', end: '08:00' }] } },
      targets: { P1: { firstResponseMinutes: 600, resolutionMinutes: 60 } },
      reopenDays: -1,
      autoClose: 3,
    });
    const problem = problemOf(res);
    expect(problem).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(problem.fields).toEqual(
      expect.arrayContaining(['requireDirectorApproval', 'calendar.timeZone', 'calendar.openingHours.tue', 'targets.P2', 'reopenDays', '']),
    );
    expect((await settingsOf(w.ds.manager, w.a.commune.id)).reopenDays).toBe(4);
  });

  it("holds a teacher's new report for the director's approval once the commune asks for it", async () => {
    expect((await fileReport(w.teacherA1, w.schoolA1.id)).approval).toBe('not_required');

    const on = await w.managerA.put(url(w.a.commune.id)).send({ requireDirectorApproval: true });
    expect(on.body.settings.requireDirectorApproval).toBe(true);
    const held = await fileReport(w.teacherA1, w.schoolA1.id);
    expect(held.approval).toBe('pending');
    expect(held.resolutionDueAt).toBeNull();
    // The director's own reports, and other communes' teachers, are not held.
    expect((await fileReport(w.directorA1, w.schoolA1.id)).approval).toBe('not_required');
    expect((await fileReport(w.teacherB1, w.schoolB1.id)).approval).toBe('not_required');

    // The settings say how many wait; turning approval off leaves them with their director.
    expect((await w.managerA.get(url(w.a.commune.id))).body.awaitingApproval).toBe(1);
    expect((await w.managerB.get(url(w.b.commune.id))).body.awaitingApproval).toBe(0);
    const off = await w.managerA.put(url(w.a.commune.id)).send({ requireDirectorApproval: false });
    expect(off.body.awaitingApproval).toBe(1);
    expect((await fileReport(w.teacherA1, w.schoolA1.id)).approval).toBe('not_required');
    expect((await w.directorA1.get(`/api/v1/tickets/${held.id}`)).body.approval).toBe('pending');
  });
});
