import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { OPEN_TICKET_STATUSES, type ApprovalStatus, type TicketCategory } from '@preau/shared';
import { scopeCovers, scopeOf, type Place, type Principal } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';
import type { TicketEntity } from './ticket.entity';

/**
 * What following a colleague's report gives access to. The same rule, in SQL and in code, decides
 * what the open-reports offer lists, what `follow` accepts and what a follower keeps reading.
 */

/** Reports the director keeps at the school: awaiting their approval, or answered by them. Such a report stays between reporter and director. */
export const HELD_AT_SCHOOL: readonly ApprovalStatus[] = ['pending', 'answered'];
export const heldAtSchool = (ticket: Pick<TicketEntity, 'approval'>): boolean => HELD_AT_SCHOOL.includes(ticket.approval);
/** Not `heldAtSchool`, for the ticket row under `alias` (its column, so any alias will do): the report has left the school. */
export function leftSchoolSql(alias: string): { sql: string; parameters: ObjectLiteral } {
  return { sql: `${alias}.approval NOT IN (:...heldAtSchool)`, parameters: { heldAtSchool: HELD_AT_SCHOOL } };
}
/** A security report may name people and weaknesses: never shown to colleagues. */
const PRIVATE_CATEGORIES: readonly TicketCategory[] = ['security'];

/** People of the school (its teachers, its director, the staff who serve it). */
export function belongsToSchool(principal: Principal, place: Place): boolean {
  return scopeCovers(scopeOf(principal, 'inventory:read'), place);
}

type Shareable = Pick<TicketEntity, 'approval' | 'category'>;

export function sharedWithColleagues(ticket: Shareable): boolean {
  return !heldAtSchool(ticket) && !PRIVATE_CATEGORIES.includes(ticket.category);
}

/** `sharedWithColleagues` for the ticket row under `alias` (its columns, not its properties, so any alias will do). */
function sharedWithColleaguesSql(alias: string): { sql: string; parameters: ObjectLiteral } {
  const left = leftSchoolSql(alias);
  return { sql: `${left.sql} AND ${alias}.category NOT IN (:...privateCategories)`, parameters: { ...left.parameters, privateCategories: PRIVATE_CATEGORIES } };
}

/** A follower reads the report (whatever its status since) while it stays shared and they stay at the school. */
export function readableByFollower(principal: Principal, ticket: Shareable, place: Place): boolean {
  return sharedWithColleagues(ticket) && belongsToSchool(principal, place);
}

/** The open-reports offer: what a person of the school may follow. */
export function offeredToFollow(principal: Principal, ticket: Shareable & Pick<TicketEntity, 'status'>, place: Place): boolean {
  return OPEN_TICKET_STATUSES.includes(ticket.status) && readableByFollower(principal, ticket, place);
}

/**
 * `offeredToFollow` on `qb` (alias `t`) for the school the caller checked the principal belongs
 * to; their own open reports are offered too, so they do not file them twice.
 */
export function whereOfferedToFollow(qb: SelectQueryBuilder<TicketEntity>, principal: Principal): SelectQueryBuilder<TicketEntity> {
  const shared = sharedWithColleaguesSql('t');
  return qb
    .andWhere('t.status IN (:...openStatuses)', { openStatuses: OPEN_TICKET_STATUSES })
    .andWhere(`((${shared.sql}) OR t.reporterUserId = :offeredTo)`, { ...shared.parameters, offeredTo: principal.userId });
}

/** A subquery for `t.id IN …`: the reports the principal follows and, by `readableByFollower`, still reads. */
export function followedAndReadable(qb: SelectQueryBuilder<TicketEntity>, principal: Principal): { sql: string; parameters: ObjectLiteral } {
  const shared = sharedWithColleaguesSql('ft');
  const followed = qb
    .subQuery()
    .select('tf.ticket_id')
    .from('ticket_follower', 'tf')
    .innerJoin('ticket', 'ft', 'ft.id = tf.ticket_id')
    .where('tf.user_id = :followerId', { followerId: principal.userId })
    .andWhere(shared.sql, shared.parameters);
  whereInScope(followed, scopeOf(principal, 'inventory:read'), { commune: 'ft.commune_id', school: 'ft.school_id' });
  return { sql: followed.getQuery(), parameters: followed.getParameters() };
}
