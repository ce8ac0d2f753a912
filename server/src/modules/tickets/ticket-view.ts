import type { Ticket, TicketEvent } from '@preau/shared';
import type { TicketEntity } from './ticket.entity';
import type { TicketEventEntity } from './ticket-event.entity';

export interface TicketNames {
  school: { id: number; name: string; uai: string };
  equipment: { id: number; assetTag: string; kind: string } | null;
  reporter: { id: number; displayName: string };
  assignee: { id: number; displayName: string } | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toTicket(t: TicketEntity, names: TicketNames, now = new Date()): Ticket {
  const open = t.status !== 'resolved' && t.status !== 'closed';
  const late = (due: Date | null, done: Date | null) => due !== null && (done ? done > due : open && now > due);
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
    routing: { rule: t.routingRule, reason: t.routingReason, outOfScope: t.outOfScope, directorInformed: t.directorInformed },
    firstResponseDueAt: iso(t.firstResponseDueAt),
    resolutionDueAt: iso(t.resolutionDueAt),
    firstRespondedAt: iso(t.firstRespondedAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    breached: late(t.firstResponseDueAt, t.firstRespondedAt) || late(t.resolutionDueAt, t.resolvedAt),
    rating: t.rating,
    ratingComment: t.ratingComment,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
  };
}

export function toTicketEvent(e: TicketEventEntity): TicketEvent {
  return {
    id: e.id,
    kind: e.kind,
    at: e.at.toISOString(),
    actor: { id: e.actorUserId, label: e.actorLabel },
    body: e.body,
    internal: e.internal,
    from: e.fromValue,
    to: e.toValue,
    rule: e.rule,
  };
}
