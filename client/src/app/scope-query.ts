import type { LocationQuery } from 'vue-router';
import { queryPositiveInt } from './route-query';

/** Where the dashboard and the reports look: one organisation, or everything the reader sees. */
export type DashboardScopeQuery = { academyId?: number; communeId?: number; circonscriptionId?: number };

export const SCOPE_PARAMS = { academy: 'academie', commune: 'commune', circonscription: 'circonscription' } as const;
export type ScopeOrganisation = keyof typeof SCOPE_PARAMS;

/** A scope as one select value, `commune:12`; `''` is the reader's whole scope. */
export function scopeValue(scope: DashboardScopeQuery): string {
  if (scope.academyId) return `academy:${scope.academyId}`;
  if (scope.communeId) return `commune:${scope.communeId}`;
  if (scope.circonscriptionId) return `circonscription:${scope.circonscriptionId}`;
  return '';
}

export function parseScopeValue(value: string): { kind: ScopeOrganisation; id: number } | null {
  const match = /^(academy|commune|circonscription):(\d+)$/.exec(value);
  return match ? { kind: match[1] as ScopeOrganisation, id: Number(match[2]) } : null;
}

export function scopeQuery(scope: { kind: ScopeOrganisation; id: number } | null): DashboardScopeQuery {
  if (!scope) return {};
  if (scope.kind === 'academy') return { academyId: scope.id };
  if (scope.kind === 'commune') return { communeId: scope.id };
  return { circonscriptionId: scope.id };
}

/** The organisation in the URL (`?commune=12`); the first one when a hand-edited URL names several. */
export function scopeFromQuery(query: LocationQuery): DashboardScopeQuery {
  for (const kind of Object.keys(SCOPE_PARAMS) as ScopeOrganisation[]) {
    const id = queryPositiveInt(query[SCOPE_PARAMS[kind]]);
    if (id) return scopeQuery({ kind, id });
  }
  return {};
}

/** The URL parameters of a scope (`{ commune: '12' }`); none for the reader's whole scope. */
export function scopeToQuery(scope: DashboardScopeQuery): Record<string, string> {
  const query: Record<string, string> = {};
  if (scope.academyId) query[SCOPE_PARAMS.academy] = String(scope.academyId);
  if (scope.communeId) query[SCOPE_PARAMS.commune] = String(scope.communeId);
  if (scope.circonscriptionId) query[SCOPE_PARAMS.circonscription] = String(scope.circonscriptionId);
  return query;
}
