import type { TicketEntity } from '../../server/src/modules/tickets/ticket.entity';
import type { TicketEventEntity } from '../../server/src/modules/tickets/ticket-event.entity';
import type { Audience, MessageContext } from '../../server/src/modules/notifications/ticket-messages';
import type { BreachStage, BreachTarget } from '../../server/src/modules/sla/breach-notifier';

// Tickets and timeline entries covering every branch of the notification texts; the golden file
// holds the French each produced before the texts moved to `shared/`, so e-mails keep their words.

const LONG = `Le vidéoprojecteur s'éteint. ${'Encore et encore. '.repeat(100)}`;
const PAST = new Date('2020-03-02T08:30:00Z');
const FUTURE = new Date('2099-06-15T14:05:00Z');

const ticket = (fields: Partial<TicketEntity>): TicketEntity =>
  ({
    id: 7,
    title: 'Écran noir',
    category: 'hardware',
    priority: 'P2',
    level: 1,
    groupLabel: 'Niveau 1 — Circonscription de Lyon 3',
    groupKind: 'circonscription_level1',
    groupExternalName: null,
    description: 'Plus rien ne s’affiche depuis ce matin.',
    availability: null,
    approval: 'not_required',
    outOfScope: false,
    routingReason: 'Confié au niveau 1 : le niveau 1 de la circonscription (ERUN et correspondants numériques).',
    assigneeUserId: null,
    firstRespondedAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    ...fields,
  }) as TicketEntity;

const TICKETS: Record<string, TicketEntity> = {
  plain: ticket({ availability: 'Le mardi après-midi' }),
  outOfScope: ticket({
    outOfScope: true,
    approval: 'pending',
    description: '',
    routingReason: "Ce matériel n'a pas été fourni par la ville : il a été acheté sur les fonds propres de l'école ou reçu en don.",
  }),
  security: ticket({
    category: 'security',
    level: 2,
    groupKind: 'commune_technicians',
    groupLabel: 'Techniciens — Villeurbanne',
    description: LONG,
    routingReason: "Confié au niveau 2 : les techniciens de la commune. La direction de l'école est prévenue.",
  }),
  supplier: ticket({
    category: 'ent',
    level: 3,
    groupKind: 'supplier',
    groupLabel: 'Fournisseur — Dell Inc.',
    groupExternalName: 'Dell Inc.',
    assigneeUserId: 4,
    routingReason: 'Confié au niveau 3 : le fournisseur Dell Inc., au titre de la garantie.',
  }),
};

const entry = (kind: TicketEventEntity['kind'], fields: Partial<TicketEventEntity> = {}): TicketEventEntity =>
  ({ id: 1, kind, body: null, fromValue: null, toValue: null, actorUserId: 3, actorLabel: 'jdupont', internal: false, ...fields }) as TicketEventEntity;

const ENTRIES: Record<string, TicketEventEntity> = {
  created: entry('created'),
  approved: entry('approved'),
  answered: entry('answered', { body: '  Le câble était débranché.  ' }),
  routed: entry('routed', { toValue: 'Niveau 1 — Circonscription de Lyon 3 (niveau 1)' }),
  reassigned: entry('reassigned', { fromValue: 'Techniciens — Villeurbanne (niveau 2)', toValue: 'Assistance du rectorat — Lyon (niveau 2)', body: 'Pas pour nous' }),
  escalated: entry('escalated', { fromValue: 'Techniciens — Villeurbanne (niveau 2)', toValue: 'Fournisseur — Dell Inc. (niveau 3)', body: 'Carte mère HS' }),
  escalatedBare: entry('escalated'),
  deescalated: entry('deescalated', { fromValue: 'Experts du rectorat — Lyon (niveau 3)', toValue: null, body: LONG }),
  assigned: entry('assigned', { toValue: 'Marie Curie' }),
  assignedNobody: entry('assigned', { toValue: null }),
  statusWaiting: entry('status', { fromValue: 'in_progress', toValue: 'waiting', body: 'On attend la pièce' }),
  statusWorking: entry('status', { fromValue: 'assigned', toValue: 'in_progress' }),
  statusOdd: entry('status', { fromValue: 'legacy', toValue: 'in_progress' }),
  comment: entry('comment', { body: 'Merci !' }),
  commentEmpty: entry('comment', { body: null }),
  note: entry('note', { body: 'À surveiller', internal: true }),
  attachment: entry('attachment', { body: 'photo.jpg' }),
  attachmentBare: entry('attachment'),
  resolved: entry('resolved', { body: 'Remplacé.' }),
  reopened: entry('reopened', { body: 'Ça recommence' }),
  closed: entry('closed', { toValue: '4/5', body: 'Rapide' }),
  closedBare: entry('closed'),
  recategorized: entry('recategorized'),
  breached: entry('breached'),
};

const AUDIENCES: Audience[] = ['assignee', 'staff', 'director', 'reporter'];

const context = (t: TicketEntity): MessageContext => ({
  ticket: t,
  schoolName: 'École Jules Ferry',
  reporterName: 'Léa Martin',
  actorName: (e) => (e.actorUserId === 3 ? 'Jean Dupont' : e.actorLabel),
});

type Texts = { kind: string; title: string; body: string } | null;
type MessageFor = (e: TicketEventEntity, audience: Audience, ctx: MessageContext) => Texts;
type BreachMessage = (t: TicketEntity, stage: BreachStage, target: BreachTarget | undefined, schoolName: string, timeZone: string, assigneeName: string | undefined) => Texts;

/** Every case's name and the French it gives (null: nobody is told). */
export function frenchCases(messageFor: MessageFor, breachMessage: BreachMessage): Record<string, Texts> {
  const out: Record<string, Texts> = {};
  for (const [t, tk] of Object.entries(TICKETS)) {
    for (const [e, ev] of Object.entries(ENTRIES)) {
      for (const audience of AUDIENCES) out[`${t}/${e}/${audience}`] = messageFor(ev, audience, context(tk));
    }
  }
  const breachTickets = {
    firstPending: ticket({ firstResponseDueAt: FUTURE, resolutionDueAt: FUTURE }),
    firstPassed: ticket({ firstResponseDueAt: PAST, resolutionDueAt: FUTURE }),
    resolution: ticket({ firstRespondedAt: PAST, firstResponseDueAt: PAST, resolutionDueAt: PAST }),
    noDue: ticket({ firstRespondedAt: PAST }),
  };
  for (const [name, t] of Object.entries(breachTickets)) {
    for (const stage of ['warning', 'breach'] as const) {
      for (const target of [undefined, 'first_response', 'resolution'] as const) {
        for (const [zone, timeZone] of Object.entries({ paris: 'Europe/Paris', reunion: 'Indian/Reunion' })) {
          out[`breach/${name}/${stage}/${target ?? 'due'}/${zone}`] = breachMessage(t, stage, target, 'École Jules Ferry', timeZone, zone === 'paris' ? 'Marie Curie' : undefined);
        }
      }
    }
  }
  return out;
}
