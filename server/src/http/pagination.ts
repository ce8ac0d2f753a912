import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page } from '@preau/shared';

/** Runs a list query for one page and the total count of matches. */
export async function pageOf<E extends ObjectLiteral, V>(
  qb: SelectQueryBuilder<E>,
  page: { page: number; pageSize: number },
  toView: (entities: E[]) => V[] | Promise<V[]>,
): Promise<Page<V>> {
  const [entities, total] = await qb
    .skip((page.page - 1) * page.pageSize)
    .take(page.pageSize)
    .getManyAndCount();
  return { items: await toView(entities), total, page: page.page, pageSize: page.pageSize };
}
