/**
 * Live events sent to browsers over Socket.IO, each only to sockets allowed to see the record
 * (a teacher gets only their own tickets). Payloads carry ids and what changed; clients reload
 * the record through the API, which applies the same scopes.
 */
export interface LiveEvents {
  'ticket:created': { ticketId: number; reference: string };
  'ticket:updated': { ticketId: number; reference: string; status: string; level: number; version: number };
  'ticket:commented': { ticketId: number; reference: string; internal: boolean };
  'equipment:updated': { equipmentId: number; status: string; version: number };
  /**
   * A routing rule was created, changed or deleted: a commune's (`communeId`), for those who work
   * that commune's tickets, or a global one (`communeId: null`), for everyone who works tickets.
   */
  'routing-rules:changed': { communeId: number | null; ruleId: number };
  /** A commune's ticket settings were saved (now at `version`), for those who work its tickets. */
  'ticket-settings:changed': { communeId: number; version: number };
}
export type LiveEventName = keyof LiveEvents;
export const LIVE_EVENT_NAMES: readonly LiveEventName[] = ['ticket:created', 'ticket:updated', 'ticket:commented', 'equipment:updated', 'routing-rules:changed', 'ticket-settings:changed'];
