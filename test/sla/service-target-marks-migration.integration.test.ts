import { splitServiceTargetMarks } from '../../db/migrations/defaults/1796145362354-service-target-marks';
import { describeEachEngine } from '../support/databases';
import { DAY_MS, HOUR_MS, MINUTE_MS, clearTickets, setTicket, slaWorld, ticketRow, type SlaWorld } from './sla-fixtures';

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

/** The upgrade gives the first response its own marks, from the single pair that served both targets. */
describeEachEngine('service-target marks migration', (db) => {
  let world: SlaWorld;

  beforeAll(async () => {
    world = await slaWorld(db().dataSource);
    await clearTickets(db().dataSource);
  });

  afterAll(async () => {
    await world?.settle();
  });

  it('moves the marks that were about the first response, and leaves the resolution its own', async () => {
    const ticketWith = async (fields: Parameters<typeof setTicket>[2]) => {
      const id = await world.report();
      await setTicket(world.ds, id, { firstResponseWarnedAt: null, firstResponseBreachedAt: null, ...fields });
      return id;
    };
    // Warned, then breached, on its first response; the resolution is days away.
    const firstResponseLate = await ticketWith({ firstResponseDueAt: at(-2 * HOUR_MS), resolutionDueAt: at(DAY_MS), firstRespondedAt: null, breachWarnedAt: at(-3 * HOUR_MS), breachedAt: at(-HOUR_MS) });
    // Answered in time; warned and breached on its resolution.
    const resolutionLate = await ticketWith({
      firstResponseDueAt: at(-4 * HOUR_MS),
      firstRespondedAt: at(-5 * HOUR_MS),
      resolutionDueAt: at(-HOUR_MS),
      breachWarnedAt: at(-2 * HOUR_MS),
      breachedAt: at(-30 * MINUTE_MS),
    });
    // Breached on its first response, then put on hold: whether its resolution was late is unknown.
    const waiting = await ticketWith({ status: 'waiting', firstResponseDueAt: at(-2 * HOUR_MS), resolutionDueAt: null, firstRespondedAt: at(-MINUTE_MS), breachWarnedAt: null, breachedAt: at(-HOUR_MS) });
    // History stays as recorded.
    const closed = await ticketWith({ status: 'closed', firstResponseDueAt: at(-2 * HOUR_MS), resolutionDueAt: at(DAY_MS), firstRespondedAt: null, breachWarnedAt: null, breachedAt: at(-HOUR_MS) });

    const runner = world.ds.createQueryRunner();
    try {
      await splitServiceTargetMarks(runner);
    } finally {
      await runner.release();
    }

    expect(await ticketRow(world.ds, firstResponseLate)).toMatchObject({ firstResponseWarnedAt: at(-3 * HOUR_MS), firstResponseBreachedAt: at(-HOUR_MS), breachWarnedAt: null, breachedAt: null });
    expect(await ticketRow(world.ds, resolutionLate)).toMatchObject({ firstResponseWarnedAt: null, firstResponseBreachedAt: null, breachWarnedAt: at(-2 * HOUR_MS), breachedAt: at(-30 * MINUTE_MS) });
    expect(await ticketRow(world.ds, waiting)).toMatchObject({ firstResponseBreachedAt: at(-HOUR_MS), breachedAt: at(-HOUR_MS) });
    expect(await ticketRow(world.ds, closed)).toMatchObject({ firstResponseBreachedAt: at(-HOUR_MS), breachedAt: at(-HOUR_MS) });

    // The resolution of the first one is still to be warned of, by the sweep, a day later.
    const sweep = await world.sweeper().sweep(at(DAY_MS - 30 * MINUTE_MS));
    expect(sweep.warned).toContain(firstResponseLate);
    expect(world.notifier.breaches.filter((b) => b.ticketId === firstResponseLate)).toEqual([{ ticketId: firstResponseLate, stage: 'warning', target: 'resolution' }]);
  });
});
