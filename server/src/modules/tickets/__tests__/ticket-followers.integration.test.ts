import type { Notification, NotificationPage, OpenReport, Ticket, TicketDetail } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool } from '../../../../../test/support/factories';
import type { SchoolEntity } from '../../schools/school.entity';
import { actOk, fileReport, handToCommune, makeItem, problemOf, ticketApp, type Person, type TicketApp } from './ticket-fixtures';

describeEachEngine('following a report filed by someone else', (db) => {
  let t: TicketApp;
  let school: SchoolEntity;
  let reporter: Person;
  let colleague: Person;
  let director: Person;
  let technician: Person;
  let elsewhere: Person;
  let projector: { id: number };

  beforeAll(async () => {
    const ds = db().dataSource;
    t = await ticketApp(ds);
    const org = await makeOrganisations(ds);
    school = await makeSchool(ds, org, 'École primaire Les Flamboyants');
    reporter = await t.person('teacher', school.id, 'Awa Diallo');
    colleague = await t.person('teacher', school.id, 'Marc Payet');
    director = await t.person('director', school.id, 'Directrice des Flamboyants');
    technician = await t.person('city_technician', org.commune.id, 'Technicien de la commune');
    elsewhere = await t.person('teacher', (await makeSchool(ds, org, 'École voisine')).id, 'Enseignant voisin');
    projector = await makeItem(t.admin, school.id, { kind: 'projector' });
  });

  const ds = () => db().dataSource;
  const openReports = (who: Person, query: Record<string, unknown>) => who.api.get('/api/v1/tickets/open-reports').query(query);
  const inbox = async (who: Person, ticketId: number): Promise<Notification[]> => {
    const page = (await who.api.get('/api/v1/me/notifications').query({ pageSize: 500 })).body as NotificationPage;
    return page.items.filter((item) => item.ticketId === ticketId);
  };

  it('offers a colleague the open reports on the same item, without the description or the reporter', async () => {
    const filed = await fileReport(reporter.api, school.id, { category: 'hardware', equipmentId: projector.id, title: 'Le vidéoprojecteur clignote', description: 'Mot de passe de session : 1234' });
    const other = await fileReport(reporter.api, school.id, { category: 'internet', title: 'Internet coupé' });

    const res = await openReports(colleague, { schoolId: school.id, equipmentId: projector.id });
    expect(res.status).toBe(200);
    const offered = res.body as OpenReport[];
    expect(offered.map((r) => r.id)).toContain(filed.id);
    expect(offered.map((r) => r.id)).not.toContain(other.id);
    expect(offered.find((r) => r.id === filed.id)).toEqual({
      id: filed.id,
      reference: filed.reference,
      title: 'Le vidéoprojecteur clignote',
      status: 'new',
      level: 1,
      groupLabel: filed.assignedGroup.label,
      createdAt: filed.createdAt,
      relation: 'none',
    });
    expect(JSON.stringify(offered)).not.toContain('1234');

    // A service: the same category at the school.
    const byService = (await openReports(colleague, { schoolId: school.id, category: 'internet' })).body as OpenReport[];
    expect(byService.map((r) => r.id)).toContain(other.id);
    expect(byService.every((r) => r.id !== filed.id)).toBe(true);
    // The reporter sees their own marked as theirs.
    expect(((await openReports(reporter, { schoolId: school.id, equipmentId: projector.id })).body as OpenReport[]).find((r) => r.id === filed.id)?.relation).toBe('reporter');
  });

  it('refuses the list outside the school (404) and without an item or a category (422)', async () => {
    expect(problemOf(await openReports(elsewhere, { schoolId: school.id, category: 'internet' }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(problemOf(await openReports(colleague, { schoolId: school.id }))).toMatchObject({ status: 422, fields: ['equipmentId'] });
    expect(problemOf(await openReports(colleague, { schoolId: 'x', category: 'internet' }))).toMatchObject({ status: 422, fields: ['schoolId'] });
  });

  it('lets a colleague follow it: they read it, find it in their reports and hear of its public steps', async () => {
    const filed = await handToCommune(ds(), await fileReport(reporter.api, school.id, { category: 'hardware', equipmentId: projector.id, title: 'Image verte' }));
    expect((await colleague.api.get(`/api/v1/tickets/${filed.id}`)).status).toBe(404);

    const followed = await colleague.api.post(`/api/v1/tickets/${filed.id}/follow`);
    expect(followed.status).toBe(200);
    expect(followed.body as TicketDetail).toMatchObject({ id: filed.id, viewerFollows: true, viewerHolds: false });
    // Twice is once.
    expect((await colleague.api.post(`/api/v1/tickets/${filed.id}/follow`)).status).toBe(200);

    expect((await colleague.api.get(`/api/v1/tickets/${filed.id}`)).body).toMatchObject({ id: filed.id, viewerFollows: true });
    const mine = (await colleague.api.get('/api/v1/tickets').query({ mine: 'true', pageSize: 500 })).body.items as Ticket[];
    expect(mine.map((x) => x.id)).toContain(filed.id);
    expect(((await openReports(colleague, { schoolId: school.id, equipmentId: projector.id })).body as OpenReport[]).find((r) => r.id === filed.id)?.relation).toBe('follower');

    await actOk(ds(), technician.api, filed.id, 'comments', { body: 'Câble VGA à changer, je passe demain' });
    await actOk(ds(), technician.api, filed.id, 'comments', { body: 'Lampe en fin de vie', internal: true });
    await t.services.notifier.idle();
    const heard = await inbox(colleague, filed.id);
    expect(heard.map((n) => n.body).join('\n')).toContain('Câble VGA à changer');
    expect(heard.map((n) => n.body).join('\n')).not.toContain('Lampe en fin de vie');
    // The follower reads public steps only.
    const timeline = ((await colleague.api.get(`/api/v1/tickets/${filed.id}`)).body as TicketDetail).timeline;
    expect(timeline.some((e) => e.internal)).toBe(false);

    expect((await colleague.api.delete(`/api/v1/tickets/${filed.id}/follow`)).status).toBe(204);
    expect((await colleague.api.get(`/api/v1/tickets/${filed.id}`)).status).toBe(404);
  });

  it('lets the director follow too, follows nothing for the reporter, and refuses a closed report (409; 404 to whom it is not offered) or another school (404)', async () => {
    const filed = await handToCommune(ds(), await fileReport(reporter.api, school.id, { category: 'hardware', equipmentId: projector.id }));
    expect(((await director.api.post(`/api/v1/tickets/${filed.id}/follow`)).body as TicketDetail).viewerFollows).toBe(true);
    expect(((await reporter.api.post(`/api/v1/tickets/${filed.id}/follow`)).body as TicketDetail).viewerFollows).toBe(false);
    expect(problemOf(await elsewhere.api.post(`/api/v1/tickets/${filed.id}/follow`))).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    await actOk(ds(), technician.api, filed.id, 'resolve', { resolution: 'Lampe changée' });
    expect(problemOf(await director.api.post(`/api/v1/tickets/${filed.id}/follow`))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    // The offer no longer shows it to a colleague: unknown to them, as any report they may not follow.
    expect(problemOf(await colleague.api.post(`/api/v1/tickets/${filed.id}/follow`))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
