import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { JobLockEntity } from './job-lock.entity';

export type LockedRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `fn` for the scheduled `tick` only if this call claims it: no run of the job is under
 * way (a lease of `ttlMs`, after which another process may take over from a holder that
 * crashed), and no process has run this tick or a later one yet.
 *
 * Every process's cron computes the same ticks from the same expression (node-cron hands each
 * run its slot, a whole second), so comparing ticks stays right with any schedule and with
 * clocks a little apart: a process firing late, after another has finished the same tick,
 * finds it taken. A lease alone would not do: released at the end of a short run, it is free
 * again when the second process's cron fires a few milliseconds later.
 *
 * The claim is one conditional UPDATE, atomic on SQLite and MariaDB alike; the loser skips.
 */
export async function withJobLock<T>(dataSource: DataSource, name: string, tick: Date, ttlMs: number, fn: () => Promise<T>): Promise<LockedRun<T>> {
  const holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`.slice(0, 150);
  // Whole seconds: MariaDB's DATETIME keeps no fraction, and the comparison must match what is stored.
  const slot = new Date(Math.floor(tick.getTime() / 1000) * 1000);
  if (!(await claim(dataSource, name, holder, slot, ttlMs))) {
    await dataSource.createQueryBuilder().insert().into(JobLockEntity).values({ name, lockedUntil: new Date(0), lastTick: null, lockedBy: null }).orIgnore().execute();
    if (!(await claim(dataSource, name, holder, slot, ttlMs))) return { ran: false };
  }
  try {
    return { ran: true, result: await fn() };
  } finally {
    // Only our own claim: past its lease, the lock may already be someone else's. The tick stays claimed.
    await dataSource
      .createQueryBuilder()
      .update(JobLockEntity)
      .set({ lockedUntil: new Date(), lockedBy: null })
      .where('name = :name AND locked_by = :holder', { name, holder })
      .execute();
  }
}

async function claim(dataSource: DataSource, name: string, holder: string, tick: Date, ttlMs: number): Promise<boolean> {
  const now = new Date();
  const result = await dataSource
    .createQueryBuilder()
    .update(JobLockEntity)
    .set({ lockedUntil: new Date(now.getTime() + ttlMs), lockedBy: holder, lastTick: tick })
    .where('name = :name AND locked_until <= :now AND (last_tick IS NULL OR last_tick < :tick)', { name, now, tick })
    .execute();
  return result.affected === 1;
}
