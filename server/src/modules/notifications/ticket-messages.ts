import type { NotificationKind, TicketStatus } from '@preau/shared';
import { CATEGORY_LABEL_FR } from '../routing/routing-labels';
import type { TicketEntity } from '../tickets/ticket.entity';
import { groupAtLevel } from '../tickets/ticket-store';
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
  title: string;
  body: string;
}

export const STATUS_FR: Readonly<Record<TicketStatus, string>> = {
  new: 'nouveau',
  assigned: 'attribué',
  in_progress: 'en cours',
  waiting: 'en attente',
  resolved: 'résolu',
  closed: 'clos',
};

/** The kinds of entry after which the ticket sits with a new group. */
export const ARRIVALS: ReadonlySet<TicketEventEntity['kind']> = new Set(['created', 'approved', 'routed', 'escalated', 'deescalated', 'reassigned']);

export function clip(text: string, max = 1500): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const quote = (text: string | null | undefined) => (text ? `« ${clip(text.trim())} »` : '');
const join = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join('\n\n');

export const groupOf = (t: TicketEntity) => groupAtLevel(t.groupLabel, t.level);
export const summaryOf = (t: TicketEntity, schoolName: string) => `${schoolName}, ${CATEGORY_LABEL_FR[t.category].toLowerCase()}, priorité ${t.priority}`;

