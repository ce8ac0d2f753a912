import { ref, shallowRef } from 'vue';
import { ApiError } from '../api/http';
import { useErrorText } from './useErrorText';

export interface ConfirmedActionOptions<T> {
  /**
   * For a removal: the server answered 404, someone removed the item meanwhile. What was asked is
   * done; `gone` forgets the item locally, then `done` follows as after a success.
   */
  gone?: (item: T) => void | Promise<void>;
}

/**
 * An action on one item that waits for the user's yes in a `ConfirmDialog`. `run` does it; the dialog
 * then closes and `done` follows (say what happened, put the focus back). A failure is said in the dialog.
 */
export function useConfirmedAction<T>(
  run: (item: T) => Promise<unknown>,
  done: (item: T) => void | Promise<void>,
  options: ConfirmedActionOptions<T> = {},
) {
  const { errorText } = useErrorText();
  const pending = shallowRef<T | null>(null);
  const busy = ref(false);
  const error = ref<string>();

  function ask(item: T): void {
    error.value = undefined;
    pending.value = item;
  }

  function cancel(): void {
    pending.value = null;
  }

  async function confirm(): Promise<void> {
    const item = pending.value;
    if (item === null || busy.value) return;
    busy.value = true;
    try {
      await runOrForget(item);
      pending.value = null;
      await done(item);
    } catch (caught) {
      error.value = errorText(caught);
    } finally {
      busy.value = false;
    }
  }

  async function runOrForget(item: T): Promise<void> {
    try {
      await run(item);
    } catch (caught) {
      if (!options.gone || !(caught instanceof ApiError && caught.status === 404)) throw caught;
      await options.gone(item);
    }
  }

  return { pending, busy, error, ask, cancel, confirm };
}
