import type { DataSource } from 'typeorm';
import { openDataSource } from '../../server/src/db/data-source';
import { createLogger } from '../../server/src/logger';
import { JobLockEntity } from '../../server/src/modules/sla/job-lock.entity';
import { withJobLock } from '../../server/src/modules/sla/job-lock';
import { defineJob, runLocked, scheduleJobs } from '../../server/src/modules/sla/scheduled-job';
import { slaSweepJob } from '../../server/src/modules/sla/sla-sweep.job';
import { describeEachEngine } from '../support/databases';
import { HOUR_MS, MINUTE_MS, clearTickets, setTicket, slaWorld } from './sla-fixtures';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent = createLogger('silent');

describeEachEngine('job lock', (db) => {
  // A second DataSource on the same database: another server process, as far as the lock can tell.
  let other: DataSource;

  beforeAll(async () => {
    other = await openDataSource(db().config);
  });

  afterAll(async () => {
    await other?.destroy();
  });

  beforeEach(async () => {
    await db().dataSource.createQueryBuilder().delete().from(JobLockEntity).execute();
  });

  // A cron slot: whole seconds, as node-cron hands them to the runs.
  const TICK = new Date(Math.floor(Date.now() / 1000) * 1000);
  const tick = (seconds: number) => new Date(TICK.getTime() + seconds * 1000);

  it('two processes racing for a tick: exactly one runs, each time', async () => {
    for (let round = 0; round < 5; round++) {
      let runs = 0;
      const job = async () => {
        runs++;
        await pause(100);
        return round;
      };
      const outcomes = await Promise.all([withJobLock(db().dataSource, 'race', tick(10 * round), 60_000, job), withJobLock(other, 'race', tick(10 * round), 60_000, job)]);
      expect(runs).toBe(1);
      expect(outcomes.filter((o) => o.ran)).toEqual([{ ran: true, result: round }]);
    }
  });

  it('a process whose cron fires just after the other finished the same tick does not run it again; the next tick runs', async () => {
    let runs = 0;
    const job = async () => ++runs;
    expect(await withJobLock(db().dataSource, 'sequential', tick(0), 60_000, job)).toEqual({ ran: true, result: 1 });
    await pause(5);
    expect(await withJobLock(other, 'sequential', tick(0), 60_000, job)).toEqual({ ran: false });
    // Its clock a little behind: the slot it computes is the same, or an earlier one.
    expect(await withJobLock(other, 'sequential', new Date(tick(0).getTime() + 700), 60_000, job)).toEqual({ ran: false });
    expect(await withJobLock(other, 'sequential', tick(-10), 60_000, job)).toEqual({ ran: false });
    expect(await withJobLock(other, 'sequential', tick(10), 60_000, job)).toEqual({ ran: true, result: 2 });
    expect(await withJobLock(db().dataSource, 'sequential', tick(10), 60_000, job)).toEqual({ ran: false });
    expect(runs).toBe(2);
  });

  it('a sweep every 10 s on two processes: each tick runs once, in whichever process fires first', async () => {
    await clearTickets(db().dataSource);
    const world = await slaWorld(db().dataSource);
    const otherWorld = await slaWorld(other);
    const config = { sla: { sweepCron: '*/10 * * * * *', warningLeadMinutes: 60 } };
    const here = slaSweepJob(world.sweeper(), config, silent);
    const there = slaSweepJob(otherWorld.sweeper(), config, silent);
    for (let n = 0; n < 3; n++) {
      // The first run is over when the second process's cron fires, a few milliseconds later.
      const first = await runLocked(n % 2 ? here : there, n % 2 ? db().dataSource : other, silent, tick(10 * n));
      const second = await runLocked(n % 2 ? there : here, n % 2 ? other : db().dataSource, silent, tick(10 * n));
      expect([first, second]).toEqual(['ran', 'skipped']);
    }
  });

  it('scheduled by node-cron every second in two processes: no second is run twice', async () => {
    const ticks: number[] = [];
    const job = defineJob({ id: 'every-second', schedule: '* * * * * *', lockMs: 60_000, run: async (now) => void ticks.push(now.getTime()) });
    const scheduled = [scheduleJobs([job], db().dataSource, silent), scheduleJobs([job], other, silent)];
    await pause(3500);
    await Promise.all(scheduled.map((s) => s.stop()));
    await pause(200);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(ticks.every((t) => t % 1000 === 0)).toBe(true);
  });

  it('is released after the run, also when the run fails; the failed tick is not run again', async () => {
    await expect(withJobLock(db().dataSource, 'failing', tick(0), 60_000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withJobLock(other, 'failing', tick(0), 60_000, async () => 'same tick')).toEqual({ ran: false });
    expect(await withJobLock(other, 'failing', tick(1), 60_000, async () => 'again')).toEqual({ ran: true, result: 'again' });
    const row = await db().dataSource.getRepository(JobLockEntity).findOneByOrFail({ name: 'failing' });
    expect(row.lockedBy).toBeNull();
    expect(row.lastTick).toEqual(tick(1));
  });

  it('a live lock held elsewhere is respected and left in place, even for a new tick; an expired one is taken over', async () => {
    const locks = db().dataSource.getRepository(JobLockEntity);
    await locks.insert({ name: 'held', lockedUntil: new Date(Date.now() + HOUR_MS), lockedBy: 'elsewhere:1:abcd', lastTick: tick(0) });
    let runs = 0;
    expect(await withJobLock(db().dataSource, 'held', tick(60), 60_000, async () => ++runs)).toEqual({ ran: false });
    expect(runs).toBe(0);
    expect((await locks.findOneByOrFail({ name: 'held' })).lockedBy).toBe('elsewhere:1:abcd');

    // The holder died: its lease ran out.
    await locks.update({ name: 'held' }, { lockedUntil: new Date(Date.now() - MINUTE_MS) });
    expect(await withJobLock(db().dataSource, 'held', tick(120), 60_000, async () => ++runs)).toEqual({ ran: true, result: 1 });
  });

  it('locks are per job', async () => {
    const results = await Promise.all([
      withJobLock(db().dataSource, 'job-a', tick(0), 60_000, () => pause(50).then(() => 'a')),
      withJobLock(other, 'job-b', tick(0), 60_000, () => pause(50).then(() => 'b')),
    ]);
    expect(results).toEqual([
      { ran: true, result: 'a' },
      { ran: true, result: 'b' },
    ]);
  });

  it('two server processes sweeping at the same minute: one sweep runs, each breach is notified once', async () => {
    await clearTickets(db().dataSource);
    const world = await slaWorld(db().dataSource);
    const otherWorld = await slaWorld(other);
    const ids = [await world.report(), await world.report(), await world.report()];
    const now = new Date();
    for (const id of ids) await setTicket(db().dataSource, id, { firstResponseDueAt: new Date(now.getTime() - MINUTE_MS) });

    const config = { sla: { sweepCron: '* * * * *', warningLeadMinutes: 60 } };
    const outcomes = await Promise.all([
      runLocked(slaSweepJob(world.sweeper(), config, silent), db().dataSource, silent, now),
      runLocked(slaSweepJob(otherWorld.sweeper(), config, silent), other, silent, now),
    ]);
    expect(outcomes.sort()).toEqual(['ran', 'skipped']);
    expect([...world.notifier.breaches, ...otherWorld.notifier.breaches].map((b) => b.ticketId).sort()).toEqual([...ids].sort());

    // The next minute's run goes ahead and finds nothing new.
    expect(await runLocked(slaSweepJob(otherWorld.sweeper(), config, silent), other, silent, new Date(now.getTime() + MINUTE_MS))).toBe('ran');
    expect(world.notifier.breaches.length + otherWorld.notifier.breaches.length).toBe(3);
    await Promise.all([world.settle(), otherWorld.settle()]);
  });
});
