import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Services } from '../../app';
import type { Logger } from '../../logger';
import { defineJob, scheduleJobs, type Job } from './scheduled-job';
import { SlaSweepService } from './sla-sweep.service';

/** Warns before service targets are missed, records breaches, closes resolved tickets left unconfirmed. */
export function slaSweepJob(sweep: SlaSweepService, config: Pick<Config, 'sla'>, logger: Logger): Job {
  return defineJob({
    id: 'sla-sweep',
    schedule: config.sla.sweepCron,
    // Far above a normal run (well under a second); a process that died holding it delays the sweep this long.
    lockMs: 5 * 60_000,
    run: async (now) => {
      const result = await sweep.sweep(now);
      const counts = { warned: result.warned.length, breached: result.breached.length, autoClosed: result.autoClosed.length };
      if (counts.warned + counts.breached + counts.autoClosed > 0) logger.info(counts, 'service-target sweep');
      return counts;
    },
  });
}

export interface SlaSweepDeps {
  config: Pick<Config, 'sla'>;
  dataSource: DataSource;
  /**
   * The app's own: its `Notifier` is the only one that tells of the sweep's marks and closings
   * (it passes over their timeline entries), so no other notifier may stand in for it here.
   */
  services: Pick<Services, 'events' | 'notifier'>;
  logger: Logger;
}

/** Schedules the sweep on `SLA_SWEEP_CRON` (server start-up); stop it on shutdown. */
export function startSlaSweep({ config, dataSource, services, logger }: SlaSweepDeps): { stop(): Promise<void> } {
  const sweep = new SlaSweepService(dataSource, services.events, services.notifier, { warningLeadMinutes: config.sla.warningLeadMinutes }, logger);
  return scheduleJobs([slaSweepJob(sweep, config, logger)], dataSource, logger);
}
