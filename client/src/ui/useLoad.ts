import { ref, shallowRef } from 'vue';
import { isAbortError } from '../api/http';

export type LoadState = 'loading' | 'ready' | 'error';

/**
 * Runs a loading task and tracks its state for `LoadStatus`. When a newer run starts
 * before an older one ends, only the newer one decides the state.
 */
export function useLoad(task: () => Promise<void>) {
  const state = ref<LoadState>('loading');
  const error = shallowRef<unknown>(null);
  let latest = 0;

  async function load(): Promise<void> {
    const run = ++latest;
    state.value = 'loading';
    error.value = null;
    try {
      await task();
      if (run === latest) state.value = 'ready';
    } catch (caught) {
      if (run !== latest || isAbortError(caught)) return;
      error.value = caught;
      state.value = 'error';
    }
  }

  return { state, error, load };
}
