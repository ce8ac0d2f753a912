import { useI18n } from 'vue-i18n';
import {
  defaultRuleText,
  parseRoutingReason,
  renderRoutingReason,
  renderTimelineNote,
  type ComposedText,
  type TextLocale,
  type TicketEvent,
  type TicketRouting,
} from '@preau/shared';

/**
 * Routing reasons in the reader's language when the server composed them or a default rule gave
 * them; a message administrators wrote, and reasons stored before, are shown as written.
 */
export function useRoutingReason() {
  const { locale } = useI18n();
  const render = (composed: ComposedText, to: TextLocale) => renderRoutingReason(composed, to) ?? renderTimelineNote(composed, to);
  const inLocale = (french: string, composed: ComposedText | null) => {
    const to = locale.value as TextLocale;
    return (to !== 'fr' && composed ? render(composed, to) : null) ?? defaultRuleText(french, to);
  };
  return {
    routingReason: (routing: TicketRouting) => inLocale(routing.reason, routing.reasonText),
    /** A timeline entry's text: a `routed` entry's is the routing reason, the deadline sweep's entries its notes. */
    eventBody: (event: TicketEvent) => event.body && inLocale(event.body, event.bodyText),
    /** The message of a refused escalation, as the server's problem detail says it. */
    refusalText: (detail: string) => inLocale(detail, parseRoutingReason(detail)),
  };
}
