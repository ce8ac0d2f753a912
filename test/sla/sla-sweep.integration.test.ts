import type { TicketDetail } from '@preau/shared';
import { CommuneTicketSettingsEntity } from '../../server/src/modules/tickets/commune-settings.entity';
import { TicketFollowerEntity } from '../../server/src/modules/tickets/ticket-follower.entity';
import { makeUser } from '../support/auth';
import { describeEachEngine } from '../support/databases';
import { DAY_MS, HOUR_MS, MINUTE_MS, clearTickets, setTicket, slaWorld, sweepEntries, ticketRow, type SlaWorld } from './sla-fixtures';

// Whole seconds, as the sweep stamps its marks.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describeEachEngine('service-target sweep', (db) => {
  let world: SlaWorld;

  beforeAll(async () => {
    world = await slaWorld(db().dataSource);
  });

  afterAll(async () => {
    await world?.settle();
  });

  beforeEach(async () => {
    await world.settle();
    await clearTickets(db().dataSource);
    world.events.length = 0;
    world.notifier.breaches.length = 0;
    world.notifier.autoClosed.length = 0;
    world.notifier.failFor = null;
  });

  /** A reported ticket whose due dates are set relative to NOW. */
  async function ticketDue(firstResponseInMs: number, resolutionInMs: number, fields: Parameters<typeof setTicket>[2] = {}): Promise<number> {
    const id = await world.report();
    await setTicket(world.ds, id, { firstResponseDueAt: at(firstResponseInMs), resolutionDueAt: at(resolutionInMs), ...fields });
    return id;
  }

  it('warns before a due date and records the breach after, once, for the staff only', async () => {
    const late = await ticketDue(-10 * MINUTE_MS, 5 * HOUR_MS);
    const soon = await ticketDue(30 * MINUTE_MS, 5 * HOUR_MS);
    const calm = await ticketDue(3 * HOUR_MS, 5 * HOUR_MS);
    const before = await ticketRow(world.ds, late);

    const first = await world.sweeper().sweep(NOW);
    expect(first).toEqual({ breached: [late], warned: [soon], autoClosed: [] });

    const lateRow = await ticketRow(world.ds, late);
    expect(lateRow).toMatchObject({ firstResponseBreachedAt: NOW, firstResponseWarnedAt: null, breachedAt: null, breachWarnedAt: null });
    // A mark is bookkeeping: a support agent's pending change must not become a version conflict.
    expect(lateRow.version).toBe(before.version);
    expect(lateRow.updatedAt).toEqual(before.updatedAt);
    expect(await ticketRow(world.ds, soon)).toMatchObject({ firstResponseWarnedAt: NOW, breachWarnedAt: null });
    expect(await ticketRow(world.ds, calm)).toMatchObject({ firstResponseWarnedAt: null, firstResponseBreachedAt: null, breachWarnedAt: null, breachedAt: null });

    const [breach] = await sweepEntries(world.ds, late);
    expect(breach).toMatchObject({ kind: 'breached', actorUserId: null, actorLabel: 'system', internal: true, body: 'Délai de première réponse dépassé', toValue: at(-10 * MINUTE_MS).toISOString() });
    expect((await sweepEntries(world.ds, soon)).map((e) => [e.kind, e.body])).toEqual([['breach_warning', 'Échéance de première réponse proche']]);
    expect(await sweepEntries(world.ds, calm)).toEqual([]);

    expect(world.notifier.breaches).toEqual(
      expect.arrayContaining([
        { ticketId: late, stage: 'breach', target: 'first_response' },
        { ticketId: soon, stage: 'warning', target: 'first_response' },
      ]),
    );
    expect(world.notifier.breaches).toHaveLength(2);
    const updated = world.events.filter((e) => e.name === 'ticket:updated');
    expect(updated.map((e) => e.payload.ticketId).sort()).toEqual([late, soon].sort());
    expect(updated.every((e) => e.audience.staffOnly === true && e.audience.schoolId === world.schoolId)).toBe(true);

    // The second run finds nothing left to do.
    expect(await world.sweeper().sweep(at(30_000))).toEqual({ breached: [], warned: [], autoClosed: [] });
    expect(await sweepEntries(world.ds, late)).toHaveLength(1);
    expect(world.notifier.breaches).toHaveLength(2);

    // Staff read the entry in the timeline; the reporter does not.
    const asAdmin = (await world.admin.get(`/api/v1/tickets/${late}`).expect(200)).body as TicketDetail;
    expect(asAdmin.timeline.filter((e) => e.kind === 'breached')).toHaveLength(1);
    const asReporter = (await world.teacher.api.get(`/api/v1/tickets/${late}`).expect(200)).body as TicketDetail;
    expect(asReporter.timeline.some((e) => e.kind === 'breached' || e.kind === 'breach_warning')).toBe(false);
  });

  it('a warned ticket is breached when its due date passes, and is not warned again', async () => {
    const id = await ticketDue(30 * MINUTE_MS, 5 * HOUR_MS);
    expect((await world.sweeper().sweep(NOW)).warned).toEqual([id]);
    expect(await world.sweeper().sweep(at(20 * MINUTE_MS))).toEqual({ breached: [], warned: [], autoClosed: [] });
    expect((await world.sweeper().sweep(at(31 * MINUTE_MS))).breached).toEqual([id]);
    expect((await sweepEntries(world.ds, id)).map((e) => e.kind)).toEqual(['breach_warning', 'breached']);
    expect(world.notifier.breaches).toEqual([
      { ticketId: id, stage: 'warning', target: 'first_response' },
      { ticketId: id, stage: 'breach', target: 'first_response' },
    ]);
  });

  it('after the first response, only the resolution due date counts', async () => {
    const responded = { firstRespondedAt: at(-2 * HOUR_MS) };
    const resolutionLate = await ticketDue(-HOUR_MS, -MINUTE_MS, responded);
    const resolutionSoon = await ticketDue(-HOUR_MS, 59 * MINUTE_MS, responded);
    const onTrack = await ticketDue(-HOUR_MS, 2 * HOUR_MS, responded);

    const result = await world.sweeper().sweep(NOW);
    expect(result).toEqual({ breached: [resolutionLate], warned: [resolutionSoon], autoClosed: [] });
    expect((await sweepEntries(world.ds, resolutionLate))[0]).toMatchObject({ body: 'Délai de résolution dépassé', toValue: at(-MINUTE_MS).toISOString() });
    expect((await sweepEntries(world.ds, resolutionSoon))[0]!.body).toBe('Échéance de résolution proche');
    expect(await sweepEntries(world.ds, onTrack)).toEqual([]);
  });

  it('each target is warned of and breached on its own', async () => {
    const id = await ticketDue(30 * MINUTE_MS, 50 * MINUTE_MS);
    expect(await world.sweeper().sweep(NOW)).toEqual({ breached: [], warned: [id], autoClosed: [] });
    expect(await ticketRow(world.ds, id)).toMatchObject({ firstResponseWarnedAt: NOW, breachWarnedAt: NOW, firstResponseBreachedAt: null, breachedAt: null });
    expect((await world.sweeper().sweep(at(31 * MINUTE_MS))).breached).toEqual([id]);
    expect(await world.sweeper().sweep(at(40 * MINUTE_MS))).toEqual({ breached: [], warned: [], autoClosed: [] });
    expect((await world.sweeper().sweep(at(51 * MINUTE_MS))).breached).toEqual([id]);
    expect(await world.sweeper().sweep(at(52 * MINUTE_MS))).toEqual({ breached: [], warned: [], autoClosed: [] });

    expect((await sweepEntries(world.ds, id)).map((e) => [e.kind, e.body, e.toValue])).toEqual([
      ['breach_warning', 'Échéance de première réponse proche', at(30 * MINUTE_MS).toISOString()],
      ['breach_warning', 'Échéance de résolution proche', at(50 * MINUTE_MS).toISOString()],
      ['breached', 'Délai de première réponse dépassé', at(30 * MINUTE_MS).toISOString()],
      ['breached', 'Délai de résolution dépassé', at(50 * MINUTE_MS).toISOString()],
    ]);
    expect(world.notifier.breaches).toEqual([
      { ticketId: id, stage: 'warning', target: 'first_response' },
      { ticketId: id, stage: 'warning', target: 'resolution' },
      { ticketId: id, stage: 'breach', target: 'first_response' },
      { ticketId: id, stage: 'breach', target: 'resolution' },
    ]);
  });

  it('a first-response warning does not stand for the resolution: its warning comes once it is near', async () => {
    const id = await ticketDue(30 * MINUTE_MS, 3 * HOUR_MS);
    expect((await world.sweeper().sweep(NOW)).warned).toEqual([id]);
    await setTicket(world.ds, id, { firstRespondedAt: at(10 * MINUTE_MS) });
    expect(await world.sweeper().sweep(at(HOUR_MS))).toEqual({ breached: [], warned: [], autoClosed: [] });
    expect((await world.sweeper().sweep(at(2 * HOUR_MS + MINUTE_MS))).warned).toEqual([id]);
    expect(world.notifier.breaches.map((b) => b.target)).toEqual(['first_response', 'resolution']);
  });

  describe('when the clock starts over', () => {
    // Started months ago: due dates recomputed by the workflow are long past too.
    const longAgo = () => ({ clockStartedAt: at(-150 * DAY_MS), firstResponseDueAt: at(-140 * DAY_MS), resolutionDueAt: at(-100 * DAY_MS) });

    it('an escalation lets the new group hear of both breaches; the end of a wait repeats nothing', async () => {
      const erun = await world.member('erun', world.org.circonscription.id);
      const technician = await world.member('city_technician', world.org.commune.id);
      const id = await world.report({ category: 'hardware' });
      await setTicket(world.ds, id, longAgo());
      expect((await world.sweeper().sweep(NOW)).breached).toEqual([id]);
      expect(world.notifier.breaches).toHaveLength(2);

      const escalated = await world.act(erun.api, id, 'escalate', { note: 'Carte mère à changer' });
      expect(escalated.level).toBe(2);
      expect(await ticketRow(world.ds, id)).toMatchObject({ firstResponseWarnedAt: null, firstResponseBreachedAt: null, breachWarnedAt: null, breachedAt: null });
      expect((await world.sweeper().sweep(at(MINUTE_MS))).breached).toEqual([id]);
      expect(world.notifier.breaches.slice(2)).toEqual([
        { ticketId: id, stage: 'breach', target: 'first_response' },
        { ticketId: id, stage: 'breach', target: 'resolution' },
      ]);

      // The technicians wait for a part, then resume: the due dates move by the wait, the breach is the same one.
      await world.act(technician.api, id, 'status', { status: 'waiting', note: 'Pièce commandée' });
      await world.act(technician.api, id, 'status', { status: 'in_progress' });
      const resumed = await ticketRow(world.ds, id);
      expect(resumed.resolutionDueAt!.getTime()).toBeLessThan(Date.now());
      expect(resumed.breachedAt).toEqual(at(MINUTE_MS));
      expect(await world.sweeper().sweep(at(2 * MINUTE_MS))).toEqual({ breached: [], warned: [], autoClosed: [] });
      expect(world.notifier.breaches).toHaveLength(4);
    });

    it('a reopened ticket is breached again on its new resolution due date', async () => {
      const erun = await world.member('erun', world.org.circonscription.id);
      const id = await world.report();
      await setTicket(world.ds, id, longAgo());
      await world.sweeper().sweep(NOW);
      await world.act(erun.api, id, 'resolve', { resolution: 'Câble rebranché' });
      await world.act(world.teacher.api, id, 'reopen', { reason: 'Toujours en panne' });
      const reopened = await ticketRow(world.ds, id);
      expect(reopened).toMatchObject({ status: 'new', breachedAt: null, breachWarnedAt: null, firstResponseBreachedAt: null });
      expect(reopened.resolutionDueAt!.getTime()).toBeLessThan(Date.now());

      world.notifier.breaches.length = 0;
      expect((await world.sweeper().sweep(at(MINUTE_MS))).breached).toEqual([id]);
      // The first response was given (the resolution counts as one): only the resolution is late.
      expect(world.notifier.breaches).toEqual([{ ticketId: id, stage: 'breach', target: 'resolution' }]);
    });
  });

  it('leaves alone tickets whose clock does not run: waiting, resolved, closed, awaiting approval', async () => {
    const past = { firstResponseDueAt: at(-DAY_MS), resolutionDueAt: at(-HOUR_MS) };
    const waiting = await ticketDue(0, 0, { ...past, status: 'waiting' });
    const resolved = await ticketDue(0, 0, { ...past, status: 'resolved', resolvedAt: at(-HOUR_MS) });
    const closed = await ticketDue(0, 0, { ...past, status: 'closed', closedAt: at(-HOUR_MS) });
    const pending = await ticketDue(0, 0, { ...past, approval: 'pending' });
    const assigned = await ticketDue(0, 0, { ...past, status: 'assigned' });
    const inProgress = await ticketDue(0, 0, { ...past, status: 'in_progress' });

    const result = await world.sweeper().sweep(NOW);
    expect(result.breached.sort()).toEqual([assigned, inProgress].sort());
    expect(result.warned).toEqual([]);
    for (const id of [waiting, resolved, closed, pending]) expect(await sweepEntries(world.ds, id)).toEqual([]);
  });

  it('the warning lead is a setting', async () => {
    const id = await ticketDue(90 * MINUTE_MS, 5 * HOUR_MS);
    expect((await world.sweeper({ warningLeadMinutes: 60 }).sweep(NOW)).warned).toEqual([]);
    expect((await world.sweeper({ warningLeadMinutes: 120 }).sweep(NOW)).warned).toEqual([id]);
  });

  it('a lead of 0 sends no warning, only the breach notice', async () => {
    const id = await ticketDue(MINUTE_MS, 5 * HOUR_MS);
    const sweeper = world.sweeper({ warningLeadMinutes: 0 });
    expect(await sweeper.sweep(NOW)).toEqual({ breached: [], warned: [], autoClosed: [] });
    expect(await sweeper.sweep(at(2 * MINUTE_MS))).toEqual({ breached: [id], warned: [], autoClosed: [] });
  });

  it('works in batches and spreads a backlog over several runs', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await ticketDue(-HOUR_MS, HOUR_MS * 5));
    const sweeper = world.sweeper({ batchSize: 2, maxPerRun: 3 });
    const first = await sweeper.sweep(NOW);
    expect(first.breached).toHaveLength(3);
    const second = await sweeper.sweep(at(MINUTE_MS));
    expect([...first.breached, ...second.breached].sort()).toEqual([...ids].sort());
    expect(await sweeper.sweep(at(2 * MINUTE_MS))).toEqual({ breached: [], warned: [], autoClosed: [] });
    expect(world.notifier.breaches).toHaveLength(5);
  });

  it('lets other work run between its batches and notices: on SQLite its queries block the event loop', async () => {
    for (let i = 0; i < 6; i++) await ticketDue(-HOUR_MS, HOUR_MS * 5);
    const sweeper = world.sweeper({ batchSize: 2 });
    // Turns of the event loop while the sweep runs, as a request waiting to be read would get.
    let turns = 0;
    let next: NodeJS.Immediate;
    const turn = () => {
      turns++;
      next = setImmediate(turn);
    };
    next = setImmediate(turn);
    try {
      expect((await sweeper.sweep(NOW)).breached).toHaveLength(6);
    } finally {
      clearImmediate(next);
    }
    // Other work got in after the pick, before each of the three batches and before each batch's
    // notices (its two notices go out side by side). Without that, SQLite gave it no turn at all.
    expect(turns).toBeGreaterThanOrEqual(7);
  });

  it('a failed notice is logged and the others still go; the marks stay', async () => {
    const failing = await ticketDue(-HOUR_MS, 5 * HOUR_MS);
    const other = await ticketDue(-HOUR_MS, 5 * HOUR_MS);
    world.notifier.failFor = failing;
    const result = await world.sweeper().sweep(NOW);
    expect(result.breached.sort()).toEqual([failing, other].sort());
    expect(world.notifier.breaches).toEqual([{ ticketId: other, stage: 'breach', target: 'first_response' }]);
    expect((await ticketRow(world.ds, failing)).firstResponseBreachedAt).toEqual(NOW);
  });

  it("closes resolved tickets after the commune's auto-close delay and offers the rating", async () => {
    const old = await ticketDue(DAY_MS, DAY_MS, { status: 'resolved', resolvedAt: at(-5 * DAY_MS - MINUTE_MS) });
    // A colleague follows it: they hear of the closing live, as the reporter does.
    const { user: colleague } = await makeUser(world.ds, [{ role: 'teacher', organisationId: world.schoolId }]);
    await world.ds.getRepository(TicketFollowerEntity).insert({ ticketId: old, userId: colleague.id });
    const recent = await ticketDue(DAY_MS, DAY_MS, { status: 'resolved', resolvedAt: at(-4 * DAY_MS) });
    // A report its follower no longer reads (become a security report): they hear nothing of it.
    const unshared = await ticketDue(DAY_MS, DAY_MS, { status: 'resolved', resolvedAt: at(-5 * DAY_MS - MINUTE_MS), category: 'security' });
    await world.ds.getRepository(TicketFollowerEntity).insert({ ticketId: unshared, userId: colleague.id });
    const before = await ticketRow(world.ds, old);

    const result = await world.sweeper().sweep(NOW);
    expect(result).toEqual({ breached: [], warned: [], autoClosed: [old, unshared] });
    const unsharedEvent = world.events.find((e) => e.name === 'ticket:updated' && e.payload.ticketId === unshared);
    expect(unsharedEvent?.audience).toMatchObject({ reporterUserId: world.teacher.id, followerUserIds: [] });
    const closed = await ticketRow(world.ds, old);
    expect(closed).toMatchObject({ status: 'closed', closedAt: NOW, rating: null, ratingComment: null, version: before.version + 1 });
    expect((await sweepEntries(world.ds, old)).map((e) => [e.kind, e.actorLabel, e.internal, e.body])).toEqual([
      ['closed', 'system', false, 'Clôture automatique 5 jours après la résolution'],
    ]);
    expect((await ticketRow(world.ds, recent)).status).toBe('resolved');
    expect(world.notifier.autoClosed).toEqual([old, unshared]);
    const event = world.events.find((e) => e.name === 'ticket:updated' && e.payload.ticketId === old);
    expect(event?.payload).toMatchObject({ status: 'closed', version: before.version + 1 });
    expect(event?.audience).toMatchObject({ reporterUserId: world.teacher.id, followerUserIds: [colleague.id] });
    expect(event?.audience.staffOnly).toBeUndefined();

    expect((await world.sweeper().sweep(at(MINUTE_MS))).autoClosed).toEqual([]);
    expect(world.notifier.autoClosed).toEqual([old, unshared]);

    // A commune with a shorter delay: the recent one closes under it.
    await world.ds.getRepository(CommuneTicketSettingsEntity).save({ communeId: world.org.commune.id, autoCloseDays: 3 });
    expect((await world.sweeper().sweep(at(2 * MINUTE_MS))).autoClosed).toEqual([recent]);
    expect((await sweepEntries(world.ds, recent))[0]!.body).toBe('Clôture automatique 3 jours après la résolution');
  });

  it('says "1 jour" for a one-day auto-close delay', async () => {
    await world.ds.getRepository(CommuneTicketSettingsEntity).save({ communeId: world.org.commune.id, autoCloseDays: 1 });
    const id = await ticketDue(DAY_MS, DAY_MS, { status: 'resolved', resolvedAt: at(-DAY_MS - MINUTE_MS) });
    expect((await world.sweeper().sweep(NOW)).autoClosed).toEqual([id]);
    expect((await sweepEntries(world.ds, id)).map((e) => e.body)).toEqual(['Clôture automatique 1 jour après la résolution']);
  });
});
