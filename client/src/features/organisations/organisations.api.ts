import type { Circonscription, Page } from '@preau/shared';
import { http } from '../../api/http';
import { fetchAllPages } from '../../api/pages';

export function listAllCirconscriptions(): Promise<Circonscription[]> {
  return fetchAllPages((page, pageSize) => http.get<Page<Circonscription>>('/circonscriptions', { query: { page, pageSize } }));
}
