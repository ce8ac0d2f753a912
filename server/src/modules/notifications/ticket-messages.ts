import { STATUS_WORDS, clip, parseRoutingReason, renderNotice, splitGroupAt, type Notice, type NotificationKind } from '@preau/shared';
import type { BreachStage, BreachTarget } from '../sla/breach-notifier';
import type { TicketEntity } from '../tickets/ticket.entity';
import type { TicketEventEntity } from '../tickets/ticket-event.entity';

/** Why someone hears of a ticket; the same event reads differently for each. */
export type Audience = 'assignee' | 'staff' | 'director' | 'reporter';

export interface MessageContext {
  ticket: TicketEntity;
  schoolName: string;
  reporterName: string;
  /** Display name of whoever made the timeline entry. */
  actorName: (entry: TicketEventEntity) => string;
}

export interface Message {
  kind: NotificationKind;
  /** The French title and body, as stored and e-mailed. */
  title: string;
  body: string;
  /** The same, for readers in another language. */
  notice: Notice;
}

/** Kept for the digests, which write French. */
export const STATUS_FR = STATUS_WORDS.fr;

/** The kinds of entry after which the ticket sits with a new group. */
export const ARRIVALS: ReadonlySet<TicketEventEntity['kind']> = new Set(['created', 'approved', 'routed', 'escalated', 'deescalated', 'reassigned']);

export { clip };

/** A notice as `kind`, with its French words. */
export function message(kind: NotificationKind, notice: Notice): Message {
  const french = renderNotice(notice, 'fr')!;
  return { kind, ...french, notice };
}

/** Typed text as a notice keeps it: trimmed and clipped as it will be quoted. */
const typed = (text: string | null | undefined): string | null => (text ? clip(text.trim()) : (text ?? null));

const summaryParams = (t: TicketEntity, school: string) => ({ school, category: t.category, priority: t.priority });
const held = (t: TicketEntity) => ({ groupLabel: t.groupLabel, level: t.level });
/** The ticket's routing reason, with its composed form when the server wrote it. */
export const reasonOf = (t: TicketEntity) => ({ reason: t.routingReason, reasonText: parseRoutingReason(t.routingReason) });
const noReason = { reason: null, reasonText: null };

