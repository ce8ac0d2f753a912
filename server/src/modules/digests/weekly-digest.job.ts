import type { DataSource } from 'typeorm';
import { REPORTING_TIME_ZONE } from '@preau/shared';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { createMailer } from '../notifications/mailer';
import { defineJob, scheduleJobs, type Job } from '../sla/scheduled-job';
import { DigestService } from './digest.service';
import { WeeklyDigests } from './weekly-digests';

/** Every Monday at 7:00 in Paris: in the mailbox when the week's work starts. */
const WEEKLY_DIGEST_SCHEDULE = '0 7 * * 1';

export function weeklyDigestJob(digests: WeeklyDigests): Job {
  return defineJob({
    id: 'weekly-digest',
    schedule: WEEKLY_DIGEST_SCHEDULE,
    timezone: REPORTING_TIME_ZONE,
    // A few seconds per hundred recipients; past this a crashed holder's lock is taken over, and the
    // per-user delivery claims keep the takeover from sending anyone a second digest.
    lockMs: 60 * 60_000,
    run: (now) => digests.send(now),
  });
}

export interface WeeklyDigestDeps {
  config: Pick<Config, 'mail' | 'publicUrl'>;
  dataSource: DataSource;
  logger: Logger;
}

/** Schedules the weekly digest (server start-up) when e-mail is configured; stop it on shutdown. */
export function startWeeklyDigests({ config, dataSource, logger }: WeeklyDigestDeps): { stop(): Promise<void> } {
  const mailer = createMailer(config.mail);
  if (!mailer) {
    logger.info('weekly digests off: SMTP_URL is not set');
    return { stop: async () => undefined };
  }
  const weekly = new WeeklyDigests(dataSource, new DigestService(dataSource), mailer, config.publicUrl, logger);
  const scheduled = scheduleJobs([weeklyDigestJob(weekly)], dataSource, logger);
  return {
    stop: async () => {
      await scheduled.stop();
      mailer.close();
    },
  };
}
