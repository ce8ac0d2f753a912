import type { Academy, Circonscription, Commune, Page, SchoolView } from '@preau/shared';
import { http } from '../../api/http';
import { fetchAllPages } from '../../api/pages';

export function listAllCirconscriptions(): Promise<Circonscription[]> {
  return fetchAllPages((page, pageSize) => http.get<Page<Circonscription>>('/circonscriptions', { query: { page, pageSize } }));
}

export function listAllCommunes(): Promise<Commune[]> {
  return fetchAllPages((page, pageSize) => http.get<Page<Commune>>('/communes', { query: { page, pageSize } }));
}

export function listAllAcademies(): Promise<Academy[]> {
  return fetchAllPages((page, pageSize) => http.get<Page<Academy>>('/academies', { query: { page, pageSize } }));
}

/** Schools as organisations (to attach people to), sorted by name; the server lists only those the reader may see. */
export function listAllSchools(): Promise<SchoolView[]> {
  return fetchAllPages((page, pageSize) => http.get<Page<SchoolView>>('/schools', { query: { page, pageSize, sort: 'name' } }));
}
