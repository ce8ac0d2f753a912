import type { PAGE_SIZE_MAX, Page } from '@preau/shared';

// The server's largest page. Typed by the shared constant, so a change there fails the type check
// here, without loading shared code (and zod) at runtime.
export const LARGEST_PAGE: typeof PAGE_SIZE_MAX = 500;

/** Every item of a paged list, page after page, for lists a screen shows whole. */
export async function fetchAllPages<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const result = await fetchPage(page, LARGEST_PAGE);
    items.push(...result.items);
    if (result.items.length === 0 || items.length >= result.total) return items;
  }
}
