import { parseRoutingReason, parseTimelineNote, type Ticket, type TicketEvent } from '@preau/shared';
import type { TicketEntity } from './ticket.entity';
import type { TicketEventEntity } from './ticket-event.entity';

export interface TicketNames {
  school: { id: number; name: string; uai: string };
  equipment: { id: number; assetTag: string; kind: string } | null;
  reporter: { id: number; displayName: string };
  assignee: { id: number; displayName: string } | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The service-target steps: each due date and when its step happened. */
const SERVICE_STEPS = [
  { due: 'firstResponseDueAt', done: 'firstRespondedAt' },
  { due: 'resolutionDueAt', done: 'resolvedAt' },
] as const;

/**
 * Late on a service target: a due date passed before its step happened, or is passed `now` with
 * the step not done. No due date (awaiting approval, or a pause began before it) is never late.
 * `breachedSql` says the same in SQL: change both together.
 */
export function isBreached(t: Pick<TicketEntity, (typeof SERVICE_STEPS)[number]['due' | 'done']>, now: Date): boolean {
  return SERVICE_STEPS.some(({ due, done }) => {
    const dueAt = t[due];
    return dueAt !== null && (t[done] ?? now) > dueAt;
  });
}

/**
 * `isBreached` for the ticket under `alias` of a query builder, the current time bound as
 * `:<nowParam>`. Every comparison is guarded against NULL so that `NOT` of it is exact.
 */
export function breachedSql(alias: string, nowParam: string): string {
  const steps = SERVICE_STEPS.map(({ due, done }) => {
    const [dueAt, doneAt] = [`${alias}.${due}`, `${alias}.${done}`];
    return `(${dueAt} IS NOT NULL AND ((${doneAt} IS NOT NULL AND ${doneAt} > ${dueAt}) OR (${doneAt} IS NULL AND ${dueAt} < :${nowParam})))`;
  });
  return `(${steps.join(' OR ')})`;
}

export function toTicket(t: TicketEntity, names: TicketNames, now = new Date()): Ticket {
  return {
    id: t.id,
    reference: t.reference ?? '',
    school: names.school,
    communeId: t.communeId,
    equipment: names.equipment,
    category: t.category,
    title: t.title,
    description: t.description,
    impact: t.impact,
    urgency: t.urgency,
    priority: t.priority,
    status: t.status,
    approval: t.approval,
    level: t.level,
    assignedGroup: { kind: t.groupKind, organisationId: t.groupOrganisationId, externalName: t.groupExternalName, label: t.groupLabel },
    assignee: names.assignee,
    reporter: names.reporter,
    availability: t.availability,
    routing: { rule: t.routingRule, reason: t.routingReason, reasonText: parseRoutingReason(t.routingReason), outOfScope: t.outOfScope, directorInformed: t.directorInformed },
    firstResponseDueAt: iso(t.firstResponseDueAt),
    resolutionDueAt: iso(t.resolutionDueAt),
    firstRespondedAt: iso(t.firstRespondedAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    breached: isBreached(t, now),
    rating: t.rating,
    ratingComment: t.ratingComment,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
  };
}

/** The composed form of an entry's text the server wrote (routing reasons, the deadline sweep's notes, a resolution's note), or null. */
function composedBodyOf(e: TicketEventEntity): TicketEvent['bodyText'] {
  if (e.kind === 'routed') return parseRoutingReason(e.body);
  // A person's closing comment is theirs: only the sweep's own note (no actor) is composed.
  if (e.kind === 'breach_warning' || e.kind === 'breached' || (e.kind === 'closed' && e.actorUserId === null)) return parseTimelineNote(e.body);
  // The note a resolution adds when the item stays broken (a person's note in those very words reads the same).
  if (e.kind === 'note') return parseTimelineNote(e.body);
  return null;
}

/** `actorName`: the actor's display name when known; the stored label (a username, or `system`) otherwise. */
export function toTicketEvent(e: TicketEventEntity, actorName?: string): TicketEvent {
  return {
    id: e.id,
    kind: e.kind,
    at: e.at.toISOString(),
    actor: { id: e.actorUserId, label: actorName ?? e.actorLabel },
    body: e.body,
    bodyText: composedBodyOf(e),
    internal: e.internal,
    from: e.fromValue,
    to: e.toValue,
    rule: e.rule,
  };
}
