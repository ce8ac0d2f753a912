import type { FLEET_SCHOOL_SORT_FIELDS, FleetDashboard } from '@preau/shared';
import { http } from '../../api/http';
import type { DashboardScopeQuery } from '../../app/scope-query';

export type FleetSchoolSortField = (typeof FLEET_SCHOOL_SORT_FIELDS)[number];
export type FleetSchoolSort = `${'' | '-'}${FleetSchoolSortField}`;

export type FleetDashboardFilters = DashboardScopeQuery & { q?: string; sort?: FleetSchoolSort; page?: number; pageSize?: number };

export function getFleetDashboard(filters: FleetDashboardFilters, signal?: AbortSignal): Promise<FleetDashboard> {
  return http.get<FleetDashboard>('/dashboard/fleet', { query: filters, signal });
}
