import type { CommuneTicketSettingsInput, CommuneTicketSettingsView, TicketConfigCommunes } from '@preau/shared';
import { http } from '../../api/http';

/** The communes whose ticket configuration the reader opens, by name, with those they may change. */
export function listConfigCommunes(): Promise<TicketConfigCommunes> {
  return http.get<TicketConfigCommunes>('/ticket-settings/communes');
}

/** The settings in force (the defaults while `stored` is false) and the académie's calendar hints. */
export function getTicketSettings(communeId: number): Promise<CommuneTicketSettingsView> {
  return http.get<CommuneTicketSettingsView>(`/communes/${communeId}/ticket-settings`);
}

/**
 * Replaces the settings whole (a field left out takes its default), over `version` only: a 409
 * when someone saved meanwhile. Answers what is then in force.
 */
export function putTicketSettings(communeId: number, settings: CommuneTicketSettingsInput, version: number): Promise<CommuneTicketSettingsView> {
  return http.put<CommuneTicketSettingsView>(`/communes/${communeId}/ticket-settings`, { ...settings, version });
}
