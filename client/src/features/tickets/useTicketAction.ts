import { inject, provide, ref, type InjectionKey } from 'vue';
import { ApiError } from '../../api/http';
import { useErrorText } from '../../ui/useErrorText';
import type { TicketAction } from './tickets.api';
import { useTicketsStore } from './tickets.store';
import { useRoutingReason } from './useRoutingReason';

const PAGE_NOTE: InjectionKey<(message: string) => void> = Symbol('ticket-page-note');

/** Where panels say how an action went when the action may remove the panel itself (resolve, close). */
export function providePageNote(say: (message: string) => void): void {
  provide(PAGE_NOTE, say);
}

/**
 * Runs the actions of one panel of the ticket page and says how they went: a stale version
 * offers to reload, a refused escalation shows the rules' own message (written in French for
 * the people concerned; translated when the engine composed it), anything else the translated
 * text of its code.
 */
export function useTicketAction(ticketId: () => number, { onPage = false } = {}) {
  const store = useTicketsStore();
  // Taken now, while the panel is alive: the success may unmount it before `run` resumes.
  const sayOnPage = onPage ? inject(PAGE_NOTE, undefined) : undefined;
  const { errorText, issueText } = useErrorText();
  const { refusalText } = useRoutingReason();
  const busy = ref(false);
  const error = ref<string>();
  const conflict = ref(false);
  /** The server's reason for refusing an escalation, shown as it is. */
  const refusal = ref<string>();
  const outcome = ref('');

  function clear(): void {
    error.value = undefined;
    refusal.value = undefined;
    conflict.value = false;
    outcome.value = '';
  }

  /** `true` when it worked; `done` is the sentence announced then. */
  async function run(action: TicketAction | (() => Promise<unknown>), done: string): Promise<boolean> {
    if (busy.value) return false;
    clear();
    busy.value = true;
    try {
      await (typeof action === 'function' ? action() : store.act(ticketId(), action));
      outcome.value = done;
      sayOnPage?.(done);
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'ESCALATION_REFUSED' && caught.detail) {
        refusal.value = refusalText(caught.detail);
      } else {
        conflict.value = caught instanceof ApiError && caught.code === 'VERSION_CONFLICT';
        error.value = errorText(caught);
        if (caught instanceof ApiError && caught.errors.length > 0) error.value += ` ${caught.errors.map(issueText).join(' ')}`;
      }
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function reload(): Promise<void> {
    await store.loadTicket(ticketId());
    clear();
  }

  return { busy, error, conflict, refusal, outcome, run, reload, clear };
}
