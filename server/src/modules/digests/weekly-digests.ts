import { In, type DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { REPORTING_TIME_ZONE, type Role } from '@preau/shared';
import type { Logger } from '../../logger';
import { isUniqueViolation } from '../../db/driver-errors';
import type { ScopeMembership } from '../auth/principal';
import { MembershipEntity } from '../accounts/membership.entity';
import { UserAccountEntity } from '../accounts/user-account.entity';
import type { Mailer } from '../notifications/mailer';
import type { DigestService } from './digest.service';
import { DigestDeliveryEntity } from './digest-delivery.entity';
import { isEmptyDigest, weeklyDigestMail } from './digest-mail';

/** Who gets a digest: the roles that monitor a fleet (DOMAIN.md), one digest covering all of a person's. */
const DIGEST_ROLES: readonly Role[] = ['erun', 'city_manager'];

export interface DigestRecipient {
  userId: number;
  email: string;
  displayName: string;
  memberships: ScopeMembership[];
}

/** What one run did, by recipient. */
export interface WeeklyDigestRun {
  period: string;
  sent: number;
  /** Nothing to tell: no mail. */
  empty: number;
  /** Sent already this week, by this process or another. */
  alreadySent: number;
  failed: number;
}

/** `2026-W49`: the ISO week of `now` in Paris, which names a digest for its recipients' claims. */
export const digestPeriod = (now: Date): string => DateTime.fromJSDate(now, { zone: REPORTING_TIME_ZONE }).toFormat("kkkk-'W'WW");

/** Sends every recipient their digest once per week (see `DigestDeliveryEntity`). */
export class WeeklyDigests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly digests: DigestService,
    private readonly mailer: Mailer,
    private readonly publicUrl: string | null,
    private readonly logger: Logger,
  ) {}

  /** Active accounts with an e-mail address and an ERUN or city manager membership. */
  async recipients(): Promise<DigestRecipient[]> {
    const memberships = await this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where({ role: In([...DIGEST_ROLES]) })
      .andWhere('u.disabled = :disabled AND u.email IS NOT NULL', { disabled: false })
      .orderBy('m.userId', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    const byUser = new Map<number, DigestRecipient>();
    for (const m of memberships) {
      const user = m.user as UserAccountEntity;
      const recipient = byUser.get(user.id) ?? { userId: user.id, email: user.email!, displayName: user.displayName, memberships: [] };
      recipient.memberships.push({ organisationKind: m.organisationKind, organisationId: m.organisationId });
      byUser.set(user.id, recipient);
    }
    return [...byUser.values()];
  }

  async send(now: Date): Promise<WeeklyDigestRun> {
    const period = digestPeriod(now);
    const run: WeeklyDigestRun = { period, sent: 0, empty: 0, alreadySent: 0, failed: 0 };
    for (const recipient of await this.recipients()) {
      try {
        run[await this.sendOne(recipient, period, now)]++;
      } catch (err) {
        run.failed++;
        this.logger.error({ err, userId: recipient.userId, period }, 'weekly digest failed');
      }
    }
    this.logger.info(run, 'weekly digests');
    return run;
  }

  private async sendOne(recipient: DigestRecipient, period: string, now: Date): Promise<'sent' | 'empty' | 'alreadySent'> {
    // Checked first so a rerun does not build digests it will not send; the claim below still settles races.
    if (await this.dataSource.getRepository(DigestDeliveryEntity).existsBy({ userId: recipient.userId, period })) return 'alreadySent';
    const digest = await this.digests.build(recipient.memberships, now);
    if (isEmptyDigest(digest)) {
      this.logger.info({ userId: recipient.userId, period }, 'weekly digest skipped: nothing new, overdue, out of service or under ending warranty in their scope');
      return 'empty';
    }
    if (!(await this.claim(recipient.userId, period))) return 'alreadySent';
    try {
      await this.mailer.send({ to: recipient.email, ...weeklyDigestMail({ recipientName: recipient.displayName, digest, publicUrl: this.publicUrl }) });
    } catch (err) {
      // Unclaimed, so that running the job again (by hand, or once SMTP is back) sends it.
      await this.dataSource.getRepository(DigestDeliveryEntity).delete({ userId: recipient.userId, period });
      throw err;
    }
    return 'sent';
  }

  private async claim(userId: number, period: string): Promise<boolean> {
    try {
      await this.dataSource.getRepository(DigestDeliveryEntity).insert({ userId, period });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }
}
