import { In, type EntityManager } from 'typeorm';
import { OPEN_TICKET_STATUSES, OpenReportsQuery, type OpenReport, type TicketDetail } from '@preau/shared';
import { notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import { placeOfSchool } from '../auth/places';
import { scopeCovers, scopeOf, type Place, type Principal } from '../auth/principal';
import { canSee, invalidTransition } from './ticket-access';
import { TicketEntity } from './ticket.entity';
import { TicketFollowerEntity } from './ticket-follower.entity';
import { loadTicket, ticketDetail } from './ticket-store';

const OPEN_REPORTS_SHOWN = 10;

/** People of the school (its teachers, its director, the staff who serve it) may follow its reports. */
function belongsToSchool(principal: Principal, place: Place): boolean {
  return scopeCovers(scopeOf(principal, 'inventory:read'), place);
}

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
    const rows = await manager.getRepository(TicketEntity).find({
      where: {
        schoolId: query.schoolId,
        status: In([...OPEN_TICKET_STATUSES]),
        ...(query.equipmentId !== undefined ? { equipmentId: query.equipmentId } : { category: query.category }),
      },
      order: { updatedAt: 'DESC', id: 'DESC' },
      take: OPEN_REPORTS_SHOWN,
    });
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
    await this.reachable(manager, principal, id);
    await manager.getRepository(TicketFollowerEntity).delete({ ticketId: id, userId: principal.userId });
  }

  /** The ticket, if the principal sees it or belongs to its school; 404 otherwise, as for a missing one. */
  private async reachable(manager: EntityManager, principal: Principal, id: number): Promise<{ ticket: TicketEntity; place: Place }> {
    const { ticket, place } = await loadTicket(manager, id);
    if (!canSee(principal, ticket, place) && !belongsToSchool(principal, place)) throw notFound('Ticket', id);
    return { ticket, place };
  }
}