/** The French notification for one timeline entry as `audience` reads it; null when it is not for them. */
export function messageFor(entry: TicketEventEntity, audience: Audience, ctx: MessageContext): Message | null {
  const { ticket: t, schoolName } = ctx;
  const title = (words: string) => `${words} : ${t.title}`;
  const actor = ctx.actorName(entry);
  const summary = summaryOf(t, schoolName);
  const group = groupOf(t);
  const toReporter = audience === 'reporter';

  switch (entry.kind) {
    case 'created':
      if (toReporter) {
        // Only told when the city will not maintain the equipment: the reason, in plain words.
        return t.outOfScope ? { kind: 'ticket_out_of_scope', title: title('Matériel non entretenu par la ville'), body: t.routingReason } : null;
      }
      if (audience === 'director' && t.approval === 'pending') {
        return {
          kind: 'ticket_approval_requested',
          title: title('Signalement à approuver'),
          body: join(`${ctx.reporterName} a signalé un incident (${summary}). Il sera confié à ${group} dès votre accord.`, quote(t.description)),
        };
      }
      if (audience === 'director') {
        return {
          kind: 'ticket_created',
          title: title('Incident de sécurité signalé'),
          body: join(`${ctx.reporterName} a signalé un incident de sécurité (${summary}). Il est confié directement à ${group}.`, quote(t.description)),
        };
      }
      return {
        kind: 'ticket_created',
        title: title('Nouveau signalement'),
        body: join(
          `${ctx.reporterName} signale un incident (${summary}), confié à ${group}.`,
          quote(t.description),
          t.availability && `Disponibilités : ${t.availability}`,
          t.outOfScope && t.routingReason,
        ),
      };

    case 'approved':
      return toReporter
        ? { kind: 'ticket_approved', title: title('Votre signalement est approuvé'), body: `La direction a approuvé votre signalement ; il est confié à ${group}.` }
        : {
            kind: 'ticket_approved',
            title: title('Signalement approuvé'),
            body: join(`La direction a approuvé ce signalement de ${ctx.reporterName} (${summary}) ; il est confié à ${group}.`, quote(t.description)),
          };

    case 'answered':
      return toReporter
        ? {
            kind: 'ticket_resolved',
            title: title('La direction a répondu à votre signalement'),
            body: join(`${actor} : ${quote(entry.body)}`, 'Si le problème persiste, rouvrez le signalement dans Préau ; sinon, vous pouvez le clore.'),
          }
        : { kind: 'ticket_resolved', title: title('Signalement traité par la direction'), body: `${actor} a répondu à ${ctx.reporterName} : ${quote(entry.body)}` };

    case 'routed':
    case 'reassigned':
    case 'escalated':
    case 'deescalated': {
      const move = entry.kind === 'escalated' ? `passe au niveau ${t.level}` : entry.kind === 'deescalated' ? `revient au niveau ${t.level}` : `change de groupe`;
      if (toReporter || audience === 'director') {
        return {
          kind: 'ticket_routed',
          title: title(toReporter ? `Votre signalement ${move}` : `Le signalement ${move}`),
          body: join(`Il est maintenant confié à ${group}.`, entry.kind === 'escalated' && t.routingReason),
        };
      }
      return {
        kind: 'ticket_routed',
        title: title(`Incident transmis à votre groupe (niveau ${t.level})`),
        body: join(
          `${actor} a transmis ce signalement (${summary}) : ${entry.fromValue ?? '?'} → ${entry.toValue ?? group}.`,
          entry.body && `${entry.kind === 'escalated' ? 'Diagnostic' : 'Motif'} : ${quote(entry.body)}`,
          quote(t.description) && `Signalement : ${quote(t.description)}`,
        ),
      };
    }

    case 'assigned': {
      const assigned = t.assigneeUserId !== null;
      if (audience === 'assignee') {
        return { kind: 'ticket_assigned', title: title('Incident attribué'), body: join(`${actor} vous a attribué ce signalement (${summary}).`, quote(t.description)) };
      }
      if (!assigned) {
        return audience === 'staff'
          ? { kind: 'ticket_assigned', title: title('Incident remis dans la file du groupe'), body: `${actor} a remis ce signalement dans la file de ${group}.` }
          : null;
      }
      const who = entry.toValue ?? 'un membre du support';
      return toReporter
        ? { kind: 'ticket_assigned', title: title('Votre signalement est pris en charge'), body: `${who} (${t.groupLabel}) s'en occupe.` }
        : { kind: 'ticket_assigned', title: title('Incident pris en charge'), body: `${who} (${t.groupLabel}) s'en occupe.` };
    }

    case 'status': {
      const waiting = entry.toValue === 'waiting';
      if (toReporter) {
        return waiting
          ? {
              kind: 'ticket_status',
              title: title('Votre signalement est en attente'),
              body: join('Le traitement attend une information ou un tiers.', quote(entry.body), 'Répondez dans Préau si une information vous est demandée.'),
            }
          : { kind: 'ticket_status', title: title('Votre signalement est en cours de traitement'), body: join(`${actor} y travaille.`, quote(entry.body)) };
      }
      const from = STATUS_FR[entry.fromValue as TicketStatus] ?? entry.fromValue;
      const to = STATUS_FR[entry.toValue as TicketStatus] ?? entry.toValue;
      return { kind: 'ticket_status', title: title(waiting ? 'Incident en attente' : 'Incident en cours'), body: join(`${actor} : ${from} → ${to}.`, quote(entry.body)) };
    }

    case 'comment':
      return { kind: 'ticket_comment', title: title('Nouveau message'), body: `${actor} : ${quote(entry.body)}` };

    case 'note':
      return toReporter || audience === 'director' ? null : { kind: 'ticket_note', title: title('Note interne'), body: `${actor} : ${quote(entry.body)}` };

    case 'attachment':
      return { kind: 'ticket_comment', title: title('Pièce jointe ajoutée'), body: join(`${actor} a joint un fichier au signalement.`, quote(entry.body)) };

    case 'resolved':
      return toReporter
        ? {
            kind: 'ticket_resolved',
            title: title('Votre signalement est résolu'),
            body: join(`${actor} : ${quote(entry.body)}`, 'Si le problème persiste, rouvrez le signalement dans Préau ; sinon, vous pouvez le clore et noter le service.'),
          }
        : { kind: 'ticket_resolved', title: title('Incident résolu'), body: `${actor} : ${quote(entry.body)}` };

    case 'reopened':
      return { kind: 'ticket_reopened', title: title(toReporter ? 'Votre signalement est rouvert' : 'Signalement rouvert'), body: `${actor} l'a rouvert : ${quote(entry.body)}` };

    case 'closed':
      return {
        kind: 'ticket_closed',
        title: title(toReporter ? 'Votre signalement est clos' : 'Signalement clos'),
        body: join(`${actor} l'a clos.`, entry.toValue && `Note du service : ${entry.toValue}.`, quote(entry.body)),
      };

    case 'recategorized':
      // A correction the holding group makes for itself: the timeline shows it, nobody is told.
      return null;

    case 'breach_warning':
    case 'breached':
      // Told by `Notifier.notifyBreach`, which the deadline sweep calls.
      return null;
  }
}
