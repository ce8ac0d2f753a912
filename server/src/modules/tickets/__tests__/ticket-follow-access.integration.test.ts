import type { NotificationPage, OpenReport, Ticket, TicketDetail } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import type { SchoolEntity } from '../../schools/school.entity';
import { actOk, fileReport, handToCommune, problemOf, setCommuneSettings, ticketApp, type Person, type TicketApp } from './ticket-fixtures';

/** Following lets a colleague read only what the open-reports offer would show them (issue 4 audit). */
describeEachEngine('following: only what the open-reports offer shows', (db) => {
  let t: TicketApp;
  let org: OrgFixture;
  let school: SchoolEntity;
  let reporter: Person;
  let colleague: Person;
  let director: Person;
  let technician: Person;

  beforeAll(async () => {
    const ds = db().dataSource;
    t = await ticketApp(ds);
    org = await makeOrganisations(ds);
    school = await makeSchool(ds, org, 'École élémentaire Les Badamiers');
    reporter = await t.person('teacher', school.id, 'Aline Grondin');
    colleague = await t.person('teacher', school.id, 'Bruno Hoarau');
    director = await t.person('director', school.id, 'Directrice des Badamiers');
    technician = await t.person('city_technician', org.commune.id, 'Technicien de la commune');
  });

  const ds = () => db().dataSource;
  const offer = async (who: Person, category: string): Promise<number[]> => {
    const res = await who.api.get('/api/v1/tickets/open-reports').query({ schoolId: school.id, category });
    expect(res.status).toBe(200);
    return (res.body as OpenReport[]).map((r) => r.id);
  };
  const listed = async (who: Person, query: Record<string, string> = {}): Promise<number[]> => {
    const res = await who.api.get('/api/v1/tickets').query({ pageSize: 500, ...query });
    expect(res.status).toBe(200);
    return (res.body.items as Ticket[]).map((x) => x.id);
  };
  /** Everything a follower could do with the ticket: each must answer as for a ticket that does not exist. */
  const expectHidden = async (who: Person, id: number) => {
    const unknown = problemOf(await who.api.post('/api/v1/tickets/999999/follow'));
    expect(unknown).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(problemOf(await who.api.post(`/api/v1/tickets/${id}/follow`))).toEqual(unknown);
    expect(problemOf(await who.api.get(`/api/v1/tickets/${id}`))).toEqual(unknown);
    expect(problemOf(await who.api.post(`/api/v1/tickets/${id}/comments`).send({ body: 'Chez moi aussi' }))).toEqual(unknown);
    expect(problemOf(await who.api.get(`/api/v1/tickets/${id}/attachments`))).toEqual(unknown);
    expect(await listed(who)).not.toContain(id);
  };

  it("refuses a colleague's security report as an unknown ticket, and does not offer it", async () => {
    const report = await fileReport(reporter.api, school.id, { category: 'security', title: 'Intrusion dans la salle info', description: 'La porte arrière ne ferme plus' });

    expect(await offer(colleague, 'security')).not.toContain(report.id);
    await expectHidden(colleague, report.id);
    // The refusal wrote nothing: the colleague still does not follow it.
    expect(await listed(colleague, { mine: 'true' })).not.toContain(report.id);

    // Its reporter is offered their own report (so as not to file it twice); the director, who reads it, may follow it.
    expect(await offer(reporter, 'security')).toContain(report.id);
    const followed = await director.api.post(`/api/v1/tickets/${report.id}/follow`);
    expect(followed.status).toBe(200);
    expect((followed.body as TicketDetail).description).toBe('La porte arrière ne ferme plus');
  });

  it("refuses a report waiting for the director's approval, and lets colleagues follow it once approved", async () => {
    const approvalOrg = await makeOrganisations(ds());
    await setCommuneSettings(ds(), approvalOrg.commune.id, { requireDirectorApproval: true });
    const here = await makeSchool(ds(), approvalOrg, 'École des Vacoas');
    const [teacherHere, colleagueHere, directorHere] = await Promise.all([
      t.person('teacher', here.id, 'Enseignante des Vacoas'),
      t.person('teacher', here.id, 'Collègue des Vacoas'),
      t.person('director', here.id, 'Directeur des Vacoas'),
    ]);
    const report = await fileReport(teacherHere.api, here.id, { category: 'internet', title: 'Plus de wifi', description: 'Code du wifi : 8841' });
    expect(report.approval).toBe('pending');
    const offered = async () => ((await colleagueHere.api.get('/api/v1/tickets/open-reports').query({ schoolId: here.id, category: 'internet' })).body as OpenReport[]).map((r) => r.id);

    expect(await offered()).not.toContain(report.id);
    await expectHidden(colleagueHere, report.id);

    await actOk(ds(), directorHere.api, report.id, 'approve', {});
    expect(await offered()).toContain(report.id);
    const followed = await colleagueHere.api.post(`/api/v1/tickets/${report.id}/follow`);
    expect(followed.status).toBe(200);
    expect(followed.body as TicketDetail).toMatchObject({ id: report.id, viewerFollows: true, description: 'Code du wifi : 8841' });
  });

  it('refuses a resolved report to a colleague who does not read it (404), and to one who does as a transition (409)', async () => {
    const report = await handToCommune(ds(), await fileReport(reporter.api, school.id, { category: 'printing' }));
    await actOk(ds(), technician.api, report.id, 'resolve', { resolution: 'Toner changé' });

    expect(await offer(colleague, 'printing')).not.toContain(report.id);
    expect(problemOf(await colleague.api.post(`/api/v1/tickets/${report.id}/follow`))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(problemOf(await director.api.post(`/api/v1/tickets/${report.id}/follow`))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('keeps a follower reading the report after it is resolved: following is for its whole life', async () => {
    const report = await handToCommune(ds(), await fileReport(reporter.api, school.id, { category: 'hardware', title: 'Tableau numérique muet' }));
    expect((await colleague.api.post(`/api/v1/tickets/${report.id}/follow`)).status).toBe(200);
    await actOk(ds(), technician.api, report.id, 'resolve', { resolution: 'Haut-parleurs rebranchés' });

    expect((await colleague.api.get(`/api/v1/tickets/${report.id}`)).body).toMatchObject({ status: 'resolved', viewerFollows: true });
    expect(await listed(colleague, { mine: 'true' })).toContain(report.id);
    // Following again is a transition on a ticket they read, not an unknown one.
    expect(problemOf(await colleague.api.post(`/api/v1/tickets/${report.id}/follow`))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('hides a followed report from its follower once it becomes a security report, and shows it again if it stops being one', async () => {
    const report = await fileReport(reporter.api, school.id, { category: 'other', title: 'Fenêtre cassée', description: 'Carreau fendu en salle 3' });
    expect((await colleague.api.post(`/api/v1/tickets/${report.id}/follow`)).status).toBe(200);
    expect(await listed(colleague)).toContain(report.id);

    // Recategorised by its holding group (plain SQL: the category is what matters here).
    await ds().query("UPDATE ticket SET category = 'security' WHERE id = ?", [report.id]);
    await expectHidden(colleague, report.id);
    expect(await listed(colleague, { mine: 'true' })).not.toContain(report.id);
    // The director still reads it; what is said on it meanwhile does not reach the follower.
    expect((await director.api.get(`/api/v1/tickets/${report.id}`)).status).toBe(200);
    await actOk(ds(), director.api, report.id, 'comments', { body: 'La fenêtre a été forcée cette nuit' });
    await t.services.notifier.idle();
    const inbox = (await colleague.api.get('/api/v1/me/notifications').query({ pageSize: 500 })).body as NotificationPage;
    expect(JSON.stringify(inbox.items.filter((n) => n.ticketId === report.id))).not.toContain('forcée');
    expect(JSON.stringify((await reporter.api.get('/api/v1/me/notifications').query({ pageSize: 500 })).body)).toContain('forcée');

    await ds().query("UPDATE ticket SET category = 'other' WHERE id = ?", [report.id]);
    expect((await colleague.api.get(`/api/v1/tickets/${report.id}`)).body).toMatchObject({ id: report.id, viewerFollows: true });
  });

  it('lets a follower stop following a report hidden from them since, and answers others as for an unknown ticket', async () => {
    const report = await fileReport(reporter.api, school.id, { category: 'other', title: 'Store bloqué' });
    expect((await colleague.api.post(`/api/v1/tickets/${report.id}/follow`)).status).toBe(200);
    await ds().query("UPDATE ticket SET category = 'security' WHERE id = ?", [report.id]);

    expect((await colleague.api.delete(`/api/v1/tickets/${report.id}/follow`)).status).toBe(204);
    // Stopped for good: nothing comes back when the report is shared again.
    await ds().query("UPDATE ticket SET category = 'other' WHERE id = ?", [report.id]);
    expect((await colleague.api.get(`/api/v1/tickets/${report.id}`)).status).toBe(404);

    const secret = await fileReport(reporter.api, school.id, { category: 'security' });
    expect(problemOf(await colleague.api.delete(`/api/v1/tickets/${secret.id}/follow`))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('hides followed reports from a teacher who has left the school', async () => {
    const mover = await t.person('teacher', school.id, 'Enseignant muté');
    const report = await fileReport(reporter.api, school.id, { category: 'other', title: 'Radiateur froid' });
    expect((await mover.api.post(`/api/v1/tickets/${report.id}/follow`)).status).toBe(200);
    expect(await listed(mover)).toContain(report.id);

    const elsewhere = await makeSchool(ds(), org, 'École de la mutation');
    await ds().query('UPDATE membership SET organisation_id = ? WHERE user_id = ?', [elsewhere.id, mover.id]);
    expect((await mover.api.get(`/api/v1/tickets/${report.id}`)).status).toBe(404);
    expect(await listed(mover)).not.toContain(report.id);
  });
});
