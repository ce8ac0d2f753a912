import { DEFAULT_SERVICE_TARGETS, WorkingCalendar, type ServiceTargets, type TicketCategory, type TicketDetail } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import { AuditEntryEntity } from '../../audit/audit-entry.entity';
import type { SchoolEntity } from '../../schools/school.entity';
import { addWorkingMinutes, workingMinutesBetween } from '../../service-targets/working-time';
import { CommuneTicketSettingsEntity } from '../commune-settings.entity';
import { pausesOf } from '../ticket-clock';
import { TicketEntity } from '../ticket.entity';
import {
  ALWAYS_OPEN,
  DAY_MS,
  act,
  actOk,
  fileReport,
  handToCommune,
  makeItem,
  problemOf,
  setCommuneSettings,
  ticketApp,
  ticketRow,
  type Person,
  type TicketApp,
} from './ticket-fixtures';

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

describeEachEngine('ticket workflow API', (db) => {
  let t: TicketApp;
  let org: OrgFixture;
  let school: SchoolEntity;
  let teacher: Person;
  let director: Person;
  let erun: Person;
  let technician: Person;
  let colleague: Person;
  let elsewhere: Person;

  beforeAll(async () => {
    const ds = db().dataSource;
    t = await ticketApp(ds);
    org = await makeOrganisations(ds);
    school = await makeSchool(ds, org, 'École élémentaire Les Lataniers');
    teacher = await t.person('teacher', school.id, 'Sophie Lebon');
    director = await t.person('director', school.id, 'Henri Maillot');
    erun = await t.person('erun', org.circonscription.id, 'Claire Boyer');
    technician = await t.person('city_technician', org.commune.id, 'Yann Robert');
    colleague = await t.person('city_technician', org.commune.id, 'Inès Hoarau');
    elsewhere = await t.person('city_technician', (await makeOrganisations(ds)).commune.id, "Technicien d'ailleurs");
  });

  const ds = () => db().dataSource;
  /** A report already with the commune's technicians: most steps below are theirs. */
  const report = async (overrides: Parameters<typeof fileReport>[2] = {}) => handToCommune(ds(), await fileReport(teacher.api, school.id, overrides));
  const backToDefaultSettings = () => ds().getRepository(CommuneTicketSettingsEntity).delete({ communeId: org.commune.id });
  const resolved = async (overrides: Parameters<typeof fileReport>[2] = {}) => {
    const ticket = await report(overrides);
    return actOk(ds(), technician.api, ticket.id, 'resolve', { resolution: 'Câble réseau rebranché' });
  };

  it('refuses a change made on a stale version: 409 VERSION_CONFLICT, nothing applied', async () => {
    const ticket = await report({ category: 'network' });
    await actOk(ds(), technician.api, ticket.id, 'assign', { assigneeId: technician.id });
    const stale = await act(ds(), colleague.api, ticket.id, 'status', { version: ticket.version, status: 'waiting' });
    expect(problemOf(stale)).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    const row = await ticketRow(ds(), ticket.id);
    expect(row).toMatchObject({ status: 'assigned', version: 2, pauses: null });
    const timeline = ((await technician.api.get(`/api/v1/tickets/${ticket.id}`)).body as TicketDetail).timeline;
    expect(timeline.map((e) => e.kind)).toEqual(['created', 'routed', 'assigned']);
  });

  describe('assignment', () => {
    it('assigns to someone who works the school’s tickets, and back to the group’s queue', async () => {
      const ticket = await report({ category: 'internet' });
      const assigned = await actOk(ds(), technician.api, ticket.id, 'assign', { assigneeId: colleague.id });
      expect(assigned).toMatchObject({ status: 'assigned', assignee: { id: colleague.id, displayName: 'Inès Hoarau' }, version: 2 });
      expect(assigned.firstRespondedAt).not.toBeNull();
      expect(assigned.timeline.at(-1)).toMatchObject({ kind: 'assigned', to: 'Inès Hoarau', actor: { id: technician.id } });

      const queue = await actOk(ds(), technician.api, ticket.id, 'assign', { assigneeId: null });
      expect(queue).toMatchObject({ status: 'new', assignee: null });
      expect(queue.timeline.at(-1)).toMatchObject({ kind: 'assigned', to: 'file du groupe' });
    });

    it('refuses an assignee who does not work this school’s tickets (422 on assigneeId), and the reporter (403)', async () => {
      const ticket = await report({ category: 'internet' });
      // The circonscription's ERUN sees the ticket but is not in the group holding it.
      for (const assigneeId of [teacher.id, director.id, erun.id, elsewhere.id, 999_999]) {
        const res = await act(ds(), technician.api, ticket.id, 'assign', { assigneeId });
        expect({ assigneeId, ...problemOf(res) }).toEqual({ assigneeId, status: 422, code: 'VALIDATION_FAILED', fields: ['assigneeId'] });
      }
      expect(problemOf(await act(ds(), teacher.api, ticket.id, 'assign', { assigneeId: technician.id }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(problemOf(await act(ds(), elsewhere.api, ticket.id, 'assign', { assigneeId: elsewhere.id }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(await ticketRow(ds(), ticket.id)).toMatchObject({ assigneeUserId: null, status: 'new', version: 1 });
    });
  });

  describe('the holding group', () => {
    it('lets only the group holding a ticket take, move or resolve it; other staff of the school comment', async () => {
      const atLevel1 = await fileReport(teacher.api, school.id, { category: 'internet' });
      const atCommune = await report({ category: 'internet' });
      const steps = [
        ['assign', (id: number) => ({ assigneeId: id })],
        ['status', () => ({ status: 'in_progress' })],
        ['escalate', () => ({ note: 'Box redémarrée, toujours rien' })],
        ['resolve', () => ({ resolution: 'Ligne rétablie' })],
      ] as const;
      for (const [ticket, outsider] of [[atLevel1, technician], [atCommune, erun]] as const) {
        for (const [action, body] of steps) {
          const res = await act(ds(), outsider.api, ticket.id, action, body(outsider.id));
          expect({ action, ...problemOf(res) }).toEqual({ action, status: 403, code: 'NOT_HOLDING_GROUP', fields: [] });
        }
        await actOk(ds(), outsider.api, ticket.id, 'comments', { body: 'Vu de mon côté aussi', internal: true });
        const read = (await outsider.api.get(`/api/v1/tickets/${ticket.id}`)).body as TicketDetail;
        expect(read).toMatchObject({ viewerHolds: false, version: ticket.version });
        expect(read.timeline.at(-1)).toMatchObject({ kind: 'note', internal: true });
      }
      expect(((await erun.api.get(`/api/v1/tickets/${atLevel1.id}`)).body as TicketDetail).viewerHolds).toBe(true);
      expect(((await technician.api.get(`/api/v1/tickets/${atCommune.id}`)).body as TicketDetail).viewerHolds).toBe(true);
      expect(((await teacher.api.get(`/api/v1/tickets/${atCommune.id}`)).body as TicketDetail).viewerHolds).toBe(false);
      expect(await actOk(ds(), erun.api, atLevel1.id, 'escalate', { note: 'Box redémarrée, toujours rien' })).toMatchObject({ level: 2, viewerHolds: false });
    });
  });

  describe('the clock', () => {
    let calendar: WorkingCalendar;
    let paused: SchoolEntity;
    let reporter: Person;
    let staff: Person;
    // Long targets, so that a due date backdated by weeks still lies ahead.
    const targets: ServiceTargets = {
      P1: { firstResponseMinutes: 60, resolutionMinutes: 60 * 24 * 60 },
      P2: { firstResponseMinutes: 60, resolutionMinutes: 60 * 24 * 60 },
      P3: { firstResponseMinutes: 60, resolutionMinutes: 60 * 24 * 60 },
      P4: { firstResponseMinutes: 60, resolutionMinutes: 60 * 24 * 60 },
    };

    beforeAll(async () => {
      const open = await makeOrganisations(ds());
      await setCommuneSettings(ds(), open.commune.id, { calendar: JSON.stringify(ALWAYS_OPEN), targets: JSON.stringify(targets) });
      calendar = WorkingCalendar.parse(ALWAYS_OPEN);
      paused = await makeSchool(ds(), open, 'École du Cirque');
      reporter = await t.person('teacher', paused.id, 'Enseignant du Cirque');
      staff = await t.person('city_technician', open.commune.id, 'Technicienne 24/7');
    });

    /** A ticket whose clock started 20 days ago and has waited for the last 9 days. */
    async function waitingForNineDays(category: TicketCategory = 'network') {
      const ticket = await handToCommune(ds(), await fileReport(reporter.api, paused.id, { category }));
      const waiting = await actOk(ds(), staff.api, ticket.id, 'status', { status: 'waiting', note: 'En attente du fournisseur d’accès' });
      expect(waiting).toMatchObject({ status: 'waiting', resolutionDueAt: null });
      const clockStartedAt = new Date(Date.now() - 20 * DAY_MS);
      const pauseFrom = new Date(Date.now() - 9 * DAY_MS);
      await ds()
        .getRepository(TicketEntity)
        .update(ticket.id, { clockStartedAt, pauses: JSON.stringify([{ from: pauseFrom.toISOString(), to: null }]) });
      const { clockStartedAt: stored } = await ticketRow(ds(), ticket.id);
      return { ticket, clockStartedAt: stored!, pauseFrom };
    }

    /** The due date moved later by the working time of the pause, as the calendar counts it. */
    async function expectPushedByThePause(id: number, clockStartedAt: Date, detail: TicketDetail) {
      const [pause] = pausesOf(await ticketRow(ds(), id));
      expect(pause!.to).not.toBeNull();
      const unpaused = addWorkingMinutes(calendar, clockStartedAt, targets.P3.resolutionMinutes);
      const due = new Date(detail.resolutionDueAt!);
      expect(due.getTime()).toBeGreaterThan(unpaused.getTime() + 5 * DAY_MS);
      expect(Math.abs(workingMinutesBetween(calendar, unpaused, due) - workingMinutesBetween(calendar, pause!.from, pause!.to!))).toBeLessThan(1);
      // The first response was due before the pause began: it stays where it was.
      expect(Math.abs(ms(detail.firstResponseDueAt)! - addWorkingMinutes(calendar, clockStartedAt, 60).getTime())).toBeLessThan(1000);
    }

    it('stops while waiting and pushes the resolution due date by the working time spent waiting', async () => {
      const { ticket, clockStartedAt } = await waitingForNineDays();
      const resumed = await actOk(ds(), staff.api, ticket.id, 'status', { status: 'in_progress' });
      expect(resumed.status).toBe('in_progress');
      await expectPushedByThePause(ticket.id, clockStartedAt, resumed);
      expect(resumed.timeline.filter((e) => e.kind === 'status').map((e) => [e.from, e.to, e.body])).toEqual([
        ['new', 'waiting', 'En attente du fournisseur d’accès'],
        ['waiting', 'in_progress', null],
      ]);
    });

    it('resumes when the reporter answers a waiting ticket, not when a colleague of the school comments', async () => {
      const { ticket, clockStartedAt } = await waitingForNineDays();
      const colleague = await t.person('teacher', paused.id, 'Collègue du Cirque');
      await colleague.api.post(`/api/v1/tickets/${ticket.id}/follow`).expect(200);
      expect((await actOk(ds(), colleague.api, ticket.id, 'comments', { body: 'Chez moi aussi.' })).status).toBe('waiting');
      const answered = await actOk(ds(), reporter.api, ticket.id, 'comments', { body: 'La box a été changée hier.' });
      expect(answered.status).toBe('in_progress');
      await expectPushedByThePause(ticket.id, clockStartedAt, answered);
    });

    it('resumes when a waiting ticket moves to another group or back to the queue', async () => {
      // Filtering goes on from the commune to the rectorate's experts.
      for (const [category, move] of [
        ['filtering', (id: number) => actOk(ds(), staff.api, id, 'escalate', { note: 'Coupure confirmée, intervention nécessaire' })],
        ['network', (id: number) => actOk(ds(), staff.api, id, 'assign', { assigneeId: null })],
      ] as const) {
        const { ticket, clockStartedAt } = await waitingForNineDays(category);
        const moved = await move(ticket.id);
        expect(moved.status).toBe('new');
        await expectPushedByThePause(ticket.id, clockStartedAt, moved);
        // Later steps keep the clock running (by an administrator: the experts hold the escalated one).
        const working = await actOk(ds(), t.admin.api, ticket.id, 'status', { status: 'in_progress' });
        expect(working.resolutionDueAt).toBe(moved.resolutionDueAt);
      }
    });
  });

  describe('resolution', () => {
    it('puts the reported item back in service, or in the status the technician gives', async () => {
      for (const [given, expected] of [
        [undefined, 'in_service'],
        ['in_repair', 'in_repair'],
      ] as const) {
        const laptop = await makeItem(t.admin, school.id);
        const ticket = await report({ category: 'hardware', equipmentId: laptop.id });
        expect((await t.admin.api.get(`/api/v1/equipment/${laptop.id}`)).body.status).toBe('broken');
        const done = await actOk(ds(), technician.api, ticket.id, 'resolve', { resolution: 'Écran remplacé', ...(given ? { equipmentStatus: given } : {}) });
        expect(done).toMatchObject({ status: 'resolved', breached: false });
        expect(Math.abs(ms(done.resolvedAt)! - Date.now())).toBeLessThan(60_000);
        expect(done.timeline.at(-1)).toMatchObject({ kind: 'resolved', body: 'Écran remplacé', actor: { id: technician.id } });
        expect((await t.admin.api.get(`/api/v1/equipment/${laptop.id}`)).body.status).toBe(expected);
        const history = await t.admin.api.get(`/api/v1/equipment/${laptop.id}/history`);
        expect(JSON.stringify(history.body)).toContain(`Résolution ${ticket.reference}`);
      }
    });

    it('asks what was done (422) and lets only support staff resolve (403)', async () => {
      const ticket = await report();
      expect(problemOf(await act(ds(), technician.api, ticket.id, 'resolve', { resolution: '' }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['resolution'] });
      expect(problemOf(await act(ds(), teacher.api, ticket.id, 'resolve', { resolution: 'Ça remarche tout seul' }))).toMatchObject({ status: 403 });
      expect(problemOf(await act(ds(), director.api, ticket.id, 'resolve', { resolution: 'Ça remarche tout seul' }))).toMatchObject({ status: 403 });
    });

    it('refuses every transition of a resolved ticket but reopen and close: 409 INVALID_TRANSITION', async () => {
      const ticket = await resolved({ category: 'hardware' });
      const attempts: [string, Record<string, unknown>][] = [
        ['escalate', { note: 'Finalement à escalader' }],
        ['deescalate', { note: 'Retour' }],
        ['assign', { assigneeId: technician.id }],
        ['status', { status: 'in_progress' }],
        ['status', { status: 'waiting' }],
        ['resolve', { resolution: 'Encore résolu' }],
        ['approve', {}],
      ];
      for (const [action, body] of attempts) {
        const who = action === 'approve' ? director : technician;
        expect({ action, ...problemOf(await act(ds(), who.api, ticket.id, action, body)) }).toMatchObject({ action, status: 409, code: 'INVALID_TRANSITION' });
      }
      expect(await ticketRow(ds(), ticket.id)).toMatchObject({ status: 'resolved', version: ticket.version });
    });
  });

  describe('reopening', () => {
    it('lets the reporter reopen within the window, back to the assignee or the queue', async () => {
      const queued = await resolved();
      const reopened = await actOk(ds(), teacher.api, queued.id, 'reopen', { reason: 'Le réseau coupe encore' });
      expect(reopened).toMatchObject({ status: 'new', resolvedAt: null });
      expect(reopened.timeline.at(-1)).toMatchObject({ kind: 'reopened', body: 'Le réseau coupe encore', actor: { id: teacher.id } });

      const ticket = await report();
      await actOk(ds(), technician.api, ticket.id, 'assign', { assigneeId: technician.id });
      await actOk(ds(), technician.api, ticket.id, 'resolve', { resolution: 'Prise changée' });
      expect(await actOk(ds(), director.api, ticket.id, 'reopen', { reason: 'Toujours en panne' })).toMatchObject({ status: 'assigned', assignee: { id: technician.id } });
    });

    it('says until when a resolved ticket may be reopened: 5 days after its resolution by default, never after it closes itself', async () => {
      const ticket = await resolved();
      expect(ticket.reopenUntil).toBe(new Date(ms(ticket.resolvedAt)! + 5 * DAY_MS).toISOString());
      // Settings saved before reopening was bound to the auto-close delay: the earlier of the two.
      await setCommuneSettings(ds(), org.commune.id, { reopenDays: 7, autoCloseDays: 3 });
      try {
        const read = (await technician.api.get(`/api/v1/tickets/${ticket.id}`)).body as TicketDetail;
        expect(read.reopenUntil).toBe(new Date(ms(ticket.resolvedAt)! + 3 * DAY_MS).toISOString());
      } finally {
        await backToDefaultSettings();
      }
      expect((await report()).reopenUntil).toBeNull();
    });

    it('allows no reopening when the commune set 0 days: no deadline shown, 409 REOPEN_PERIOD_OVER', async () => {
      await setCommuneSettings(ds(), org.commune.id, { reopenDays: 0 });
      try {
        const ticket = await resolved();
        expect(ticket.reopenUntil).toBeNull();
        const refused = await act(ds(), teacher.api, ticket.id, 'reopen', { reason: 'Le réseau coupe encore' });
        expect(problemOf(refused)).toMatchObject({ status: 409, code: 'REOPEN_PERIOD_OVER' });
        expect(refused.body.detail).toContain('cannot be reopened');
      } finally {
        await backToDefaultSettings();
      }
    });

    it('refuses after the window (409 REOPEN_PERIOD_OVER), and an open ticket (409)', async () => {
      const ticket = await resolved();
      await ds().getRepository(TicketEntity).update(ticket.id, { resolvedAt: new Date(Date.now() - 8 * DAY_MS) });
      const late = await act(ds(), teacher.api, ticket.id, 'reopen', { reason: 'Le réseau coupe encore' });
      expect(problemOf(late)).toMatchObject({ status: 409, code: 'REOPEN_PERIOD_OVER' });
      expect(late.body.detail).toContain('5 days');
      expect((await ticketRow(ds(), ticket.id)).status).toBe('resolved');

      // Four days is within a 5-day window.
      await ds().getRepository(TicketEntity).update(ticket.id, { resolvedAt: new Date(Date.now() - 4 * DAY_MS) });
      expect((await actOk(ds(), teacher.api, ticket.id, 'reopen', { reason: 'Le réseau coupe encore' })).status).toBe('new');
      expect(problemOf(await act(ds(), teacher.api, ticket.id, 'reopen', { reason: 'Encore ?' }))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    });
  });

  describe('closing', () => {
    it('lets the reporter close with a rating', async () => {
      const ticket = await resolved();
      const closed = await actOk(ds(), teacher.api, ticket.id, 'close', { rating: 4, comment: 'Rapide, merci' });
      expect(closed).toMatchObject({ status: 'closed', rating: 4, ratingComment: 'Rapide, merci' });
      expect(Math.abs(ms(closed.closedAt)! - Date.now())).toBeLessThan(60_000);
      expect(closed.timeline.at(-1)).toMatchObject({ kind: 'closed', to: '4/5', body: 'Rapide, merci', actor: { id: teacher.id } });
    });

    it('lets a technician close without a rating, never with one (403); a rating is 1 to 5 (422)', async () => {
      const ticket = await resolved();
      expect(problemOf(await act(ds(), technician.api, ticket.id, 'close', { rating: 5 }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(problemOf(await act(ds(), director.api, ticket.id, 'close', { rating: 5 }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(problemOf(await act(ds(), teacher.api, ticket.id, 'close', { rating: 6 }))).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['rating'] });
      const closed = await actOk(ds(), technician.api, ticket.id, 'close');
      expect(closed).toMatchObject({ status: 'closed', rating: null, ratingComment: null });
      expect(closed.timeline.at(-1)).toMatchObject({ kind: 'closed', to: null, actor: { id: technician.id } });
    });

    it('lets the reporter rate a ticket closed without their rating (by staff or the sweep), once, within 30 days', async () => {
      const ticket = await resolved();
      await actOk(ds(), technician.api, ticket.id, 'close');
      expect(problemOf(await act(ds(), technician.api, ticket.id, 'close', { rating: 4 }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      const rated = await actOk(ds(), teacher.api, ticket.id, 'close', { rating: 4, comment: 'Bien, mais long' });
      expect(rated).toMatchObject({ status: 'closed', rating: 4, ratingComment: 'Bien, mais long' });
      expect(rated.timeline.at(-1)).toMatchObject({ kind: 'closed', to: '4/5', actor: { id: teacher.id } });
      expect(problemOf(await act(ds(), teacher.api, ticket.id, 'close', { rating: 2 }))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });

      const old = await resolved();
      await actOk(ds(), technician.api, old.id, 'close');
      await ds().getRepository(TicketEntity).update(old.id, { closedAt: new Date(Date.now() - 31 * DAY_MS) });
      expect(problemOf(await act(ds(), teacher.api, old.id, 'close', { rating: 5 }))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    });

    it('closes only a resolved ticket, and a closed ticket takes no more comments (409)', async () => {
      const open = await report();
      expect(problemOf(await act(ds(), teacher.api, open.id, 'close', { rating: 3 }))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
      const ticket = await resolved();
      await actOk(ds(), teacher.api, ticket.id, 'close', { rating: 5 });
      for (const who of [teacher, technician]) {
        const res = await who.api.post(`/api/v1/tickets/${ticket.id}/comments`).send({ body: 'Encore une chose' });
        expect(problemOf(res)).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
      }
      expect(problemOf(await act(ds(), teacher.api, ticket.id, 'reopen', { reason: 'Finalement non' }))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    });
  });

  describe('director approval', () => {
    let approvalSchool: SchoolEntity;
    let approvalOrg: OrgFixture;
    let teacherHere: Person;
    let directorHere: Person;
    let technicianHere: Person;
    let erunHere: Person;

    beforeAll(async () => {
      approvalOrg = await makeOrganisations(ds());
      await setCommuneSettings(ds(), approvalOrg.commune.id, { requireDirectorApproval: true });
      approvalSchool = await makeSchool(ds(), approvalOrg, 'École des Goyaviers');
      teacherHere = await t.person('teacher', approvalSchool.id, 'Enseignant des Goyaviers');
      directorHere = await t.person('director', approvalSchool.id, 'Directrice des Goyaviers');
      technicianHere = await t.person('city_technician', approvalOrg.commune.id, 'Technicien des Goyaviers');
      erunHere = await t.person('erun', approvalOrg.circonscription.id, 'ERUN des Goyaviers');
    });

    it('holds a teacher’s report until the director approves it; the clock starts then', async () => {
      const pending = await fileReport(teacherHere.api, approvalSchool.id, { category: 'hardware', impact: 'one_class', urgency: 'high' });
      expect(pending).toMatchObject({ approval: 'pending', status: 'new', firstResponseDueAt: null, resolutionDueAt: null, breached: false });
      expect((await ticketRow(ds(), pending.id)).clockStartedAt).toBeNull();
      // Without due dates it is late for nothing: listed as not breached.
      const listed = async (breached: boolean) =>
        ((await directorHere.api.get(`/api/v1/tickets?schoolId=${approvalSchool.id}&breached=${breached}`)).body.items as { id: number }[]).map((item) => item.id);
      expect(await listed(false)).toContain(pending.id);
      expect(await listed(true)).not.toContain(pending.id);

      for (const [action, body] of [
        ['escalate', { note: 'Diagnostic posé au niveau 1' }],
        ['assign', { assigneeId: erunHere.id }],
        ['status', { status: 'in_progress' }],
        ['resolve', { resolution: 'Réparé' }],
      ] as const) {
        // Held at the school, the report is hidden from the support; an administrator sees it but cannot work it yet.
        expect({ action, ...problemOf(await act(ds(), erunHere.api, pending.id, action, body)) }).toMatchObject({ action, status: 404 });
        expect({ action, ...problemOf(await act(ds(), t.admin.api, pending.id, action, body)) }).toMatchObject({ action, status: 409, code: 'INVALID_TRANSITION' });
      }
      expect(problemOf(await act(ds(), teacherHere.api, pending.id, 'approve'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      for (const who of [technicianHere, erunHere]) expect(problemOf(await act(ds(), who.api, pending.id, 'approve'))).toMatchObject({ status: 404 });
      // The director of another school does not see it.
      expect(problemOf(await act(ds(), director.api, pending.id, 'approve'))).toMatchObject({ status: 404 });

      const approved = await actOk(ds(), directorHere.api, pending.id, 'approve', { note: 'Vu, à traiter' });
      expect(approved).toMatchObject({ approval: 'approved', status: 'new' });
      expect(approved.timeline.at(-1)).toMatchObject({ kind: 'approved', body: 'Vu, à traiter', actor: { id: directorHere.id } });
      const { clockStartedAt } = await ticketRow(ds(), pending.id);
      expect(clockStartedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(pending.createdAt) - 1000);
      const calendar = WorkingCalendar.parse({});
      expect(Math.abs(ms(approved.resolutionDueAt)! - addWorkingMinutes(calendar, clockStartedAt!, DEFAULT_SERVICE_TARGETS.P2.resolutionMinutes).getTime())).toBeLessThan(1000);
      expect(Math.abs(ms(approved.firstResponseDueAt)! - addWorkingMinutes(calendar, clockStartedAt!, DEFAULT_SERVICE_TARGETS.P2.firstResponseMinutes).getTime())).toBeLessThan(1000);

      expect(problemOf(await act(ds(), directorHere.api, pending.id, 'approve'))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
      expect(await actOk(ds(), erunHere.api, pending.id, 'escalate', { note: 'Diagnostic posé au niveau 1' })).toMatchObject({ level: 2 });
    });

    it('does not hold the director’s own report, nor anyone’s where the commune does not ask for it', async () => {
      expect(await fileReport(directorHere.api, approvalSchool.id)).toMatchObject({ approval: 'not_required', firstResponseDueAt: expect.any(String) });
      expect(await report()).toMatchObject({ approval: 'not_required', resolutionDueAt: expect.any(String) });
    });
  });

  it('records who did what and when, through a ticket’s whole life', async () => {
    const laptop = await makeItem(t.admin, school.id);
    const ticket = await fileReport(teacher.api, school.id, { category: 'hardware', equipmentId: laptop.id, title: 'Le TBI ne s’allume plus', description: 'Rien ne se passe.' });
    const steps: [Person, string, Record<string, unknown>][] = [
      [erun, 'assign', { assigneeId: erun.id }],
      [erun, 'status', { status: 'in_progress' }],
      [erun, 'comments', { body: 'Alimentation testée : hors service', internal: true }],
      [erun, 'status', { status: 'waiting', note: 'Pouvez-vous vérifier la prise murale ?' }],
      [teacher, 'comments', { body: 'La prise fonctionne.' }],
      [erun, 'escalate', { note: "Bloc d'alimentation à remplacer" }],
      [technician, 'assign', { assigneeId: technician.id }],
      [technician, 'resolve', { resolution: 'Bloc remplacé' }],
      [teacher, 'reopen', { reason: 'Il s’éteint au bout de 5 minutes' }],
      [technician, 'resolve', { resolution: 'Ventilation nettoyée' }],
      [teacher, 'close', { rating: 5 }],
    ];
    for (const [who, action, body] of steps) await actOk(ds(), who.api, ticket.id, action, body);

    const full = ((await technician.api.get(`/api/v1/tickets/${ticket.id}`)).body as TicketDetail).timeline;
    const level1 = `Niveau 1 — ${org.circonscription.name} (niveau 1)`;
    const level2 = `Techniciens — ${org.commune.name} (niveau 2)`;
    expect(full.map((e) => ({ kind: e.kind, who: e.actor.id, body: e.body, from: e.from, to: e.to, internal: e.internal }))).toEqual([
      { kind: 'created', who: teacher.id, body: 'Rien ne se passe.', from: null, to: null, internal: false },
      { kind: 'routed', who: teacher.id, body: expect.any(String), from: null, to: level1, internal: false },
      { kind: 'assigned', who: erun.id, body: null, from: null, to: 'Claire Boyer', internal: false },
      { kind: 'status', who: erun.id, body: null, from: 'assigned', to: 'in_progress', internal: false },
      { kind: 'note', who: erun.id, body: 'Alimentation testée : hors service', from: null, to: null, internal: true },
      { kind: 'status', who: erun.id, body: 'Pouvez-vous vérifier la prise murale ?', from: 'in_progress', to: 'waiting', internal: false },
      { kind: 'comment', who: teacher.id, body: 'La prise fonctionne.', from: null, to: null, internal: false },
      { kind: 'escalated', who: erun.id, body: "Bloc d'alimentation à remplacer", from: level1, to: level2, internal: false },
      { kind: 'assigned', who: technician.id, body: null, from: null, to: 'Yann Robert', internal: false },
      { kind: 'resolved', who: technician.id, body: 'Bloc remplacé', from: null, to: null, internal: false },
      { kind: 'reopened', who: teacher.id, body: 'Il s’éteint au bout de 5 minutes', from: null, to: null, internal: false },
      { kind: 'resolved', who: technician.id, body: 'Ventilation nettoyée', from: null, to: null, internal: false },
      { kind: 'closed', who: teacher.id, body: null, from: null, to: '5/5', internal: false },
    ]);
    // One label per person, never blank.
    expect(full.every((e) => /\S/.test(e.actor.label))).toBe(true);
    expect(new Set(full.map((e) => `${e.actor.id}:${e.actor.label}`)).size).toBe(3);
    // People by their names, as the rest of the page shows them, not their usernames.
    expect(full.find((e) => e.kind === 'resolved')!.actor.label).toBe('Yann Robert');
    expect(full.find((e) => e.kind === 'note')!.actor.label).toBe('Claire Boyer');
    const times = full.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const asReporter = ((await teacher.api.get(`/api/v1/tickets/${ticket.id}`)).body as TicketDetail).timeline;
    expect(asReporter.map((e) => e.id)).toEqual(full.filter((e) => !e.internal).map((e) => e.id));

    const audit = await ds().getRepository(AuditEntryEntity).find({ where: { targetType: 'ticket', targetId: ticket.id }, order: { id: 'ASC' } });
    expect(audit.map((entry) => [entry.action, entry.actorUserId])).toEqual([
      ['ticket.created', teacher.id],
      ['ticket.escalated', erun.id],
      ['ticket.resolved', technician.id],
      ['ticket.reopened', teacher.id],
      ['ticket.resolved', technician.id],
    ]);
  });
});
