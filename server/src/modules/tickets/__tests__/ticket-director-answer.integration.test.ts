import { DEFAULT_SERVICE_TARGETS, WorkingCalendar, type Notification, type NotificationPage, type Ticket, type TicketDetail } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import { AuditEntryEntity } from '../../audit/audit-entry.entity';
import { EquipmentEntity } from '../../equipment/equipment.entity';
import type { SchoolEntity } from '../../schools/school.entity';
import { addWorkingMinutes } from '../../service-targets/working-time';
import { act, actOk, fileReport, makeItem, problemOf, ticketApp, ticketRow, type Person, type TicketApp } from './ticket-fixtures';

/** Director approval as the commune turns it on: what waits, who answers, who lists what. */
describeEachEngine('director approval: security, answers and queues', (db) => {
  let t: TicketApp;
  let org: OrgFixture;
  let school: SchoolEntity;
  let teacher: Person;
  let director: Person;
  let otherDirector: Person;
  let erun: Person;
  let technician: Person;

  beforeAll(async () => {
    t = await ticketApp(db().dataSource);
    org = await makeOrganisations(db().dataSource);
    school = await makeSchool(db().dataSource, org, 'École maternelle Les Songes');
    const elsewhere = await makeSchool(db().dataSource, org, 'École du Butor');
    teacher = await t.person('teacher', school.id, 'Lucie Hoarau');
    director = await t.person('director', school.id, 'Paul Fontaine');
    otherDirector = await t.person('director', elsewhere.id, 'Directeur du Butor');
    erun = await t.person('erun', org.circonscription.id, 'Julie Rivière');
    technician = await t.person('city_technician', org.commune.id, 'Éric Nativel');
    const res = await t.admin.api.put(`/api/v1/communes/${org.commune.id}/ticket-settings`).send({ requireDirectorApproval: true });
    expect(res.status).toBe(200);
  });

  const ds = () => db().dataSource;
  const pendingReport = (overrides: Parameters<typeof fileReport>[2] = {}) => fileReport(teacher.api, school.id, { impact: 'one_class', urgency: 'high', ...overrides });
  const inbox = async (who: Person, ticketId: number): Promise<Notification[]> => {
    await t.services.notifier.idle();
    const page = (await who.api.get('/api/v1/me/notifications').query({ pageSize: 500 })).body as NotificationPage;
    return page.items.filter((item) => item.ticketId === ticketId);
  };
  const listed = async (who: Person, query: Record<string, string> = {}) =>
    ((await who.api.get('/api/v1/tickets').query({ schoolId: String(school.id), pageSize: '100', ...query })).body.items as Ticket[]).map((item) => item.id);
  const itemStatus = async (id: number) => (await ds().getRepository(EquipmentEntity).findOneByOrFail({ id })).status;

  it('sends a teacher’s security report straight to the commune’s technicians, clock running, the director told', async () => {
    const report = await pendingReport({ category: 'security', title: 'Fenêtre forcée en salle 2' });
    expect(report).toMatchObject({ approval: 'not_required', level: 2, assignedGroup: { kind: 'commune_technicians' }, routing: { directorInformed: true } });
    expect(report.firstResponseDueAt).not.toBeNull();
    expect(await actOk(ds(), technician.api, report.id, 'assign', { assigneeId: technician.id })).toMatchObject({ status: 'assigned' });
    expect((await inbox(director, report.id)).map((n) => n.kind)).toContain('ticket_created');
    expect(problemOf(await act(ds(), director.api, report.id, 'approve'))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('lets the director answer at the school: the reporter is told, the ticket resolved, the clock never started', async () => {
    const laptop = await makeItem(t.admin, school.id);
    const report = await pendingReport({ category: 'hardware', equipmentId: laptop.id, title: 'La borne ne répond plus' });
    expect(report.approval).toBe('pending');
    // The report has not left the school: the inventory does not change for it yet.
    expect(await itemStatus(laptop.id)).toBe('in_service');

    expect(problemOf(await act(ds(), teacher.api, report.id, 'answer', { answer: 'Il fallait la rallumer' }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // The report has not left the school: to anyone else it does not exist.
    for (const who of [erun, technician, otherDirector]) {
      expect(problemOf(await act(ds(), who.api, report.id, 'answer', { answer: 'Il fallait la rallumer' }))).toMatchObject({ status: 404 });
    }
    expect(problemOf(await act(ds(), director.api, report.id, 'answer', { answer: ' ' }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['answer'] });

    const answered = await actOk(ds(), director.api, report.id, 'answer', { answer: 'Il fallait rallumer la borne' });
    expect(answered).toMatchObject({ approval: 'answered', status: 'resolved', firstResponseDueAt: null, resolutionDueAt: null, breached: false });
    expect(answered.timeline.at(-1)).toMatchObject({ kind: 'answered', body: 'Il fallait rallumer la borne', internal: false, actor: { id: director.id } });
    expect((await ticketRow(ds(), report.id)).clockStartedAt).toBeNull();
    expect(await itemStatus(laptop.id)).toBe('in_service');
    expect((await t.admin.api.get(`/api/v1/equipment/${laptop.id}/history`)).body.map((e: { change: string }) => e.change)).toEqual(['created']);
    const audit = await ds().getRepository(AuditEntryEntity).findBy({ action: 'ticket.answered', targetId: report.id });
    expect(audit.map((entry) => entry.actorUserId)).toEqual([director.id]);

    const seen = (await teacher.api.get(`/api/v1/tickets/${report.id}`)).body as TicketDetail;
    expect(seen.timeline.at(-1)).toMatchObject({ kind: 'answered', body: 'Il fallait rallumer la borne' });
    const told = await inbox(teacher, report.id);
    expect(told.map((n) => n.kind)).toEqual(['ticket_resolved']);
    expect(told[0]!.body).toContain('Il fallait rallumer la borne');
    // It never left the school: the support hears nothing of it.
    expect(await inbox(erun, report.id)).toEqual([]);
    expect(await inbox(technician, report.id)).toEqual([]);

    expect(problemOf(await act(ds(), director.api, report.id, 'answer', { answer: 'Encore' }))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    expect(problemOf(await act(ds(), director.api, report.id, 'approve'))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('takes a reopened answer back to the director, who may then send it on: the clock starts at approval', async () => {
    const laptop = await makeItem(t.admin, school.id);
    const report = await pendingReport({ category: 'hardware', equipmentId: laptop.id });
    await actOk(ds(), director.api, report.id, 'answer', { answer: 'Redémarrez le poste' });
    const reopened = await actOk(ds(), teacher.api, report.id, 'reopen', { reason: 'Toujours bloqué après redémarrage' });
    expect(reopened).toMatchObject({ approval: 'pending', status: 'new', firstResponseDueAt: null, resolutionDueAt: null });
    expect(await itemStatus(laptop.id)).toBe('in_service');
    expect(problemOf(await act(ds(), erun.api, report.id, 'assign', { assigneeId: erun.id }))).toMatchObject({ status: 404 });
    expect(problemOf(await act(ds(), t.admin.api, report.id, 'assign', { assigneeId: erun.id }))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });

    // An administrator who comments meanwhile gives no first response: the clock has not started.
    await actOk(ds(), t.admin.api, report.id, 'comments', { body: 'Je passe voir demain si besoin.' });
    expect((await ticketRow(ds(), report.id)).firstRespondedAt).toBeNull();

    const approved = await actOk(ds(), director.api, report.id, 'approve');
    expect(approved.firstRespondedAt).toBeNull();
    // Sent on to the support: now the item shows as broken, its history naming the report.
    expect(await itemStatus(laptop.id)).toBe('broken');
    const history = (await t.admin.api.get(`/api/v1/equipment/${laptop.id}/history`)).body as { change: string; note: string | null }[];
    expect(history.find((e) => e.change === 'status')).toMatchObject({ note: `Signalement ${report.reference}` });
    const { clockStartedAt, pauses } = await ticketRow(ds(), report.id);
    // No pause for the time it sat answered: the clock did not run then.
    expect(pauses).toBeNull();
    const due = addWorkingMinutes(WorkingCalendar.parse({}), clockStartedAt!, DEFAULT_SERVICE_TARGETS.P2.resolutionMinutes).getTime();
    expect(Math.abs(Date.parse(approved.resolutionDueAt!) - due)).toBeLessThan(1000);
  });

  it('lets the reporter close an answered report with a rating', async () => {
    const report = await pendingReport();
    await actOk(ds(), director.api, report.id, 'answer', { answer: 'Le mot de passe est sur le tableau' });
    expect(await actOk(ds(), teacher.api, report.id, 'close', { rating: 5 })).toMatchObject({ status: 'closed', approval: 'answered', rating: 5 });
  });

  it('keeps reports the director holds out of the support’s lists; the reporter and the director list them', async () => {
    const pending = await pendingReport({ title: 'Imprimante muette' });
    const answered = await pendingReport({ title: 'Vidéoprojecteur flou' });
    await actOk(ds(), director.api, answered.id, 'answer', { answer: 'Faites la mise au point' });

    for (const who of [erun, technician]) {
      expect(await listed(who, { status: 'new' })).not.toContain(pending.id);
      const all = await listed(who);
      expect(all).not.toContain(pending.id);
      expect(all).not.toContain(answered.id);
    }
    for (const who of [teacher, director, t.admin]) {
      expect(await listed(who, { status: 'new' })).toContain(pending.id);
      expect(await listed(who)).toContain(answered.id);
    }

    await actOk(ds(), director.api, pending.id, 'approve');
    expect(await listed(erun, { status: 'new' })).toContain(pending.id);
  });

  it('hides a report the director holds from the support staff who open its address, until it is approved', async () => {
    const pending = await pendingReport({ title: 'Tableau blanc muet' });
    const answered = await pendingReport({ title: 'Souris perdue' });
    await actOk(ds(), director.api, answered.id, 'answer', { answer: 'Il y en a une dans le placard' });

    for (const id of [pending.id, answered.id]) {
      for (const who of [erun, technician, otherDirector]) {
        expect((await who.api.get(`/api/v1/tickets/${id}`)).status).toBe(404);
        expect((await act(ds(), who.api, id, 'comments', { body: 'Je passe demain', internal: false })).status).toBe(404);
        expect((await who.api.get(`/api/v1/tickets/${id}/attachments`)).status).toBe(404);
      }
      for (const who of [teacher, director, t.admin]) expect((await who.api.get(`/api/v1/tickets/${id}`)).status).toBe(200);
    }

    await actOk(ds(), director.api, pending.id, 'approve');
    expect((await erun.api.get(`/api/v1/tickets/${pending.id}`)).status).toBe(200);
  });

  it('does not let a report still held at the school keep an item broken that the support has repaired', async () => {
    const laptop = await makeItem(t.admin, school.id);
    // The director's own report needs no approval: it marks the item at once.
    const sent = await fileReport(director.api, school.id, { category: 'hardware', equipmentId: laptop.id, title: 'Écran fendu' });
    expect(sent.approval).toBe('not_required');
    const held = await pendingReport({ category: 'hardware', equipmentId: laptop.id, title: 'Écran cassé' });
    expect(await itemStatus(laptop.id)).toBe('broken');

    const done = await actOk(ds(), erun.api, sent.id, 'resolve', { resolution: 'Écran remplacé' });
    expect(await itemStatus(laptop.id)).toBe('in_service');
    // No internal note naming a report the support cannot open.
    expect(done.timeline.some((entry) => entry.kind === 'note')).toBe(false);

    await actOk(ds(), director.api, held.id, 'approve');
    expect(await itemStatus(laptop.id)).toBe('broken');
  });
});
