import type { AuditEntry, AuditQuery, Page } from '@preau/shared';
import { http } from '../../api/http';

export type AuditFilters = Partial<Pick<AuditQuery, 'action' | 'page' | 'pageSize'>>;

export function listAudit(filters: AuditFilters, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/audit', { query: filters, signal });
}
