import type { DataSource } from 'typeorm';
import { openDataSource } from '../../server/src/db/data-source';
import { createLogger } from '../../server/src/logger';
import { JobLockEntity } from '../../server/src/modules/sla/job-lock.entity';
import { withJobLock } from '../../server/src/modules/sla/job-lock';
import { runLocked } from '../../server/src/modules/sla/scheduled-job';
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

  it('two processes racing: exactly one runs, each time', async () => {
    for (let round = 0; round < 5; round++) {
      let runs = 0;
      const job = async () => {
        runs++;
        await pause(100);
        return round;
      };
      const outcomes = await Promise.all([withJobLock(db().dataSource, 'race', 60_000, job), withJobLock(other, 'race', 60_000, job)]);
      expect(runs).toBe(1);
      expect(outcomes.filter((o) => o.ran)).toEqual([{ ran: true, result: round }]);
    }
  });

  it('is released after the run, also when the run fails', async () => {
    await expect(withJobLock(db().dataSource, 'failing', 60_000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withJobLock(other, 'failing', 60_000, async () => 'again')).toEqual({ ran: true, result: 'again' });
    const row = await db().dataSource.getRepository(JobLockEntity).findOneByOrFail({ name: 'failing' });
    expect(row.lockedBy).toBeNull();
  });

  it('a live lock held elsewhere is respected and left in place; an expired one is taken over', async () => {
    const locks = db().dataSource.getRepository(JobLockEntity);
    await locks.insert({ name: 'held', lockedUntil: new Date(Date.now() + HOUR_MS), lockedBy: 'elsewhere:1:abcd' });
    let runs = 0;
    expect(await withJobLock(db().dataSource, 'held', 60_000, async () => ++runs)).toEqual({ ran: false });
    expect(runs).toBe(0);
    expect((await locks.findOneByOrFail({ name: 'held' })).lockedBy).toBe('elsewhere:1:abcd');

    // The holder died: its lease ran out.
    await locks.update({ name: 'held' }, { lockedUntil: new Date(Date.now() - MINUTE_MS) });
    expect(await withJobLock(db().dataSource, 'held', 60_000, async () => ++runs)).toEqual({ ran: true, result: 1 });
  });

  it('locks are per job', async () => {
    const results = await Promise.all([
      withJobLock(db().dataSource, 'job-a', 60_000, () => pause(50).then(() => 'a')),
      withJobLock(other, 'job-b', 60_000, () => pause(50).then(() => 'b')),
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
