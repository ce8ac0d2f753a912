import type { EntSubscriptionList, EntSubscriptionsPut, SchoolView } from '@preau/shared';
import { http } from '../../api/http';
import { fetchAllPages } from '../../api/pages';
import { listSchools } from '../schools/schools.api';

export function listEntSubscriptions(schoolYear: number, communeId: number, signal?: AbortSignal): Promise<EntSubscriptionList> {
  return http.get<EntSubscriptionList>('/ent-subscriptions', { query: { schoolYear, communeId }, signal });
}

/** Sets the commune's subscribed schools for the year; those left out are unsubscribed. */
export function replaceEntSubscriptions(communeId: number, schoolYear: number, body: EntSubscriptionsPut): Promise<EntSubscriptionList> {
  return http.put<EntSubscriptionList>(`/communes/${communeId}/ent-subscriptions/${schoolYear}`, body);
}

/** The commune's open schools, to tick. */
export function listCommuneSchools(communeId: number): Promise<SchoolView[]> {
  return fetchAllPages((page, pageSize) => listSchools({ communeId, sort: 'name', page, pageSize }));
}
