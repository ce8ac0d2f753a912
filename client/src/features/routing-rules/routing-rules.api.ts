import type { RoutingDecision, RoutingPreview, RoutingRuleInput, RoutingRuleRecord, RoutingRuleUpdate } from '@preau/shared';
import { http } from '../../api/http';

/** The rules a ticket of the commune meets, in the order they are tried: the commune's, then the global ones. */
export async function listRoutingRules(communeId: number): Promise<RoutingRuleRecord[]> {
  return (await http.get<{ items: RoutingRuleRecord[] }>('/routing-rules', { query: { communeId } })).items;
}

export function createRoutingRule(rule: RoutingRuleInput): Promise<RoutingRuleRecord> {
  return http.post<RoutingRuleRecord>('/routing-rules', rule);
}

export function updateRoutingRule(id: number, changes: RoutingRuleUpdate): Promise<RoutingRuleRecord> {
  return http.patch<RoutingRuleRecord>(`/routing-rules/${id}`, changes);
}

export function deleteRoutingRule(id: number): Promise<void> {
  return http.delete(`/routing-rules/${id}`);
}

/** What the rules in force decide for such a ticket; nothing is filed. */
export function previewRouting(ticket: RoutingPreview): Promise<RoutingDecision> {
  return http.post<RoutingDecision>('/routing-rules/preview', ticket);
}
