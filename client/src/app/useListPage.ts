import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { debounce } from '../ui/debounce';
import { useLoad } from '../ui/useLoad';
import { queryText } from './route-query';

const SEARCH_DELAY_MS = 300;

/**
 * A paged list whose filters live in the URL, so a search can be bookmarked, shared and
 * reached with Back. `readFilters` reads them from the query; the page loads whenever they change.
 */
export function useListPage<F extends { page: number; q?: string }>(
  readFilters: (query: LocationQuery) => F,
  loadPage: (filters: F) => Promise<void>,
) {
  const route = useRoute();
  const router = useRouter();
  const filters = computed(() => readFilters(route.query));

  function withQuery(changes: LocationQuery): { query: LocationQuery } {
    const query: LocationQuery = { ...route.query, ...changes };
    for (const key of Object.keys(query)) if (query[key] == null || query[key] === '') delete query[key];
    return { query };
  }

  /**
   * A form field bound to one query parameter: a change goes to the URL, back on the first page;
   * Back and Forward change the URL under the form, and the field follows.
   */
  function filterField<T>(param: string, read: (filters: F) => T, write: (value: T) => string | null): Ref<T> {
    const field = ref(read(filters.value)) as Ref<T>;
    watch(field, (value) => {
      if (value === read(filters.value)) return;
      void router.push(withQuery({ [param]: write(value), page: null }));
    });
    watch(filters, (current) => (field.value = read(current)));
    return field;
  }

  /** The search box of the `q` parameter: the URL follows the typing once it pauses, replacing the entry. */
  function searchField() {
    const text = ref(filters.value.q ?? '');
    const replaceSearch = (typed: string) => void router.replace(withQuery({ q: queryText(typed) ?? null, page: null }));
    const applySearch = debounce(SEARCH_DELAY_MS, (typed: string) => {
      if ((queryText(typed) ?? '') !== (filters.value.q ?? '')) replaceSearch(typed);
    });
    watch(text, (typed) => applySearch(typed));
    onBeforeUnmount(() => applySearch.cancel());
    watch(filters, ({ q }) => {
      if ((queryText(text.value) ?? '') !== (q ?? '')) text.value = q ?? '';
    });

    function searchNow(): void {
      applySearch.cancel();
      replaceSearch(text.value);
    }
    return { text, searchNow };
  }

  const { state, error, load } = useLoad(() => loadPage(filters.value));
  watch(() => JSON.stringify(filters.value), load, { immediate: true });

  const pageLink = (page: number) => withQuery({ page: page > 1 ? String(page) : null });

  return { filters, state, error, load, pageLink, filterField, searchField };
}
