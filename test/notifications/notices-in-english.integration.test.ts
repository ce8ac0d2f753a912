/**
 * What the server composes (notifications, routing reasons) reaches the client as a key and
 * parameters as well as French text, so an English reader sees English; rows written before
 * keep their French.
 */
import type { Express } from 'express';
import { renderNotice, renderRoutingReason, renderTimelineNote, type Notification, type NotificationPage, type Role, type TicketDetail } from '@preau/shared';
import type { Services } from '../../server/src/app';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { agentFor, makeUser, type Agent } from '../support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../support/factories';
import type { SchoolEntity } from '../../server/src/modules/schools/school.entity';
import { NotificationEntity } from '../../server/src/modules/notifications/notification.entity';
import { TicketEntity } from '../../server/src/modules/tickets/ticket.entity';
import { SlaSweepService } from '../../server/src/modules/sla/sla-sweep.service';
import { createLogger } from '../../server/src/logger';

describeEachEngine('server texts in the reader’s language', (db) => {
  let app: Express;
  let services: Services;
  let org: OrgFixture;
  let school: SchoolEntity;
  let teacher: { id: number; agent: Agent };
  let erun: { id: number; agent: Agent };
  let technician: { id: number; agent: Agent };

  async function person(role: Role, organisationId: number | null) {
    const { user } = await makeUser(db().dataSource, [{ role, organisationId }]);
    return { id: user.id, agent: await agentFor(app, services, db().dataSource, user.id) };
  }

  async function inbox(who: { agent: Agent }, ticketId: number): Promise<Notification[]> {
    const res = await who.agent.get('/api/v1/me/notifications').query({ pageSize: 100 });
    expect(res.status).toBe(200);
    return (res.body as NotificationPage).items.filter((item) => item.ticketId === ticketId);
  }

  async function report(body: Record<string, unknown>): Promise<TicketDetail> {
    const res = await teacher.agent.post('/api/v1/tickets').send({ schoolId: school.id, impact: 'one_class', urgency: 'high', category: 'hardware', ...body });
    expect(res.status).toBe(201);
    await services.notifier.idle();
    return res.body as TicketDetail;
  }

  beforeAll(async () => {
    ({ app, services } = testApp(db().dataSource));
    org = await makeOrganisations(db().dataSource);
    school = await makeSchool(db().dataSource, org, 'École Jules Ferry');
    teacher = await person('teacher', school.id);
    erun = await person('erun', org.circonscription.id);
    technician = await person('city_technician', org.commune.id);
  });

  afterAll(async () => {
    await services.notifier.stop();
  });

  it('gives a new notification its key and parameters, which read in English and give back the stored French', async () => {
    const ticket = await report({ title: 'Écran noir', description: 'Le poste du fond reste noir' });
    const [notice] = await inbox(erun, ticket.id);
    expect(notice).toMatchObject({ kind: 'ticket_created', title: 'Nouveau signalement : Écran noir', message: { key: 'reported' } });
    expect(renderNotice(notice!.message!, 'fr')).toEqual({ title: notice!.title, body: notice!.body });
    const english = renderNotice(notice!.message!, 'en')!;
    expect(english.title).toBe('New report: Écran noir');
    expect(english.body).toMatch(/^.+ reports an incident \(École Jules Ferry, hardware fault, priority P2\), handed to Niveau 1 — .+ \(level 1\)\.\n\n“Le poste du fond reste noir”$/);
  });

  it('keeps the French of notifications written before, with no message', async () => {
    const ticket = await report({ title: 'Imprimante' });
    const [notice] = await inbox(erun, ticket.id);
    await db().dataSource.getRepository(NotificationEntity).update({ id: notice!.id }, { message: null, title: 'Ancien titre : Imprimante', body: 'Ancien corps' });
    const [old] = await inbox(erun, ticket.id);
    expect(old).toMatchObject({ id: notice!.id, title: 'Ancien titre : Imprimante', body: 'Ancien corps', message: null });
  });

  it('gives the routing reason and the routing entry of the timeline their composed form, for the default rules', async () => {
    const security = await report({ title: 'Virus', category: 'security' });
    const expected = { key: 'routed', params: { level: 2, group: 'commune_technicians', supplier: null, notifyDirector: true } };
    expect(security.routing).toMatchObject({ reason: "Confié au niveau 2 : les techniciens de la commune. La direction de l'école est prévenue.", reasonText: expected });
    expect(renderRoutingReason(security.routing.reasonText!, 'en')).toBe("Handed to level 2: the town's technicians. The head teacher has been informed.");
    const routed = security.timeline.find((entry) => entry.kind === 'routed');
    expect(routed).toMatchObject({ body: security.routing.reason, bodyText: expected });
    expect(security.timeline.filter((entry) => entry.kind !== 'routed').every((entry) => entry.bodyText === null)).toBe(true);

    // The technicians hear of it; the director's line of the routing reason reads in English too.
    const [notice] = await inbox(technician, security.id);
    expect(renderNotice(notice!.message!, 'en')!.title).toBe('New report: Virus');

    const listed = await technician.agent.get('/api/v1/tickets').query({ pageSize: 100 });
    expect(listed.status).toBe(200);
    expect((listed.body.items as TicketDetail[]).find((item) => item.id === security.id)?.routing.reasonText).toEqual(expected);
  });

  it("leaves a rule's own message as written, in the ticket's reason and in the reporter's notice", async () => {
    const admin = await person('admin', null);
    const equipment = await admin.agent.post('/api/v1/equipment').send({ kind: 'laptop', assetTag: `EN-${process.pid}`, schoolId: school.id, funding: 'donation' });
    expect(equipment.status).toBe(201);
    const ticket = await report({ title: 'Vieux poste', equipmentId: equipment.body.id });
    expect(ticket.routing).toMatchObject({ outOfScope: true, reasonText: null });
    expect(ticket.routing.reason).toMatch(/fonds propres de l'école ou reçu en don/);

    const [notice] = await inbox(teacher, ticket.id);
    expect(notice).toMatchObject({ kind: 'ticket_out_of_scope', message: { key: 'reportOutOfScope', params: { reasonText: null } } });
    expect(renderNotice(notice!.message!, 'en')).toEqual({ title: 'Equipment the town does not maintain: Vieux poste', body: ticket.routing.reason });

    // A ticket routed before: its stored text is all there is, and it is shown as it is.
    await db().dataSource.getRepository(TicketEntity).update({ id: ticket.id }, { routingReason: 'Voir la note de service du 3 mars.' });
    const res = await teacher.agent.get(`/api/v1/tickets/${ticket.id}`);
    expect(res.status).toBe(200);
    expect((res.body as TicketDetail).routing).toMatchObject({ reason: 'Voir la note de service du 3 mars.', reasonText: null });
  });

  it("gives the deadline sweep's timeline entries their composed form, not a person's closing comment", async () => {
    const ticket = await report({ title: 'Borne muette' });
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await db().dataSource.getRepository(TicketEntity).update({ id: ticket.id }, { firstResponseDueAt: new Date(now.getTime() - 60_000), resolutionDueAt: new Date(now.getTime() + 20 * 60_000) });
    const sweeper = new SlaSweepService(db().dataSource, services.events, services.notifier, { warningLeadMinutes: 60 }, createLogger('silent'));
    await sweeper.sweep(now);
    await services.notifier.idle();

    const res = await erun.agent.get(`/api/v1/tickets/${ticket.id}`);
    expect(res.status).toBe(200);
    const swept = (res.body as TicketDetail).timeline.filter((entry) => entry.kind === 'breached' || entry.kind === 'breach_warning');
    expect(swept.map((entry) => [entry.body, entry.bodyText])).toEqual([
      ['Délai de première réponse dépassé', { key: 'deadlinePassed', params: { target: 'first_response' } }],
      ['Échéance de résolution proche', { key: 'deadlineNear', params: { target: 'resolution' } }],
    ]);
    expect(swept.map((entry) => renderTimelineNote(entry.bodyText!, 'en'))).toEqual(['First response overdue', 'Resolution due soon']);

    // A person who closes with the very words of the automatic close wrote them: they stay theirs.
    await erun.agent.post(`/api/v1/tickets/${ticket.id}/resolve`).send({ version: (res.body as TicketDetail).version, resolution: 'Rebranchée' });
    const resolved = (await teacher.agent.get(`/api/v1/tickets/${ticket.id}`)).body as TicketDetail;
    const closed = await teacher.agent.post(`/api/v1/tickets/${ticket.id}/close`).send({ version: resolved.version, rating: 4, comment: 'Clôture automatique 5 jours après la résolution' });
    expect(closed.status).toBe(200);
    expect((closed.body as TicketDetail).timeline.at(-1)).toMatchObject({ kind: 'closed', bodyText: null });
  });
});
