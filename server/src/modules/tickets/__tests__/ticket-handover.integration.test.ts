/**
 * What the holding group does beside the protocol's steps: correcting a ticket's category,
 * handing it to another group serving the school, and assigning a named colleague.
 */
import type { HandoverGroup, TicketAssignee, TicketDetail } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import { NotificationEntity } from '../../notifications/notification.entity';
import type { SchoolEntity } from '../../schools/school.entity';
import { MANUAL_HANDOVER_RULE } from '../ticket-handover.service';
import { act, actOk, fileReport, makeItem, problemOf, ticketApp, ticketRow, type Person, type TicketApp } from './ticket-fixtures';

describeEachEngine('ticket hand-over API', (db) => {
  let t: TicketApp;
  let org: OrgFixture;
  let school: SchoolEntity;
  let teacher: Person;
  let erun: Person;
  let erunColleague: Person;
  let technician: Person;
  let rectorate: Person;
  let technicianElsewhere: Person;
  let otherCommuneId: number;

  beforeAll(async () => {
    const ds = db().dataSource;
    t = await ticketApp(ds);
    org = await makeOrganisations(ds);
    school = await makeSchool(ds, org, 'École élémentaire Les Goyaviers');
    teacher = await t.person('teacher', school.id, 'Enseignante');
    erun = await t.person('erun', org.circonscription.id, 'Claire Boyer');
    erunColleague = await t.person('erun', org.circonscription.id, 'Axel Payet');
    technician = await t.person('city_technician', org.commune.id, 'Yann Robert');
    rectorate = await t.person('rectorate_agent', org.academy.id, 'Agent du rectorat');
    const elsewhere = await makeOrganisations(ds);
    otherCommuneId = elsewhere.commune.id;
    technicianElsewhere = await t.person('city_technician', otherCommuneId, "Technicien d'ailleurs");
  });

  const ds = () => db().dataSource;
  const detail = async (who: Person, id: number) => (await who.api.get(`/api/v1/tickets/${id}`)).body as TicketDetail;
  const groups = () => ({
    level1: { kind: 'circonscription_level1', organisationId: org.circonscription.id, label: `Niveau 1 — ${org.circonscription.name}`, level: 1 },
    technicians: { kind: 'commune_technicians', organisationId: org.commune.id, label: `Techniciens — ${org.commune.name}`, level: 2 },
    desk: { kind: 'rectorate_desk', organisationId: org.academy.id, label: `Assistance du rectorat — ${org.academy.name}`, level: 2 },
    experts: { kind: 'rectorate_experts', organisationId: org.academy.id, label: `Experts du rectorat — ${org.academy.name}`, level: 3 },
  });
  const toTechnicians = () => ({ groupKind: 'commune_technicians', organisationId: org.commune.id, note: 'Câblage de la salle à reprendre' });

  describe('category change', () => {
    it('records the change from → to and keeps priority, level, group and due dates; the next escalation routes on the new category', async () => {
      const filed = await fileReport(teacher.api, school.id, { category: 'other', title: 'Plus rien ne marche en salle 3' });
      const refused = await act(ds(), erun.api, filed.id, 'escalate', { note: 'Le switch de la salle ne répond plus' });
      expect(problemOf(refused)).toMatchObject({ status: 422, code: 'ESCALATION_REFUSED' });

      const changed = await actOk(ds(), erun.api, filed.id, 'recategorize', { category: 'network', note: 'C’est le réseau de la salle' });
      expect(changed).toMatchObject({
        category: 'network',
        priority: filed.priority,
        level: 1,
        assignedGroup: { kind: 'circonscription_level1' },
        firstResponseDueAt: filed.firstResponseDueAt,
        resolutionDueAt: filed.resolutionDueAt,
        version: filed.version + 1,
      });
      expect(changed.timeline.at(-1)).toMatchObject({ kind: 'recategorized', from: 'other', to: 'network', body: 'C’est le réseau de la salle', actor: { id: erun.id } });

      const escalated = await actOk(ds(), erun.api, filed.id, 'escalate', { note: 'Le switch de la salle ne répond plus' });
      expect(escalated).toMatchObject({ level: 2, assignedGroup: { kind: 'commune_technicians' } });
    });

    it('refuses the category the ticket has already: 422 on the field', async () => {
      const filed = await fileReport(teacher.api, school.id, { category: 'printing' });
      const res = await act(ds(), erun.api, filed.id, 'recategorize', { category: 'printing' });
      expect(problemOf(res)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['category'] });
      expect(await ticketRow(ds(), filed.id)).toMatchObject({ category: 'printing', version: filed.version });
    });
  });

  describe('hand-over to another group', () => {
    it('lists the groups serving the school, but the one holding the ticket', async () => {
      const filed = await fileReport(teacher.api, school.id);
      const res = await erun.api.get(`/api/v1/tickets/${filed.id}/handover-groups`);
      expect(res.status).toBe(200);
      const { technicians, desk, experts } = groups();
      expect(res.body as HandoverGroup[]).toEqual([technicians, desk, experts]);
    });

    it('hands the ticket over at the new group’s level, clears the assignee, records who had it and who has it, and tells the new group', async () => {
      const filed = await fileReport(teacher.api, school.id, { category: 'other', title: 'Salle 5 sans réseau' });
      await actOk(ds(), erun.api, filed.id, 'assign', { assigneeId: erun.id });
      const handed = await actOk(ds(), erun.api, filed.id, 'reassign', toTechnicians());
      expect(handed).toMatchObject({
        level: 2,
        status: 'new',
        assignee: null,
        assignedGroup: { kind: 'commune_technicians', organisationId: org.commune.id, label: groups().technicians.label },
        routing: {
          rule: MANUAL_HANDOVER_RULE,
          reason: `Confié à la main au niveau 2 : ${groups().technicians.label}.`,
          // Composed by the server: the client can say it in English.
          reasonText: { key: 'handedOver', params: { level: 2, groupLabel: groups().technicians.label } },
        },
        firstResponseDueAt: filed.firstResponseDueAt,
        resolutionDueAt: filed.resolutionDueAt,
        viewerHolds: false,
      });
      expect(handed.timeline.at(-1)).toMatchObject({
        kind: 'reassigned',
        body: 'Câblage de la salle à reprendre',
        from: `Niveau 1 — ${org.circonscription.name} (niveau 1)`,
        to: `Techniciens — ${org.commune.name} (niveau 2)`,
        rule: MANUAL_HANDOVER_RULE,
        actor: { id: erun.id },
      });
      expect(await detail(technician, filed.id)).toMatchObject({ viewerHolds: true });

      await t.services.notifier.idle();
      const told = await ds().getRepository(NotificationEntity).findBy({ userId: technician.id, ticketId: filed.id });
      expect(told.map((n) => [n.kind, n.title])).toContainEqual(['ticket_routed', 'Incident transmis à votre groupe (niveau 2) : Salle 5 sans réseau']);
      expect(told.find((n) => n.kind === 'ticket_routed')?.body).toContain('Câblage de la salle à reprendre');

      // The new holder may send it on, down a level too.
      const back = await actOk(ds(), technician.api, filed.id, 'reassign', { groupKind: 'circonscription_level1', organisationId: org.circonscription.id, note: 'Pas de câblage en cause' });
      expect(back).toMatchObject({ level: 1, assignedGroup: { kind: 'circonscription_level1' } });
    });

    it('restarts the clock of a waiting ticket, as escalation does', async () => {
      const filed = await fileReport(teacher.api, school.id);
      await actOk(ds(), erun.api, filed.id, 'status', { status: 'waiting' });
      const handed = await actOk(ds(), erun.api, filed.id, 'reassign', { groupKind: 'rectorate_desk', organisationId: org.academy.id, note: 'Compte ENT bloqué' });
      expect(handed).toMatchObject({ status: 'new', level: 2, assignedGroup: { kind: 'rectorate_desk' } });
      const row = await ticketRow(ds(), filed.id);
      expect(JSON.parse(row.pauses!)).toHaveLength(1);
      expect(JSON.parse(row.pauses!)[0].to).not.toBeNull();
      expect(row.resolutionDueAt).not.toBeNull();
    });

    it('refuses a group that does not serve the school (422 on organisationId) and an external party (422 on groupKind)', async () => {
      const filed = await fileReport(teacher.api, school.id);
      const elsewhere = await act(ds(), erun.api, filed.id, 'reassign', { ...toTechnicians(), organisationId: otherCommuneId });
      expect(problemOf(elsewhere)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['organisationId'] });
      const supplier = await act(ds(), erun.api, filed.id, 'reassign', { ...toTechnicians(), groupKind: 'supplier' });
      expect(problemOf(supplier)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['groupKind'] });
      const itself = await act(ds(), erun.api, filed.id, 'reassign', { groupKind: 'circonscription_level1', organisationId: org.circonscription.id, note: 'Nulle part' });
      expect(problemOf(itself)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['groupKind'] });
      const noNote = await act(ds(), erun.api, filed.id, 'reassign', { ...toTechnicians(), note: ' ' });
      expect(problemOf(noNote)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['note'] });
      expect(await ticketRow(ds(), filed.id)).toMatchObject({ level: 1, groupKind: 'circonscription_level1', version: filed.version });
    });

    it('refuses the commune’s technicians an item the school bought or was given, with the escalation’s reason', async () => {
      for (const [funding, category] of [['school_funds', 'hardware'], ['donation', 'other']] as const) {
        const item = await makeItem(t.admin, school.id, { funding });
        const filed = await fileReport(teacher.api, school.id, { category, equipmentId: item.id, title: 'Tablette offerte en panne' });
        const res = await act(ds(), erun.api, filed.id, 'reassign', toTechnicians());
        expect(problemOf(res)).toMatchObject({ status: 422, code: 'ESCALATION_REFUSED' });
        expect(res.body.detail).toMatch(/^Escalade vers les techniciens de la commune refusée : ce matériel a été acheté sur les fonds propres de l'école ou reçu en don/);
        if (category === 'hardware') {
          const escalation = await act(ds(), erun.api, filed.id, 'escalate', { note: "Tablette hors d'usage, écran noir" });
          expect(escalation.body.detail).toBe(res.body.detail);
        }
        expect(await ticketRow(ds(), filed.id)).toMatchObject({ level: 1, groupKind: 'circonscription_level1', version: filed.version });
        // Other groups stay open to it.
        await actOk(ds(), erun.api, filed.id, 'reassign', { groupKind: 'rectorate_desk', organisationId: org.academy.id, note: 'Logiciel éducatif en cause' });
      }
    });
  });

  describe('naming a colleague', () => {
    it('lists the holding group’s members, and the ticket is assigned to the one chosen', async () => {
      const filed = await fileReport(teacher.api, school.id);
      const res = await erun.api.get(`/api/v1/tickets/${filed.id}/assignees`);
      expect(res.status).toBe(200);
      expect(res.body as TicketAssignee[]).toEqual([
        { id: erunColleague.id, displayName: 'Axel Payet' },
        { id: erun.id, displayName: 'Claire Boyer' },
      ]);
      const assigned = await actOk(ds(), erun.api, filed.id, 'assign', { assigneeId: erunColleague.id });
      expect(assigned).toMatchObject({ status: 'assigned', assignee: { id: erunColleague.id, displayName: 'Axel Payet' } });
    });
  });

  describe('who may', () => {
    it('refuses a stale version: 409 VERSION_CONFLICT, nothing applied', async () => {
      const filed = await fileReport(teacher.api, school.id);
      await actOk(ds(), erun.api, filed.id, 'assign', { assigneeId: erun.id });
      for (const [action, body] of [
        ['reassign', toTechnicians()],
        ['recategorize', { category: 'network' }],
      ] as const) {
        const res = await act(ds(), erunColleague.api, filed.id, action, { ...body, version: filed.version });
        expect(problemOf(res)).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
      }
      expect(await ticketRow(ds(), filed.id)).toMatchObject({ category: 'other', groupKind: 'circonscription_level1', version: filed.version + 1 });
    });

    it('leaves it to the holding group: 403 for other staff of the school and its people, 404 outside their scope', async () => {
      const filed = await fileReport(teacher.api, school.id);
      const paths = [
        ['post', 'reassign', toTechnicians()],
        ['post', 'recategorize', { category: 'network' }],
        ['get', 'handover-groups', undefined],
        ['get', 'assignees', undefined],
      ] as const;
      for (const [method, action, body] of paths) {
        const call = (who: Person) =>
          method === 'post' ? act(ds(), who.api, filed.id, action, body) : who.api.get(`/api/v1/tickets/${filed.id}/${action}`);
        expect({ action, ...problemOf(await call(technician)) }).toMatchObject({ action, status: 403, code: 'NOT_HOLDING_GROUP' });
        expect({ action, ...problemOf(await call(rectorate)) }).toMatchObject({ action, status: 403, code: 'NOT_HOLDING_GROUP' });
        expect({ action, ...problemOf(await call(teacher)) }).toMatchObject({ action, status: 403, code: 'FORBIDDEN' });
        expect({ action, ...problemOf(await call(technicianElsewhere)) }).toMatchObject({ action, status: 404, code: 'NOT_FOUND' });
      }
      expect(await ticketRow(ds(), filed.id)).toMatchObject({ category: 'other', groupKind: 'circonscription_level1', version: filed.version });
    });
  });
});
