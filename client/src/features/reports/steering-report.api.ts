import type { SteeringReport } from '@preau/shared';
import { apiUrl, http } from '../../api/http';
import type { DashboardScopeQuery } from '../../app/scope-query';
import type { PeriodQuery } from './report-period';

export type SteeringReportParams = PeriodQuery & DashboardScopeQuery;

export function getSteeringReport(params: SteeringReportParams, signal?: AbortSignal): Promise<SteeringReport> {
  return http.get<SteeringReport>('/reports/steering', { query: params, signal });
}

/** The address of a download: the browser fetches it with the session cookie and saves it under the server's file name. */
export function steeringReportFileUrl(format: 'csv' | 'xlsx' | 'pdf', params: SteeringReportParams): string {
  return apiUrl(`/reports/steering.${format}`, params);
}
