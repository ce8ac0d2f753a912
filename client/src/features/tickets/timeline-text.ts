import { BACK_TO_GROUP_QUEUE, BUILT_IN_RULES, defaultRuleText, splitGroupAt, type BuiltInRule, type TextLocale, type TicketEvent } from '@preau/shared';

/** What the timeline's texts need: vue-i18n's `t`, `te` and locale, the page's date format, the entries' names. */
export interface TimelineWords {
  t: (key: string, values?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
  locale: () => TextLocale;
  timestamp: (isoDateTime: string) => string;
  eventLabel: (kind: TicketEvent['kind']) => string;
}

const GROUP_MOVES: ReadonlySet<TicketEvent['kind']> = new Set(['routed', 'escalated', 'deescalated', 'reassigned']);
const BUILT_IN_RULE_OF = new Map(Object.entries(BUILT_IN_RULES).map(([key, name]) => [name as string, key as BuiltInRule]));

/** A routing rule's name: those the server gives and the default rules' in the reader's language; rules people wrote, as written. */
export function ruleNameText(rule: string, { t, locale }: Pick<TimelineWords, 't' | 'locale'>): string {
  const builtIn = BUILT_IN_RULE_OF.get(rule);
  return builtIn ? t(`ticket.timeline.builtInRules.${builtIn}`) : defaultRuleText(rule, locale());
}

/**
 * A timeline entry's texts in the reader's language. The server stores codes (statuses,
 * categories), French it composed (a group's level, the group's queue, its built-in rules' names)
 * and what people wrote; only the latter, and groups' names, are shown as stored.
 */
export function timelineText({ t, te, locale, timestamp, eventLabel }: TimelineWords) {
  /** A from or to value. */
  function valueText(event: TicketEvent, value: string | null): string {
    if (value === null) return '—';
    if (GROUP_MOVES.has(event.kind)) {
      // Stored as « Group (niveau 2) »: the level is said in the reader's language.
      const { label, level } = splitGroupAt(value);
      return level === null ? label : t('ticket.timeline.groupAtLevel', { group: label, level });
    }
    if (event.kind === 'assigned' && value === BACK_TO_GROUP_QUEUE) return t('ticket.timeline.groupQueue');
    // The due date the deadline sweep watched.
    if (event.kind === 'breach_warning' || event.kind === 'breached') return Number.isNaN(Date.parse(value)) ? value : timestamp(value);
    if (event.kind === 'status' && te(`ticketStatus.${value}`)) return t(`ticketStatus.${value}`);
    if (event.kind === 'recategorized' && te(`ticketCategory.${value}`)) return t(`ticketCategory.${value}`);
    // A rating is stored as « 4/5 »: said as everywhere else on the page (« 4 sur 5 »).
    const rating = event.kind === 'closed' ? /^([1-5])\/5$/.exec(value) : null;
    if (rating) return t('ticket.close.ratingOption', { n: Number(rating[1]) });
    return value;
  }

  /** What happened: putting a ticket back in its group's queue is an assignment to nobody. */
  function whatText(event: TicketEvent): string {
    return event.kind === 'assigned' && event.to === BACK_TO_GROUP_QUEUE ? t('ticket.timeline.backToQueue') : eventLabel(event.kind);
  }

  /** Who: people by their names; Préau itself (the deadline sweep) in the reader's language. */
  function actorText(actor: TicketEvent['actor']): string {
    return actor.id === null && te(`history.actors.${actor.label}`) ? t(`history.actors.${actor.label}`) : actor.label;
  }

  return { valueText, whatText, actorText, ruleText: (rule: string) => ruleNameText(rule, { t, locale }) };
}
