import { onBeforeUnmount, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Ticket } from '@preau/shared';
import { useRealtime } from '../../app/useRealtime';
import { debounce } from '../../ui/debounce';
import { useNotificationsStore } from '../notifications/notifications.store';
import { useTicketsStore, type TicketListName } from './tickets.store';
import { useTicketLabels } from './useTicketLabels';

/** Long enough to be seen when glancing back at the screen, short enough not to linger. */
const HIGHLIGHT_MS = 6_000;
/** Several events of one action (a status and a comment) make one reload. */
const GATHER_MS = 250;

/**
 * Keeps a ticket list current from live events: reloads it quietly (no loading state), then
 * highlights the rows that arrived or changed and says so in words for screen readers.
 * `reload` reads the list again with the screen's filters.
 */
export function useLiveTicketList(name: TicketListName, reload: () => Promise<unknown>) {
  const { t } = useI18n();
  const store = useTicketsStore();
  const notifications = useNotificationsStore();
  const { statusLabel, levelLabel } = useTicketLabels();

  const highlighted = ref<ReadonlySet<number>>(new Set());
  const announcement = ref('');
  const changes = new Map<number, 'created' | 'updated'>();
  /** Tickets still highlighted as new: a follow-up change (a photo added) keeps them announced as new. */
  const recentlyCreated = new Set<number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  function describe(ticket: Ticket, change: 'created' | 'updated'): string {
    const values = { reference: ticket.reference, title: ticket.title, status: statusLabel(ticket.status), level: levelLabel(ticket.level) };
    return t(change === 'created' ? 'tickets.live.created' : 'tickets.live.updated', values);
  }

  const reloadSoon = debounce(GATHER_MS, () => {
    const batch = new Map(changes);
    changes.clear();
    void reload()
      .then(() => {
        const shown = store.listed(name).filter((ticket) => batch.has(ticket.id));
        if (shown.length === 0) return;
        const ids = shown.map((ticket) => ticket.id);
        for (const id of ids) if (batch.get(id) === 'created') recentlyCreated.add(id);
        highlighted.value = new Set([...highlighted.value, ...ids]);
        announcement.value = shown.map((ticket) => describe(ticket, batch.get(ticket.id)!)).join(' ');
        const timer = setTimeout(() => {
          timers.delete(timer);
          for (const id of ids) recentlyCreated.delete(id);
          highlighted.value = new Set([...highlighted.value].filter((id) => !ids.includes(id)));
        }, HIGHLIGHT_MS);
        timers.add(timer);
      })
      // The next event or a manual reload tries again; the list on screen stays as it was.
      .catch(() => undefined);
    notifications.stale();
    void notifications.refreshCount().catch(() => undefined);
  });

  const noted = (ticketId: number, change: 'created' | 'updated') => {
    const created = change === 'created' || recentlyCreated.has(ticketId) || changes.get(ticketId) === 'created';
    changes.set(ticketId, created ? 'created' : change);
    reloadSoon();
  };
  const { state } = useRealtime(
    {
      'ticket:created': ({ ticketId }) => noted(ticketId, 'created'),
      'ticket:updated': ({ ticketId }) => noted(ticketId, 'updated'),
      'ticket:commented': ({ ticketId }) => noted(ticketId, 'updated'),
    },
    { onResync: () => reloadSoon() },
  );

  onBeforeUnmount(() => {
    reloadSoon.cancel();
    for (const timer of timers) clearTimeout(timer);
  });

  return { highlighted, announcement, liveState: state };
}
