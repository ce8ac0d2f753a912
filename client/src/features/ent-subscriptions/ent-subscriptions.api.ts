import type { EntSubscriptionList, EntSubscriptionsPut, Page, SchoolView } from '@preau/shared';
import { http } from '../../api/http';
import { fetchAllPages } from '../../api/pages';

export function listEntSubscriptions(schoolYear: number, communeId: number, signal?: AbortSignal): Promise<EntSubscriptionList> {
  return http.get<EntSubscriptionList>('/ent-subscriptions', { query: { schoolYear, communeId }, signal });
}

/** Sets the commune's subscribed schools for the year; those left out are unsubscribed. */
export function replaceEntSubscriptions(communeId: number, schoolYear: number, body: EntSubscriptionsPut): Promise<EntSubscriptionList> {
  return http.put<EntSubscriptionList>(`/communes/${communeId}/ent-subscriptions/${schoolYear}`, body);
}

/** The commune's open schools, to tick. */
export function listCommuneSchools(communeId: number): Promise<SchoolView[]> {
  return fetchAllPages((page, pageSize) => http.get<Page<SchoolView>>('/schools', { query: { communeId, page, pageSize, sort: 'name' } }));
}
