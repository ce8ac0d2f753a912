import cron from 'node-cron';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger';
import { withJobLock } from './job-lock';

/** A scheduled task: `run` is plain code, testable without cron; scheduling adds the lock. */
export interface Job {
  id: string;
  /** Cron expression. */
  schedule: string;
  /** IANA zone the schedule is read in (`Europe/Paris`); unset: the server's local time. */
  timezone?: string;
  /** Longest a run may hold the lock before another process may take it over. */
  lockMs: number;
  run(now: Date): Promise<unknown>;
}

export const defineJob = (job: Job): Job => job;

/**
 * The run of the scheduled tick `now` under the job's database lock; `skipped` when another
 * process runs the job or has run this tick already. Never throws.
 */
export async function runLocked(job: Job, dataSource: DataSource, logger: Logger, now = new Date()): Promise<'ran' | 'skipped' | 'failed'> {
  try {
    const outcome = await withJobLock(dataSource, job.id, now, job.lockMs, () => job.run(now));
    if (outcome.ran) logger.debug({ job: job.id, result: outcome.result }, 'job ran');
    return outcome.ran ? 'ran' : 'skipped';
  } catch (err) {
    logger.error({ err, job: job.id }, 'job failed');
    return 'failed';
  }
}

/**
 * Schedules the jobs with node-cron; a run still busy in this process makes the next one skip.
 * node-cron hands each run its scheduled slot (`context.date`, not the moment it fired): the
 * same value in every process, which the lock claims.
 */
export function scheduleJobs(jobs: Job[], dataSource: DataSource, logger: Logger): { stop(): Promise<void> } {
  const tasks = jobs.map((job) =>
    cron.schedule(job.schedule, (context) => runLocked(job, dataSource, logger, context.date), { name: job.id, noOverlap: true, timezone: job.timezone }),
  );
  return {
    stop: async () => {
      await Promise.all(tasks.map((task) => task.stop()));
    },
  };
}
