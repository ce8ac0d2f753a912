import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { JobLockEntity } from './job-lock.entity';

export type LockedRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `fn` only if this call wins the database lock `name`, for at most `ttlMs` (after that
 * another process may take it over: a holder that crashed does not block the job for good).
 * The claim is one conditional UPDATE, atomic on SQLite and MariaDB alike; the loser skips.
 */
export async function withJobLock<T>(dataSource: DataSource, name: string, ttlMs: number, fn: () => Promise<T>): Promise<LockedRun<T>> {
  const holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`.slice(0, 150);
  if (!(await claim(dataSource, name, holder, ttlMs))) {
    await dataSource.createQueryBuilder().insert().into(JobLockEntity).values({ name, lockedUntil: new Date(0), lockedBy: null }).orIgnore().execute();
    if (!(await claim(dataSource, name, holder, ttlMs))) return { ran: false };
  }
  try {
    return { ran: true, result: await fn() };
  } finally {
    // Only our own claim: past its lease, the lock may already be someone else's.
    await dataSource
      .createQueryBuilder()
      .update(JobLockEntity)
      .set({ lockedUntil: new Date(), lockedBy: null })
      .where('name = :name AND locked_by = :holder', { name, holder })
      .execute();
  }
}

async function claim(dataSource: DataSource, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = new Date();
  const result = await dataSource
    .createQueryBuilder()
    .update(JobLockEntity)
    .set({ lockedUntil: new Date(now.getTime() + ttlMs), lockedBy: holder })
    .where('name = :name AND locked_until <= :now', { name, now })
    .execute();
  return result.affected === 1;
}
