import { ref, shallowRef } from 'vue';
import { useErrorText } from './useErrorText';

/**
 * An action on one item that waits for the user's yes in a `ConfirmDialog`. `run` does it; the dialog
 * then closes and `done` follows (say what happened, put the focus back). A failure is said in the dialog.
 */
export function useConfirmedAction<T>(run: (item: T) => Promise<unknown>, done: (item: T) => void | Promise<void>) {
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
      await run(item);
      pending.value = null;
      await done(item);
    } catch (caught) {
      error.value = errorText(caught);
    } finally {
      busy.value = false;
    }
  }

  return { pending, busy, error, ask, cancel, confirm };
}
