import { In, type EntityManager } from 'typeorm';
import { OPEN_TICKET_STATUSES, OpenReportsQuery, type OpenReport, type TicketDetail } from '@preau/shared';
import { notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import { placeOfSchool } from '../auth/places';
import type { Place, Principal } from '../auth/principal';
import { canSee, invalidTransition } from './ticket-access';
import { TicketEntity } from './ticket.entity';
import { TicketFollowerEntity } from './ticket-follower.entity';
import { belongsToSchool, offeredToFollow, readableByFollower, whereOfferedToFollow } from './ticket-follower-access';
import { isFollower, loadTicket, ticketDetail } from './ticket-store';

const OPEN_REPORTS_SHOWN = 10;

/**
 * Following a report filed by someone else, as the same incident hits them too: they read it,
 * find it in their reports and hear of its public steps, without a second ticket for the group.
 */
export class TicketFollowers {
  constructor(private readonly manager: () => EntityManager) {}

  async openReports(principal: Principal, rawQuery: unknown): Promise<OpenReport[]> {
    const query = parse(OpenReportsQuery, rawQuery, 'query');
    const manager = this.manager();
    const place = await placeOfSchool(manager, query.schoolId);
    if (!place || !belongsToSchool(principal, place)) throw notFound('School', query.schoolId);
    const qb = manager.getRepository(TicketEntity).createQueryBuilder('t').where('t.schoolId = :schoolId', { schoolId: query.schoolId });
    if (query.equipmentId !== undefined) qb.andWhere('t.equipmentId = :equipmentId', { equipmentId: query.equipmentId });
    else qb.andWhere('t.category = :category', { category: query.category });
    const rows = await whereOfferedToFollow(qb, principal).orderBy('t.updatedAt', 'DESC').addOrderBy('t.id', 'DESC').take(OPEN_REPORTS_SHOWN).getMany();
    const followed = new Set(
      rows.length === 0
        ? []
        : (
            await manager.getRepository(TicketFollowerEntity).find({
              select: { ticketId: true },
              where: { userId: principal.userId, ticketId: In(rows.map((row) => row.id)) },
            })
          ).map((row) => row.ticketId),
    );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference ?? '',
      title: row.title,
      status: row.status,
      level: row.level,
      groupLabel: row.groupLabel,
      createdAt: row.createdAt.toISOString(),
      relation: row.reporterUserId === principal.userId ? 'reporter' : followed.has(row.id) ? 'follower' : 'none',
    }));
  }

  async follow(principal: Principal, id: number): Promise<TicketDetail> {
    const manager = this.manager();
    const { ticket, place } = await this.reachable(manager, principal, id);
    if (!OPEN_TICKET_STATUSES.includes(ticket.status)) throw invalidTransition('Only an open report can be followed; file a new one');
    const reporter = ticket.reporterUserId === principal.userId;
    if (!reporter) {
      // Following twice is following once.
      await manager.createQueryBuilder().insert().into(TicketFollowerEntity).values({ ticketId: id, userId: principal.userId }).orIgnore().execute();
    }
    return ticketDetail(manager, id, { principal, place, follows: !reporter });
  }

  async unfollow(principal: Principal, id: number): Promise<void> {
    const manager = this.manager();
    const { affected } = await manager.getRepository(TicketFollowerEntity).delete({ ticketId: id, userId: principal.userId });
    // Someone who followed may always stop, even a report hidden from them since; for the others, 404 as `follow` answers.
    if (!affected) await this.reachable(manager, principal, id);
  }

  /**
   * The ticket, if the principal reads it already (reporter, staff, director, follower) or the
   * open-reports offer would show it to them; 404 otherwise, as for a missing one, so ids cannot be probed.
   */
  private async reachable(manager: EntityManager, principal: Principal, id: number): Promise<{ ticket: TicketEntity; place: Place }> {
    const { ticket, place } = await loadTicket(manager, id);
    if (canSee(principal, ticket, place) || offeredToFollow(principal, ticket, place)) return { ticket, place };
    if (readableByFollower(principal, ticket, place) && (await isFollower(manager, id, principal.userId))) return { ticket, place };
    throw notFound('Ticket', id);
  }
}
