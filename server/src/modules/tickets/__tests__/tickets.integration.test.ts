import {
  DEFAULT_SERVICE_TARGETS,
  PRIORITY_MATRIX,
  TICKET_REFERENCE_PATTERN,
  TicketDetail,
  WorkingCalendar,
  type Impact,
  type Ticket,
  type Urgency,
} from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import type { SchoolEntity } from '../../schools/school.entity';
import { addWorkingMinutes } from '../../service-targets/working-time';
import { TicketEntity } from '../ticket.entity';
import {
  DAY_MS,
  actOk,
  fileReport,
  makeCirconscription,
  makeCommune,
  makeItem,
  problemOf,
  reportBody,
  ticketApp,
  ticketRow,
  type Person,
  type TicketApp,
} from './ticket-fixtures';

const NEW_REPORT_RULE = 'Nouveau signalement : niveau 1 de la circonscription';

describeEachEngine('tickets API: filing, reading, listing', (db) => {
  let t: TicketApp;
  let org: OrgFixture;
  let other: OrgFixture;
  /** A1 and A2: commune A, circonscription A. */
  let schoolA1: SchoolEntity;
  let schoolA2: SchoolEntity;
  /** Commune A, in another circonscription of the académie. */
  let schoolA3: SchoolEntity;
  /** Another commune of the académie, in circonscription A. */
  let schoolC1: SchoolEntity;
  /** Another académie altogether. */
  let schoolB1: SchoolEntity;
  let teacher: Person;
  let colleague: Person;
  let director: Person;
  let erun: Person;
  let technician: Person;
  let rectorate: Person;
  let outsider: Person;

  beforeAll(async () => {
    const ds = db().dataSource;
    t = await ticketApp(ds);
    org = await makeOrganisations(ds);
    other = await makeOrganisations(ds);
    schoolA1 = await makeSchool(ds, org, 'École élémentaire Les Camélias');
    schoolA2 = await makeSchool(ds, org, 'École élémentaire Bellepierre');
    schoolA3 = await makeSchool(ds, { ...org, circonscription: await makeCirconscription(ds, org.academy.id) }, 'École maternelle Vauban');
    schoolC1 = await makeSchool(ds, { ...org, commune: await makeCommune(ds, org.academy.id) }, 'École primaire du Bois de Nèfles');
    schoolB1 = await makeSchool(ds, other, 'École élémentaire Jules Ferry');
    teacher = await t.person('teacher', schoolA1.id, 'Marie Hoarau');
    colleague = await t.person('teacher', schoolA1.id, 'Paul Técher');
    director = await t.person('director', schoolA1.id, 'Nadia Payet');
    erun = await t.person('erun', org.circonscription.id, 'Jean Grondin');
    technician = await t.person('city_technician', org.commune.id, 'Luc Fontaine');
    rectorate = await t.person('rectorate_agent', org.academy.id, 'Anne Rivière');
    outsider = await t.person('city_technician', other.commune.id, 'Ailleurs');
  });

  const ticketCount = () => db().dataSource.getRepository(TicketEntity).count();

  describe('filing a report', () => {
    it('answers 201 with the reference, status, level, priority, group, routing, due dates and timeline', async () => {
      const res = await teacher.api.post('/api/v1/tickets').send({
        schoolId: schoolA1.id,
        category: 'network',
        title: '  Plus de réseau en CM2  ',
        description: 'Aucun poste de la classe ne se connecte depuis ce matin.',
        impact: 'one_class',
        urgency: 'high',
        availability: 'Mardi matin, avant 10 h',
      });
      expect(res.status).toBe(201);
      const ticket = TicketDetail.parse(res.body);
      expect(res.headers.location).toBe(`/api/v1/tickets/${ticket.id}`);
      expect(ticket.reference).toMatch(TICKET_REFERENCE_PATTERN);
      expect(ticket.reference).toBe(`INC-${new Date().getUTCFullYear()}-${String(ticket.id).padStart(6, '0')}`);
      expect(ticket).toMatchObject({
        title: 'Plus de réseau en CM2',
        school: { id: schoolA1.id, name: schoolA1.name, uai: schoolA1.uai },
        communeId: org.commune.id,
        equipment: null,
        category: 'network',
        impact: 'one_class',
        urgency: 'high',
        priority: 'P2',
        status: 'new',
        approval: 'not_required',
        level: 1,
        assignedGroup: { kind: 'circonscription_level1', organisationId: org.circonscription.id, externalName: null, label: `Niveau 1 — ${org.circonscription.name}` },
        assignee: null,
        reporter: { id: teacher.id, displayName: 'Marie Hoarau' },
        availability: 'Mardi matin, avant 10 h',
        routing: { rule: NEW_REPORT_RULE, reason: 'Confié au niveau 1 : le niveau 1 de la circonscription (ERUN et correspondants numériques).', outOfScope: false },
        firstRespondedAt: null,
        resolvedAt: null,
        closedAt: null,
        breached: false,
        rating: null,
        version: 1,
      });

      // Due dates: the P2 targets in working time of the default calendar, from when the clock started.
      const row = await ticketRow(db().dataSource, ticket.id);
      expect(row.clockStartedAt).not.toBeNull();
      const calendar = WorkingCalendar.parse({});
      const expectDue = (actual: string | null, minutes: number) => {
        const expected = addWorkingMinutes(calendar, row.clockStartedAt!, minutes).getTime();
        // MariaDB keeps whole seconds.
        expect(Math.abs(new Date(actual!).getTime() - expected)).toBeLessThan(1000);
      };
      expectDue(ticket.firstResponseDueAt, DEFAULT_SERVICE_TARGETS.P2.firstResponseMinutes);
      expectDue(ticket.resolutionDueAt, DEFAULT_SERVICE_TARGETS.P2.resolutionMinutes);
      expect(ticket.firstResponseDueAt! < ticket.resolutionDueAt!).toBe(true);

      expect(ticket.timeline.map((e) => e.kind)).toEqual(['created', 'routed']);
      const [created, routed] = ticket.timeline;
      expect(created).toMatchObject({ actor: { id: teacher.id }, body: 'Aucun poste de la classe ne se connecte depuis ce matin.', internal: false, rule: null });
      expect(routed).toMatchObject({ actor: { id: teacher.id }, rule: NEW_REPORT_RULE, to: `Niveau 1 — ${org.circonscription.name} (niveau 1)` });

      const read = await teacher.api.get(`/api/v1/tickets/${ticket.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(ticket);
    });

    it('sets the priority from impact × urgency', async () => {
      const cases = Object.entries(PRIORITY_MATRIX).flatMap(([impact, row]) =>
        Object.entries(row).map(([urgency, priority]) => ({ impact: impact as Impact, urgency: urgency as Urgency, priority })),
      );
      expect(cases).toHaveLength(6);
      for (const { impact, urgency, priority } of cases) {
        const ticket = await fileReport(teacher.api, schoolA1.id, { impact, urgency });
        expect({ impact, urgency, priority: ticket.priority }).toEqual({ impact, urgency, priority });
      }
    });

    it('rejects a bad report with 422 listing every bad field, and records nothing', async () => {
      const before = await ticketCount();
      const res = await teacher.api
        .post('/api/v1/tickets')
        .send({ schoolId: 'A1', equipmentId: -3, category: 'toaster', title: 'x', impact: 'everyone', urgency: 'soon', description: 42 });
      expect(problemOf(res)).toEqual({
        status: 422,
        code: 'VALIDATION_FAILED',
        fields: ['category', 'description', 'equipmentId', 'impact', 'schoolId', 'title', 'urgency'],
      });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await ticketCount()).toBe(before);
    });

    it('refuses an item that is not in the school (422 on equipmentId), as it refuses an unknown one', async () => {
      const elsewhere = await makeItem(t.admin, schoolA2.id);
      const before = await ticketCount();
      for (const equipmentId of [elsewhere.id, 999_999]) {
        const res = await teacher.api.post('/api/v1/tickets').send(reportBody(schoolA1.id, { category: 'hardware', equipmentId }));
        expect(problemOf(res)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['equipmentId'] });
      }
      expect(await ticketCount()).toBe(before);
      const item = await t.admin.api.get(`/api/v1/equipment/${elsewhere.id}`);
      expect(item.body.status).toBe('in_service');
    });

    it('answers a school outside the reporter’s organisations as it answers a missing one: 422 on schoolId', async () => {
      const before = await ticketCount();
      const attempts: [Person, number][] = [
        [teacher, schoolB1.id],
        [teacher, schoolA2.id],
        [technician, schoolB1.id],
        [technician, schoolC1.id],
        [erun, schoolA3.id],
      ];
      for (const [who, schoolId] of attempts) {
        const hidden = await who.api.post('/api/v1/tickets').send(reportBody(schoolId));
        const missing = await who.api.post('/api/v1/tickets').send(reportBody(999_999));
        expect(problemOf(hidden)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['schoolId'] });
        expect(hidden.body.detail).toBe(missing.body.detail.replace('999999', String(schoolId)));
      }
      expect(await ticketCount()).toBe(before);
    });

    it('marks the item broken for a hardware report, and leaves it alone for other categories', async () => {
      const laptop = await makeItem(t.admin, schoolA1.id);
      const software = await fileReport(teacher.api, schoolA1.id, { category: 'software', equipmentId: laptop.id });
      expect(software.equipment).toMatchObject({ id: laptop.id, kind: 'laptop' });
      expect((await t.admin.api.get(`/api/v1/equipment/${laptop.id}`)).body.status).toBe('in_service');

      const hardware = await fileReport(teacher.api, schoolA1.id, { category: 'hardware', equipmentId: laptop.id });
      // The 201 names the item and the reporter from what filing read: the same as reading it back.
      expect(hardware).toEqual((await teacher.api.get(`/api/v1/tickets/${hardware.id}`)).body);
      expect((await t.admin.api.get(`/api/v1/equipment/${laptop.id}`)).body.status).toBe('broken');
      const history = await t.admin.api.get(`/api/v1/equipment/${laptop.id}/history`);
      expect(JSON.stringify(history.body)).toContain(hardware.reference);
    });

    it('replays a report sent again with the same Idempotency-Key: 200, the same ticket, nothing new', async () => {
      const key = `c6a1f0b2-${Date.now()}`;
      const body = reportBody(schoolA1.id, { category: 'printing', title: 'Le copieur bourre' });
      const first = await teacher.api.post('/api/v1/tickets').set('Idempotency-Key', key).send(body);
      expect(first.status).toBe(201);
      const before = await ticketCount();
      const events = await db().dataSource.query('SELECT COUNT(*) AS n FROM ticket_event');

      const again = await teacher.api.post('/api/v1/tickets').set('Idempotency-Key', key).send(body);
      expect(again.status).toBe(200);
      expect(again.headers.location).toBe(`/api/v1/tickets/${first.body.id}`);
      expect(again.body).toEqual(first.body);
      expect(await ticketCount()).toBe(before);
      expect(await db().dataSource.query('SELECT COUNT(*) AS n FROM ticket_event')).toEqual(events);

      // The key is the reporter's: someone else's report with the same key is a report of its own.
      const colleagues = await colleague.api.post('/api/v1/tickets').set('Idempotency-Key', key).send(body);
      expect(colleagues.status).toBe(201);
      expect(colleagues.body.id).not.toBe(first.body.id);

      const bad = await teacher.api.post('/api/v1/tickets').set('Idempotency-Key', 'pas une clé').send(body);
      expect(problemOf(bad)).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
      expect(bad.body.detail).toContain('Idempotency-Key');
    });

    it('refuses the same Idempotency-Key sent with another report (422), but not the same report written with other spacing', async () => {
      const key = `5e0d9c1a-${Date.now()}`;
      const body = reportBody(schoolA1.id, { category: 'printing', title: 'Bac 2 vide', description: 'Plus de papier' });
      const first = await teacher.api.post('/api/v1/tickets').set('Idempotency-Key', key).send(body);
      expect(first.status).toBe(201);
      const before = await ticketCount();

      // What the server keeps (trimmed, defaults filled) is what counts.
      const respaced = await teacher.api.post('/api/v1/tickets').set('Idempotency-Key', key).send({ ...body, title: '  Bac 2 vide ', description: 'Plus de papier\n' });
      expect(respaced.status).toBe(200);
      expect(respaced.body.id).toBe(first.body.id);

      const edited = await teacher.api.post('/api/v1/tickets').set('Idempotency-Key', key).send({ ...body, description: 'Plus de papier, et le bac 1 coince' });
      expect(problemOf(edited)).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(edited.body.detail).toContain(first.body.reference);
      expect(await ticketCount()).toBe(before);

      // A report filed before fingerprints were kept still replays under its key.
      await db().dataSource.getRepository(TicketEntity).update(first.body.id, { idempotencyFingerprint: null });
      const legacy = await teacher.api.post('/api/v1/tickets').set('Idempotency-Key', key).send({ ...body, title: 'Autre chose' });
      expect(legacy.status).toBe(200);
      expect(legacy.body.id).toBe(first.body.id);
    });
  });

  describe('listing', () => {
    let school: SchoolEntity;
    let ids: { projector: number; internet: number; ent: number; software: number };
    let mine: { teacher: Person; director: Person };

    const idsOf = (items: Ticket[]) => items.map((item) => item.id).sort((a, b) => a - b);
    const sorted = (...list: number[]) => [...list].sort((a, b) => a - b);
    const list = async (query: string, who: Person = t.admin) => {
      const res = await who.api.get(`/api/v1/tickets?schoolId=${school.id}&pageSize=500${query}`);
      expect(res.status).toBe(200);
      return idsOf(res.body.items);
    };

    beforeAll(async () => {
      const ds = db().dataSource;
      school = await makeSchool(ds, org, 'École élémentaire Les Tamarins');
      const teacherHere = await t.person('teacher', school.id, 'Enseignante des Tamarins');
      const directorHere = await t.person('director', school.id, 'Directeur des Tamarins');
      const projector = await fileReport(teacherHere.api, school.id, { category: 'hardware', title: 'Vidéoprojecteur éteint', impact: 'whole_school', urgency: 'high' });
      const internet = await fileReport(teacherHere.api, school.id, { category: 'internet', title: 'Internet coupé en salle 2', impact: 'one_person', urgency: 'low' });
      const ent = await fileReport(directorHere.api, school.id, { category: 'ent', title: 'Mot de passe perdu', impact: 'one_class', urgency: 'low' });
      const software = await fileReport(directorHere.api, school.id, { category: 'software', title: 'Logiciel de calcul mental', impact: 'one_class', urgency: 'high' });
      ids = { projector: projector.id, internet: internet.id, ent: ent.id, software: software.id };
      await actOk(ds, erun.api, projector.id, 'escalate', { note: 'Lampe grillée, à remplacer par la ville' });
      await actOk(ds, erun.api, internet.id, 'status', { status: 'in_progress' });
      // Long overdue.
      await ds.getRepository(TicketEntity).update(software.id, { firstResponseDueAt: new Date(Date.now() - 3 * DAY_MS), resolutionDueAt: new Date(Date.now() - DAY_MS) });
      mine = { teacher: teacherHere, director: directorHere };
    });

    it('filters by school', async () => {
      expect(await list('')).toEqual(sorted(ids.projector, ids.internet, ids.ent, ids.software));
      const res = await t.admin.api.get(`/api/v1/tickets?schoolId=${schoolB1.id}&pageSize=500`);
      expect(idsOf(res.body.items)).not.toEqual(expect.arrayContaining([ids.projector]));
    });

    it('filters by status, one or several', async () => {
      expect(await list('&status=new')).toEqual(sorted(ids.projector, ids.ent, ids.software));
      expect(await list('&status=in_progress')).toEqual([ids.internet]);
      expect(await list('&status=in_progress&status=new')).toEqual(sorted(ids.projector, ids.internet, ids.ent, ids.software));
      expect(await list('&status=resolved')).toEqual([]);
    });

    it('filters by level and by group', async () => {
      expect(await list('&level=2')).toEqual([ids.projector]);
      expect(await list('&level=1')).toEqual(sorted(ids.internet, ids.ent, ids.software));
      expect(await list('&group=commune_technicians')).toEqual([ids.projector]);
      expect(await list('&group=circonscription_level1')).toEqual(sorted(ids.internet, ids.ent, ids.software));
      expect(await list('&group=rectorate_desk')).toEqual([]);
    });

    it('filters by priority', async () => {
      expect(await list('&priority=P1')).toEqual([ids.projector]);
      expect(await list('&priority=P2')).toEqual([ids.software]);
      expect(await list('&priority=P3')).toEqual([ids.ent]);
      expect(await list('&priority=P4')).toEqual([ids.internet]);
    });

    it('filters open tickets past a due date, and flags them', async () => {
      expect(await list('&breached=true')).toEqual([ids.software]);
      expect(await list('&breached=false')).toEqual(sorted(ids.projector, ids.internet, ids.ent));
      const res = await t.admin.api.get(`/api/v1/tickets?schoolId=${school.id}`);
      const flags = Object.fromEntries((res.body.items as Ticket[]).map((item) => [item.id, item.breached]));
      expect(flags).toEqual({ [ids.projector]: false, [ids.internet]: false, [ids.ent]: false, [ids.software]: true });
    });

    it('searches the title and the reference', async () => {
      expect(await list('&q=projecteur')).toEqual([ids.projector]);
      expect(await list(`&q=${encodeURIComponent('MOT DE PASSE')}`)).toEqual([ids.ent]);
      const { reference } = await ticketRow(db().dataSource, ids.internet);
      expect(await list(`&q=${reference}`)).toEqual([ids.internet]);
      expect(await list('&q=introuvable')).toEqual([]);
    });

    it('keeps to the caller’s own reports with mine=true', async () => {
      expect(await list('&mine=true', mine.teacher)).toEqual(sorted(ids.projector, ids.internet));
      expect(await list('&mine=true', mine.director)).toEqual(sorted(ids.ent, ids.software));
      expect(await list('', mine.director)).toEqual(sorted(ids.projector, ids.internet, ids.ent, ids.software));
      expect(await list('&mine=false', mine.teacher)).toEqual(sorted(ids.projector, ids.internet));
    });

    it('pages and sorts', async () => {
      const all = sorted(ids.projector, ids.internet, ids.ent, ids.software);
      const page = (n: number, sort: string) => t.admin.api.get(`/api/v1/tickets?schoolId=${school.id}&pageSize=3&page=${n}&sort=${sort}`);
      const first = await page(1, 'reference');
      const second = await page(2, 'reference');
      expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(second.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect([...first.body.items, ...second.body.items].map((item: Ticket) => item.id)).toEqual(all);
      const byPriority = await t.admin.api.get(`/api/v1/tickets?schoolId=${school.id}&sort=priority`);
      expect(byPriority.body.items.map((item: Ticket) => item.priority)).toEqual(['P1', 'P2', 'P3', 'P4']);
      const newest = await t.admin.api.get(`/api/v1/tickets?schoolId=${school.id}&sort=-reference`);
      expect(newest.body.items.map((item: Ticket) => item.id)).toEqual([...all].reverse());
    });

    it('rejects bad filters with 422 naming each', async () => {
      const res = await t.admin.api.get('/api/v1/tickets?level=4&status=lost&priority=P9&breached=maybe&sort=title');
      expect(problemOf(res)).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
      expect(problemOf(res).fields).toEqual(expect.arrayContaining(['level', 'priority', 'breached', 'sort']));
      expect(problemOf(res).fields.some((field) => field.startsWith('status'))).toBe(true);
    });
  });

  describe('reading', () => {
    it('answers 404 for an unknown ticket and 422 for an id that is not one', async () => {
      expect(problemOf(await t.admin.api.get('/api/v1/tickets/999999'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(problemOf(await t.admin.api.get('/api/v1/tickets/abc'))).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    });

    it('returns the ticket with its timeline in order: who, when, what', async () => {
      const ds = db().dataSource;
      const filed = await fileReport(teacher.api, schoolA1.id, { category: 'internet', title: 'Box internet muette', description: 'Voyant rouge.' });
      await actOk(ds, erun.api, filed.id, 'comments', { body: 'Pouvez-vous redémarrer la box ?' });
      await actOk(ds, teacher.api, filed.id, 'comments', { body: 'Fait, sans effet.' });
      await actOk(ds, erun.api, filed.id, 'escalate', { note: 'Box redémarrée sans effet : ligne coupée' });
      const res = await teacher.api.get(`/api/v1/tickets/${filed.id}`);
      expect(res.status).toBe(200);
      const ticket = TicketDetail.parse(res.body);
      expect(ticket.timeline.map((e) => [e.kind, e.actor.id, e.body])).toEqual([
        ['created', teacher.id, 'Voyant rouge.'],
        ['routed', teacher.id, expect.any(String)],
        ['comment', erun.id, 'Pouvez-vous redémarrer la box ?'],
        ['comment', teacher.id, 'Fait, sans effet.'],
        ['escalated', erun.id, 'Box redémarrée sans effet : ligne coupée'],
      ]);
      const times = ticket.timeline.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.every((time) => Math.abs(time - Date.now()) < 60_000)).toBe(true);
      expect(ticket.timeline[4]).toMatchObject({ from: `Niveau 1 — ${org.circonscription.name} (niveau 1)`, to: `Techniciens — ${org.commune.name} (niveau 2)` });
    });
  });

  describe('who sees what', () => {
    let tickets: Record<'own' | 'colleague' | 'a2' | 'a3' | 'c1' | 'b1', number>;

    beforeAll(async () => {
      tickets = {
        own: (await fileReport(teacher.api, schoolA1.id)).id,
        colleague: (await fileReport(colleague.api, schoolA1.id)).id,
        a2: (await fileReport(t.admin.api, schoolA2.id)).id,
        a3: (await fileReport(t.admin.api, schoolA3.id)).id,
        c1: (await fileReport(t.admin.api, schoolC1.id)).id,
        b1: (await fileReport(t.admin.api, schoolB1.id)).id,
      };
    });

    it('shows a teacher their own reports, the director the school, ERUN the circonscription, technicians the commune, the rectorate the académie; 404 elsewhere', async () => {
      const sees: [string, Person, (keyof typeof tickets)[]][] = [
        ['teacher', teacher, ['own']],
        ['colleague', colleague, ['colleague']],
        ['director', director, ['own', 'colleague']],
        ['erun', erun, ['own', 'colleague', 'a2', 'c1']],
        ['technician', technician, ['own', 'colleague', 'a2', 'a3']],
        ['rectorate', rectorate, ['own', 'colleague', 'a2', 'a3', 'c1']],
        ['outsider', outsider, ['b1']],
        ['admin', t.admin, ['own', 'colleague', 'a2', 'a3', 'c1', 'b1']],
      ];
      const names = Object.keys(tickets) as (keyof typeof tickets)[];
      const actual = await Promise.all(
        sees.map(async ([who, person]) => {
          const reads = await Promise.all(names.map(async (name) => [name, (await person.api.get(`/api/v1/tickets/${tickets[name]}`)).status] as const));
          const listed = await person.api.get('/api/v1/tickets?pageSize=500');
          const listedIds = new Set((listed.body.items as Ticket[]).map((item) => item.id));
          return {
            who,
            reads: reads.filter(([, status]) => status === 200).map(([name]) => name),
            hidden: reads.every(([, status]) => status === 200 || status === 404),
            listed: names.filter((name) => listedIds.has(tickets[name])),
          };
        }),
      );
      expect(actual).toEqual(sees.map(([who, , visible]) => ({ who, reads: visible, hidden: true, listed: visible })));
    });

    it('hides internal notes from the reporter and the director, not from support staff', async () => {
      const ds = db().dataSource;
      await actOk(ds, technician.api, tickets.own, 'comments', { body: 'Poste à réinstaller, la maîtresse ne doit pas le savoir', internal: true });
      const answer = await actOk(ds, technician.api, tickets.own, 'comments', { body: 'Nous passons jeudi.' });
      expect(answer.timeline.map((e) => e.kind)).toEqual(['created', 'routed', 'note', 'comment']);

      const seen = async (who: Person) => ((await who.api.get(`/api/v1/tickets/${tickets.own}`)).body as TicketDetail).timeline.map((e) => e.kind);
      expect(await seen(teacher)).toEqual(['created', 'routed', 'comment']);
      expect(await seen(director)).toEqual(['created', 'routed', 'comment']);
      expect(await seen(erun)).toEqual(['created', 'routed', 'note', 'comment']);
      expect(await seen(rectorate)).toEqual(['created', 'routed', 'note', 'comment']);

      // The reporter's own comment answers with the timeline as they may see it.
      const reply = await actOk(ds, teacher.api, tickets.own, 'comments', { body: 'Merci !' });
      expect(reply.timeline.map((e) => e.kind)).toEqual(['created', 'routed', 'comment', 'comment']);
      const refused = await teacher.api.post(`/api/v1/tickets/${tickets.own}/comments`).send({ body: 'Note secrète', internal: true });
      expect(problemOf(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    });
  });
});
