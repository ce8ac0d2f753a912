import { useI18n } from 'vue-i18n';
import type { GroupKind, Impact, Priority, TicketCategory, TicketEventKind, TicketStatus, Urgency } from '@preau/shared';
import type { BadgeTone } from '../../ui/BaseBadge.vue';

const STATUS_TONES: Record<TicketStatus, BadgeTone> = {
  new: 'info',
  assigned: 'alert',
  in_progress: 'alert',
  waiting: 'warning',
  resolved: 'success',
  closed: 'neutral',
};

const PRIORITY_TONES: Record<Priority, BadgeTone> = { P1: 'danger', P2: 'warning', P3: 'info', P4: 'neutral' };

/** The words for ticket values; the codes come from the shared schemas. */
export function useTicketLabels() {
  const { t } = useI18n();
  return {
    statusLabel: (status: TicketStatus) => t(`ticketStatus.${status}`),
    statusTone: (status: TicketStatus) => STATUS_TONES[status],
    categoryLabel: (category: TicketCategory) => t(`ticketCategory.${category}`),
    impactLabel: (impact: Impact) => t(`impact.${impact}`),
    urgencyLabel: (urgency: Urgency) => t(`urgency.${urgency}`),
    priorityLabel: (priority: Priority) => t(`priority.${priority}`),
    priorityTone: (priority: Priority) => PRIORITY_TONES[priority],
    levelLabel: (level: number) => t('tickets.level', { level }),
    groupKindLabel: (kind: GroupKind) => t(`groupKind.${kind}`),
    eventLabel: (kind: TicketEventKind) => t(`ticketEvent.${kind}`),
  };
}
