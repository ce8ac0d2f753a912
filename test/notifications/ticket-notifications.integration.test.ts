/**
 * Who hears of what happens to a ticket, in the app and by e-mail. Mail goes through a real
 * SMTP server started here, and the tests read what it received.
 */
import type { Express } from 'express';
import type { ParsedMail } from 'mailparser';
import type { Notification, NotificationPage, Role, TicketDetail } from '@preau/shared';
import type { Services } from '../../server/src/app';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { agentFor, makeUser, type Agent } from '../support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../support/factories';
import type { SchoolEntity } from '../../server/src/modules/schools/school.entity';
import { CommuneTicketSettingsEntity } from '../../server/src/modules/tickets/commune-settings.entity';
import { startMailSink, type MailSink } from './mail-sink';
import { NotificationDispatchEntity } from '../../server/src/modules/notifications/notification-dispatch.entity';
import { TicketEventEntity } from '../../server/src/modules/tickets/ticket-event.entity';
import { insertTimeline } from '../../server/src/modules/tickets/ticket-store';

const PUBLIC_URL = 'https://preau.example.fr';

interface Person {
  id: number;
  email: string | null;
  agent: Agent;
}

describeEachEngine('ticket notifications', (db) => {
  let sink: MailSink;
  let app: Express;
  let services: Services;
  let org: OrgFixture;
  let school: SchoolEntity;
  let people: Record<'teacher' | 'director' | 'erun' | 'erunNoMail' | 'technician' | 'manager' | 'admin', Person>;
  let n = 0;

  async function person(role: Role, organisationId: number | null, withEmail = true): Promise<Person> {
    const email = withEmail ? `${role}-${++n}-${process.pid}@ecoles.example.fr` : null;
    const { user } = await makeUser(db().dataSource, [{ role, organisationId }], { email });
    return { id: user.id, email, agent: await agentFor(app, services, db().dataSource, user.id) };
  }

  async function inbox(who: Person, ticketId?: number): Promise<Notification[]> {
    const res = await who.agent.get('/api/v1/me/notifications').query({ pageSize: 500 });
    expect(res.status).toBe(200);
    const page = res.body as NotificationPage;
    return ticketId === undefined ? page.items : page.items.filter((item) => item.ticketId === ticketId);
  }

  async function report(who: Person, body: Record<string, unknown>): Promise<TicketDetail> {
    const res = await who.agent.post('/api/v1/tickets').send({ schoolId: school.id, impact: 'one_class', urgency: 'high', category: 'hardware', ...body });
    expect(res.status).toBe(201);
    await services.notifier.idle();
    return res.body as TicketDetail;
  }

  async function act(who: Person, ticketId: number, action: string, body: Record<string, unknown>): Promise<TicketDetail> {
    const current = await who.agent.get(`/api/v1/tickets/${ticketId}`);
    const res = await who.agent.post(`/api/v1/tickets/${ticketId}/${action}`).send({ version: current.body.version, ...body });
    expect(res.status).toBe(200);
    await services.notifier.idle();
    return res.body as TicketDetail;
  }

  async function item(fields: Record<string, unknown>): Promise<number> {
    const res = await people.admin.agent.post('/api/v1/equipment').send({ kind: 'laptop', assetTag: `NOTIF-${++n}`, schoolId: school.id, ...fields });
    expect(res.status).toBe(201);
    return res.body.id as number;
  }

  const mailsAbout = (who: Person, reference: string): ParsedMail[] => sink.to(who.email!).filter((mail) => mail.subject?.includes(reference));

  beforeAll(async () => {
    sink = await startMailSink();
    ({ app, services } = testApp(db().dataSource, { SMTP_URL: sink.url, PUBLIC_URL, MAIL_FROM: 'Préau <preau@ville.example.fr>' }));
    org = await makeOrganisations(db().dataSource);
    school = await makeSchool(db().dataSource, org, 'École Jules Ferry');
    people = {
      teacher: await person('teacher', school.id),
      director: await person('director', school.id),
      erun: await person('erun', org.circonscription.id),
      erunNoMail: await person('erun', org.circonscription.id, false),
      technician: await person('city_technician', org.commune.id),
      manager: await person('city_manager', org.commune.id),
      admin: await person('admin', null),
    };
  });

  afterAll(async () => {
    await services.notifier.stop();
    await sink.close();
  });

  it("tells the circonscription's ERUN of a teacher's report, in the app and by e-mail with a link; the reporter hears nothing of their own report", async () => {
    const ticket = await report(people.teacher, { title: 'Écran noir', description: 'Le poste du fond reste noir <script>alert(1)</script>' });

    const [notice] = await inbox(people.erun, ticket.id);
    expect(notice).toMatchObject({ kind: 'ticket_created', title: 'Nouveau signalement : Écran noir', link: `/incidents/${ticket.id}`, readAt: null });
    expect(notice!.body).toContain('École Jules Ferry');

    const mails = mailsAbout(people.erun, ticket.reference);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`[Préau] ${ticket.reference} — Nouveau signalement : Écran noir`);
    expect(mail.from?.value[0]?.address).toBe('preau@ville.example.fr');
    expect(mail.text).toContain(`${PUBLIC_URL}/incidents/${ticket.id}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/incidents/${ticket.id}"`);
    // What people typed is escaped in the HTML part.
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('<script>');

    expect(await inbox(people.teacher, ticket.id)).toEqual([]);
    expect(sink.to(people.teacher.email!).filter((m) => m.subject?.includes(ticket.reference))).toEqual([]);
    // Level 1 holds it: the city's technicians and the director (not a security report) are not told.
    expect(await inbox(people.technician, ticket.id)).toEqual([]);
    expect(await inbox(people.director, ticket.id)).toEqual([]);
  });

  it('notifies an account without an e-mail address in the app only', async () => {
    const ticket = await report(people.teacher, { title: 'Souris cassée' });
    expect(await inbox(people.erunNoMail, ticket.id)).toHaveLength(1);
    // Exactly one e-mail for the report: the ERUN who has an address.
    expect(sink.messages.filter((m) => m.subject?.includes(ticket.reference))).toHaveLength(1);
  });

  it('on escalation, tells the commune technicians and tells the reporter of the new level; not the ERUN who escalated', async () => {
    const ticket = await report(people.teacher, { title: 'Imprimante muette' });
    await act(people.erun, ticket.id, 'escalate', { note: 'Câble et pilote vérifiés, toujours aucune impression' });

    for (const staff of [people.technician, people.manager]) {
      const [notice] = await inbox(staff, ticket.id);
      expect(notice).toMatchObject({ kind: 'ticket_routed', title: 'Incident transmis à votre groupe (niveau 2) : Imprimante muette' });
      expect(notice!.body).toContain('Câble et pilote vérifiés');
    }
    const reporterNotices = await inbox(people.teacher, ticket.id);
    expect(reporterNotices.map((x) => x.title)).toEqual(['Votre signalement passe au niveau 2 : Imprimante muette']);
    // The level-1 diagnosis stays between support staff.
    expect(reporterNotices[0]!.body).not.toContain('Câble et pilote');
    expect(mailsAbout(people.teacher, ticket.reference).map((m) => m.subject)).toEqual([`[Préau] ${ticket.reference} — Votre signalement passe au niveau 2 : Imprimante muette`]);
    expect((await inbox(people.erun, ticket.id)).map((x) => x.kind)).toEqual(['ticket_created']);
  });

  it('keeps internal notes between support staff; public comments reach the reporter', async () => {
    const ticket = await report(people.teacher, { title: 'Wifi coupé', category: 'network' });
    await act(people.erun, ticket.id, 'escalate', { note: 'Borne wifi éteinte, redémarrage sans effet' });
    const note = await people.technician.agent.post(`/api/v1/tickets/${ticket.id}/comments`).send({ body: 'Borne à remplacer, commande 42', internal: true });
    expect(note.status).toBe(200);
    await services.notifier.idle();
    expect((await inbox(people.manager, ticket.id)).find((x) => x.kind === 'ticket_note')?.body).toContain('commande 42');
    expect((await inbox(people.teacher, ticket.id)).some((x) => x.kind === 'ticket_note' || x.body.includes('commande 42'))).toBe(false);
    expect(sink.to(people.teacher.email!).some((m) => m.text?.includes('commande 42'))).toBe(false);
    expect(sink.to(people.manager.email!).some((m) => m.text?.includes('commande 42'))).toBe(true);

    const comment = await people.technician.agent.post(`/api/v1/tickets/${ticket.id}/comments`).send({ body: 'Je passe jeudi matin' });
    expect(comment.status).toBe(200);
    await services.notifier.idle();
    const comments = (await inbox(people.teacher, ticket.id)).filter((x) => x.kind === 'ticket_comment');
    // One notification for the comment, although it publishes two events.
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Je passe jeudi matin');

    const answer = await people.teacher.agent.post(`/api/v1/tickets/${ticket.id}/comments`).send({ body: 'Merci, la classe est libre jeudi' });
    expect(answer.status).toBe(200);
    await services.notifier.idle();
    expect((await inbox(people.technician, ticket.id)).filter((x) => x.kind === 'ticket_comment').map((x) => x.body)).toEqual([expect.stringContaining('la classe est libre')]);
    // Nobody is told of what they wrote themselves.
    expect((await inbox(people.teacher, ticket.id)).filter((x) => x.kind === 'ticket_comment')).toHaveLength(1);
    expect((await inbox(people.technician, ticket.id)).some((x) => x.kind === 'ticket_note' || x.body.includes('Je passe jeudi'))).toBe(false);
  });

  it('tells the director of a security report', async () => {
    const ticket = await report(people.teacher, { title: 'Clé USB inconnue branchée', category: 'security' });

    const [notice] = await inbox(people.director, ticket.id);
    expect(notice).toMatchObject({ kind: 'ticket_created', title: 'Incident de sécurité signalé : Clé USB inconnue branchée' });
    expect(mailsAbout(people.director, ticket.reference)).toHaveLength(1);
    // Security goes straight to the commune's technicians, not to level 1.
    expect(await inbox(people.technician, ticket.id)).toHaveLength(1);
    expect(await inbox(people.erun, ticket.id)).toEqual([]);

    // The ticket keeps the director in the loop: the technician's answer reaches them too.
    expect(ticket.routing.directorInformed).toBe(true);
    await act(people.technician, ticket.id, 'comments', { body: 'Poste isolé du réseau, analyse en cours' });
    expect((await inbox(people.director, ticket.id)).map((n) => n.kind)).toContain('ticket_comment');
  });

  it("tells the reporter plainly why equipment bought with the school's own funds is not maintained by the city", async () => {
    const equipmentId = await item({ funding: 'school_funds' });
    const ticket = await report(people.teacher, { title: 'Tablette de la coopérative', equipmentId });
    expect(ticket.routing.outOfScope).toBe(true);

    const [notice] = await inbox(people.teacher, ticket.id);
    expect(notice).toMatchObject({ kind: 'ticket_out_of_scope', title: 'Matériel non entretenu par la ville : Tablette de la coopérative', body: ticket.routing.reason });
    expect(notice!.body).toContain('fonds propres');
    expect(mailsAbout(people.teacher, ticket.reference)[0]?.text).toContain('fonds propres');
  });

  it('e-mails the supplier under warranty when the ticket is escalated to it, with what it needs and answers going to the technician', async () => {
    const contact = await people.manager.agent
      .post('/api/v1/external-contacts')
      .send({ kind: 'supplier', name: 'dell france ', communeId: org.commune.id, email: 'sav@dell.example' });
    expect(contact.status).toBe(201);
    const equipmentId = await item({ supplier: 'Dell France', warrantyEndsOn: '2099-12-31', serial: 'SN-XPS-1', brand: 'Dell', model: 'Latitude 5440' });
    const ticket = await report(people.teacher, { title: 'Portable ne démarre plus', equipmentId });
    await act(people.erun, ticket.id, 'escalate', { note: 'Aucune LED, chargeur testé sur un autre poste' });
    expect(sink.to('sav@dell.example')).toEqual([]);

    const escalated = await act(people.technician, ticket.id, 'escalate', { note: 'Carte mère en cause, sous garantie' });
    expect(escalated.assignedGroup).toMatchObject({ kind: 'supplier', externalName: 'Dell France' });
    const mails = sink.to('sav@dell.example');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`[Préau] ${ticket.reference} — Demande d'intervention : Portable ne démarre plus`);
    expect(mail.text).toContain(school.uai);
    expect(mail.text).toContain('SN-XPS-1');
    expect(mail.text).toContain('Carte mère en cause');
    // Without an account, a link to Préau is of no use to the supplier.
    expect(mail.text).not.toContain('/incidents/');
    expect(mail.replyTo?.value[0]?.address).toBe(people.technician.email);
  });

  it("asks the director to approve a teacher's report when the commune wants it, and tells level 1 once approved", async () => {
    const elsewhere = await makeOrganisations(db().dataSource);
    await db().dataSource.getRepository(CommuneTicketSettingsEntity).save({ communeId: elsewhere.commune.id, requireDirectorApproval: true });
    const otherSchool = await makeSchool(db().dataSource, elsewhere);
    const teacher = await person('teacher', otherSchool.id);
    const director = await person('director', otherSchool.id);
    const erun = await person('erun', elsewhere.circonscription.id);

    const res = await teacher.agent.post('/api/v1/tickets').send({ schoolId: otherSchool.id, category: 'printing', title: 'Copieur bloqué', impact: 'whole_school', urgency: 'low' });
    expect(res.status).toBe(201);
    expect(res.body.approval).toBe('pending');
    await services.notifier.idle();
    expect((await inbox(director, res.body.id)).map((x) => [x.kind, x.title])).toEqual([['ticket_approval_requested', 'Signalement à approuver : Copieur bloqué']]);
    expect(await inbox(erun, res.body.id)).toEqual([]);

    await act(director, res.body.id, 'approve', {});
    expect((await inbox(erun, res.body.id)).map((x) => x.kind)).toEqual(['ticket_approved']);
    expect((await inbox(teacher, res.body.id)).map((x) => x.title)).toEqual(['Votre signalement est approuvé : Copieur bloqué']);
  });

  it('tells of each timeline entry once, when another server process took some of them already', async () => {
    const ticket = await report(people.teacher, { title: 'Clavier sans réponse' });
    const manager = db().dataSource.manager;
    const actor = { userId: people.erun.id, label: 'ERUN', ip: null };
    await insertTimeline(manager, actor, ['Premier message', 'Second message'].map((body) => ({ ticketId: ticket.id, entry: { kind: 'comment' as const, body } })));
    const [first] = await manager.getRepository(TicketEventEntity).find({ where: { ticketId: ticket.id, kind: 'comment' }, order: { id: 'ASC' } });
    // Another process claimed the first message: this one's claim of both fails, then it takes the second alone.
    await manager.getRepository(NotificationDispatchEntity).insert({ ticketEventId: first!.id });
    const commented = () =>
      services.events.publish({ name: 'ticket:commented', payload: { ticketId: ticket.id, reference: ticket.reference, internal: false }, audience: { schoolId: school.id, communeId: ticket.communeId, reporterUserId: people.teacher.id } });
    commented();
    await services.notifier.idle();
    const messages = () => inbox(people.teacher, ticket.id).then((items) => items.filter((item) => item.kind === 'ticket_comment').map((item) => item.body));
    expect(await messages()).toEqual([expect.stringContaining('Second message')]);

    // Told again: nothing is left to claim.
    commented();
    await services.notifier.idle();
    expect(await messages()).toHaveLength(1);
  });

  it('warns the holding group and its supervisor of a deadline breach, through notifyBreach', async () => {
    const ticket = await report(people.teacher, { title: 'Vidéoprojecteur HS', category: 'hardware' });
    await act(people.erun, ticket.id, 'escalate', { note: 'Lampe grillée, pas de lampe de rechange' });

    await services.notifier.notifyBreach(ticket.id, 'breach');
    await services.notifier.idle();
    for (const staff of [people.technician, people.manager]) {
      expect((await inbox(staff, ticket.id)).find((x) => x.kind === 'ticket_breached')?.title).toBe('Délai dépassé : Vidéoprojecteur HS');
    }
    expect((await inbox(people.teacher, ticket.id)).some((x) => x.kind === 'ticket_breached')).toBe(false);
    expect(mailsAbout(people.manager, ticket.reference).some((m) => m.subject?.includes('Délai dépassé'))).toBe(true);
  });
});