/** The notification for one timeline entry as `audience` reads it; null when it is not for them. */
export function messageFor(entry: TicketEventEntity, audience: Audience, ctx: MessageContext): Message | null {
  const { ticket: t, schoolName } = ctx;
  const ticketTitle = t.title;
  const actor = ctx.actorName(entry);
  const summary = summaryParams(t, schoolName);
  const yours = audience === 'reporter';
  const text = typed(entry.body);

  switch (entry.kind) {
    case 'created': {
      if (yours) {
        // Only told when the city will not maintain the equipment: the reason, in plain words.
        return t.outOfScope ? message('ticket_out_of_scope', { key: 'reportOutOfScope', params: { ticketTitle, ...reasonOf(t) } }) : null;
      }
      const about = { ticketTitle, ...summary, ...held(t), reporter: ctx.reporterName, description: typed(t.description) };
      if (audience === 'director' && t.approval === 'pending') return message('ticket_approval_requested', { key: 'approvalRequested', params: about });
      if (audience === 'director') return message('ticket_created', { key: 'securityReported', params: about });
      return message('ticket_created', { key: 'reported', params: { ...about, availability: t.availability, ...(t.outOfScope ? reasonOf(t) : noReason) } });
    }

    case 'approved':
      return yours
        ? message('ticket_approved', { key: 'approvedForReporter', params: { ticketTitle, ...held(t) } })
        : message('ticket_approved', { key: 'approvedForGroup', params: { ticketTitle, ...summary, ...held(t), reporter: ctx.reporterName, description: typed(t.description) } });

    case 'answered':
      return yours
        ? message('ticket_resolved', { key: 'answeredForReporter', params: { ticketTitle, actor, text } })
        : message('ticket_resolved', { key: 'answeredForGroup', params: { ticketTitle, actor, reporter: ctx.reporterName, text } });

    case 'routed':
    case 'reassigned':
    case 'escalated':
    case 'deescalated': {
      if (yours || audience === 'director') {
        const move = entry.kind === 'escalated' || entry.kind === 'deescalated' ? entry.kind : 'regrouped';
        return message('ticket_routed', { key: 'moved', params: { ticketTitle, ...held(t), move, yours, ...(entry.kind === 'escalated' ? reasonOf(t) : noReason) } });
      }
      const from = entry.fromValue === null ? null : splitGroupAt(entry.fromValue);
      const to = entry.toValue === null ? { label: t.groupLabel, level: t.level } : splitGroupAt(entry.toValue);
      return message('ticket_routed', {
        key: 'movedToGroup',
        params: {
          ticketTitle,
          ...summary,
          level: t.level,
          actor,
          fromGroup: from?.label ?? null,
          fromLevel: from?.level ?? null,
          toGroup: to.label,
          toLevel: to.level,
          note: text,
          noteIs: entry.kind === 'escalated' ? 'diagnosis' : 'reason',
          description: typed(t.description),
        },
      });
    }

    case 'assigned': {
      if (audience === 'assignee') return message('ticket_assigned', { key: 'assignedToYou', params: { ticketTitle, ...summary, actor, description: typed(t.description) } });
      if (t.assigneeUserId === null) return audience === 'staff' ? message('ticket_assigned', { key: 'backInQueue', params: { ticketTitle, ...held(t), actor } }) : null;
      return message('ticket_assigned', { key: 'takenOn', params: { ticketTitle, assignee: entry.toValue, groupLabel: t.groupLabel, yours } });
    }

    case 'status': {
      const waiting = entry.toValue === 'waiting';
      if (yours) {
        return waiting
          ? message('ticket_status', { key: 'waitingForReporter', params: { ticketTitle, note: text } })
          : message('ticket_status', { key: 'inProgressForReporter', params: { ticketTitle, actor, note: text } });
      }
      return message('ticket_status', { key: 'statusChanged', params: { ticketTitle, actor, from: entry.fromValue, to: entry.toValue, waiting, note: text } });
    }

    case 'comment':
      return message('ticket_comment', { key: 'comment', params: { ticketTitle, actor, text } });

    case 'note':
      return yours || audience === 'director' ? null : message('ticket_note', { key: 'note', params: { ticketTitle, actor, text } });

    case 'attachment':
      return message('ticket_comment', { key: 'attachment', params: { ticketTitle, actor, text } });

    case 'resolved':
      return message('ticket_resolved', { key: 'resolved', params: { ticketTitle, actor, text, yours } });

    case 'reopened':
      return message('ticket_reopened', { key: 'reopened', params: { ticketTitle, actor, text, yours } });

    case 'closed':
      return message('ticket_closed', { key: 'closed', params: { ticketTitle, actor, rating: entry.toValue, text, yours } });

    case 'recategorized':
      // A correction the holding group makes for itself: the timeline shows it, nobody is told.
      return null;

    case 'breach_warning':
    case 'breached':
      // Told by `Notifier.notifyBreach`, which the deadline sweep calls.
      return null;
  }
}

/**
 * The deadline notice: for `target`, or without it the one the ticket's due dates point to
 * (the first response while it is pending and its due date is near or passed).
 */
export function breachMessage(ticket: TicketEntity, stage: BreachStage, target: BreachTarget | undefined, schoolName: string, timeZone: string, assigneeName: string | undefined): Message {
  const now = new Date();
  const firstResponsePending = ticket.firstRespondedAt === null && ticket.firstResponseDueAt !== null;
  const firstResponse = target ? target === 'first_response' : firstResponsePending && (stage === 'warning' || ticket.firstResponseDueAt! <= now);
  const due = firstResponse ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
  return message(stage === 'warning' ? 'ticket_breach_warning' : 'ticket_breached', {
    key: 'deadline',
    params: {
      ticketTitle: ticket.title,
      ...summaryParams(ticket, schoolName),
      ...held(ticket),
      stage,
      target: firstResponse ? 'first_response' : 'resolution',
      due: due?.toISOString() ?? null,
      timeZone,
      assignee: assigneeName ?? null,
    },
  });
}

/** The reporter's notice that their resolved ticket closed itself. */
export const autoClosedMessage = (ticket: TicketEntity): Message => message('ticket_closed', { key: 'autoClosed', params: { ticketTitle: ticket.title } });
