import type { SelectQueryBuilder } from 'typeorm';
import { AppError, forbidden } from '../../http/app-error';
import { hasPermission, scopeCovers, scopeOf, type Place, type Principal, type Scope } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';
import type { TicketEntity } from './ticket.entity';
import { GROUP_MEMBERS, crewOrganisationOf } from './group-crews';

/**
 * Who sees a ticket: support staff and directors through their organisations; a teacher only
 * the tickets they reported (DOMAIN.md: the director sees the whole school).
 */
export function readScope(principal: Principal): Scope {
  const withoutTeachers: Principal = { ...principal, memberships: principal.memberships.filter((m) => m.role !== 'teacher') };
  return scopeOf(withoutTeachers, 'inventory:read');
}

/** The ids of the tickets the user in parameter `:<userParam>` follows, for a subquery. */
export const followedBy = (userParam: string) => `SELECT tf.ticket_id FROM ticket_follower tf WHERE tf.user_id = :${userParam}`;

export function whereTicketVisible(qb: SelectQueryBuilder<TicketEntity>, principal: Principal): void {
  const scope = readScope(principal);
  const inner = qb.subQuery().select('t2.id').from('ticket', 't2');
  whereInScope(inner, scope, { commune: 't2.commune_id', school: 't2.school_id' });
  const params = inner.getParameters();
  // A teacher's own reports and those they follow, whatever their scope; the rest through organisations.
  qb.andWhere(`(t.reporterUserId = :viewer OR t.id IN (${followedBy('viewer')}) OR t.id IN ${inner.getQuery()})`, {
    viewer: principal.userId,
    ...params,
  });
}

export function canSee(principal: Principal, ticket: TicketEntity, place: Place): boolean {
  return ticket.reporterUserId === principal.userId || scopeCovers(readScope(principal), place);
}

export function canWork(principal: Principal, place: Place): boolean {
  return scopeCovers(scopeOf(principal, 'tickets:work'), place);
}

/**
 * Whether the principal is in the group holding the ticket: the circonscription's ERUN at level 1,
 * the commune's technicians, the académie's rectorate agents, or the staff relaying with an
 * external party. Administrators hold every ticket. Other staff of the school see and comment.
 */
export function holdsTicket(principal: Principal, ticket: TicketEntity, place: Place): boolean {
  const crew = GROUP_MEMBERS[ticket.groupKind];
  const organisationId = crewOrganisationOf(ticket, crew, place.circonscriptionAcademyId ?? place.communeAcademyId);
  return principal.memberships.some(
    (m) =>
      m.organisationKind === 'global' ||
      (crew.roles.includes(m.role) && m.organisationKind === crew.organisation && m.organisationId === organisationId),
  );
}

export function isDirectorOf(principal: Principal, schoolId: number): boolean {
  return principal.memberships.some((m) => m.role === 'director' && m.organisationId === schoolId) || hasPermission(principal, 'organisations:write');
}

/** 403 for people who see the ticket but do not work it. */
function ensureWorker(principal: Principal, place: Place): void {
  if (!canWork(principal, place)) throw forbidden('Only support staff in charge of this school can do this');
}

/** 403 unless the principal works tickets here and is in the group holding this one. */
export function ensureHolder(principal: Principal, ticket: TicketEntity, place: Place): void {
  ensureWorker(principal, place);
  if (!holdsTicket(principal, ticket, place)) {
    throw new AppError(403, 'NOT_HOLDING_GROUP', `This ticket is held by ${ticket.groupLabel}; only its members can do this`);
  }
}

export const invalidTransition = (message: string) => new AppError(409, 'INVALID_TRANSITION', message);
