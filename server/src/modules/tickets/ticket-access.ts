import type { SelectQueryBuilder } from 'typeorm';
import { AppError, forbidden } from '../../http/app-error';
import { hasPermission, scopeCovers, scopeOf, type Place, type Principal, type Scope } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';
import type { TicketEntity } from './ticket.entity';
import { GROUP_MEMBERS, crewOrganisationOf } from './group-crews';
import { followedAndReadable, heldAtSchool, leftSchoolSql } from './ticket-follower-access';

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
  const followed = followedAndReadable(qb, principal);
  // A teacher's own reports and those they follow (while shared with them), whatever their scope; the rest through organisations.
  qb.andWhere(`(t.reporterUserId = :viewer OR t.id IN ${followed.sql} OR t.id IN ${inner.getQuery()})`, {
    viewer: principal.userId,
    ...params,
    ...followed.parameters,
  });
}

const directedSchools = (principal: Principal): number[] =>
  principal.memberships.filter((m) => m.role === 'director' && m.organisationId !== null).map((m) => m.organisationId!);

/**
 * Reports the director holds at the school (awaiting approval, or answered there) stay between
 * their reporter and the school's director(s): support staff, who cannot act on them, neither
 * list nor read them until the director lets them go. Administrators see everything.
 */
function seesHeldReports(principal: Principal): boolean {
  return hasPermission(principal, 'organisations:write');
}

/** `canSee`'s rule for held reports, on `qb` (alias `t`). */
export function whereNotHeldAtSchool(qb: SelectQueryBuilder<TicketEntity>, principal: Principal): void {
  if (seesHeldReports(principal)) return;
  const directed = directedSchools(principal);
  const director = directed.length > 0 ? ' OR t.schoolId IN (:...directedSchools)' : '';
  const left = leftSchoolSql('t');
  qb.andWhere(`(${left.sql} OR t.reporterUserId = :holder${director})`, {
    ...left.parameters,
    holder: principal.userId,
    ...(directed.length > 0 ? { directedSchools: directed } : {}),
  });
}

export function canSee(principal: Principal, ticket: TicketEntity, place: Place): boolean {
  if (ticket.reporterUserId === principal.userId) return true;
  if (heldAtSchool(ticket) && !seesHeldReports(principal) && !directedSchools(principal).includes(ticket.schoolId)) return false;
  return scopeCovers(readScope(principal), place);
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
  return directedSchools(principal).includes(schoolId) || seesHeldReports(principal);
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
export const reopenPeriodOver = (reopenDays: number) =>
  new AppError(
    409,
    'REOPEN_PERIOD_OVER',
    reopenDays > 0 ? `A ticket can be reopened within ${reopenDays} days of its resolution; file a new report` : 'Resolved tickets of this commune cannot be reopened; file a new report',
  );
