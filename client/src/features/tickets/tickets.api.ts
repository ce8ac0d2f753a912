import type {
  OpenReport,
  EquipmentStatus,
  GroupKind,
  HandoverGroup,
  HandoverGroupKind,
  Page,
  Priority,
  SupportLevel,
  TICKET_SORT_FIELDS,
  Ticket,
  TicketAssignee,
  TicketAttachment,
  TicketCategory,
  TicketCreate,
  TicketDetail,
  TicketStatus,
} from '@preau/shared';
import { http } from '../../api/http';

type TicketSort = `${'' | '-'}${(typeof TICKET_SORT_FIELDS)[number]}`;

export interface TicketFilters {
  status?: readonly TicketStatus[];
  level?: SupportLevel;
  group?: GroupKind;
  schoolId?: number;
  equipmentId?: number;
  category?: TicketCategory;
  priority?: Priority;
  breached?: boolean;
  mine?: boolean;
  q?: string;
  sort?: TicketSort;
  page?: number;
  pageSize?: number;
}

export function listTickets(filters: TicketFilters, signal?: AbortSignal): Promise<Page<Ticket>> {
  return http.get<Page<Ticket>>('/tickets', { query: { ...filters }, signal });
}

/** Open reports on the same item or service, to follow one instead of filing it again. */
export function listOpenReports(query: { schoolId: number; equipmentId?: number; category?: TicketCategory }, signal?: AbortSignal): Promise<OpenReport[]> {
  return http.get<OpenReport[]>('/tickets/open-reports', { query: { ...query }, signal });
}

export function followTicket(id: number): Promise<TicketDetail> {
  return http.post<TicketDetail>(`/tickets/${id}/follow`, {});
}

export function unfollowTicket(id: number): Promise<void> {
  return http.delete(`/tickets/${id}/follow`);
}

export function getTicket(id: number): Promise<TicketDetail> {
  return http.get<TicketDetail>(`/tickets/${id}`);
}

/** The key makes a retry of the same submission (a lost answer, a double tap) return the first ticket instead of filing two. */
export function createTicket(report: TicketCreate, idempotencyKey: string): Promise<TicketDetail> {
  return http.post<TicketDetail>('/tickets', report, { headers: { 'Idempotency-Key': idempotencyKey } });
}

/** Each action sends the version the screen read; the server answers the ticket as it now stands. */
export type TicketAction =
  | { kind: 'escalate'; note: string }
  | { kind: 'deescalate'; note: string }
  | { kind: 'assign'; assigneeId: number | null }
  | { kind: 'status'; status: 'in_progress' | 'waiting'; note?: string }
  | { kind: 'resolve'; resolution: string; equipmentStatus?: Extract<EquipmentStatus, 'in_service' | 'in_repair' | 'broken' | 'retired'> }
  | { kind: 'reopen'; reason: string }
  | { kind: 'close'; rating?: number | null; comment?: string | null }
  | { kind: 'approve'; note?: string | null }
  | { kind: 'recategorize'; category: TicketCategory; note?: string | null }
  | { kind: 'reassign'; groupKind: HandoverGroupKind; organisationId: number; note: string }
  | { kind: 'answer'; answer: string };

export function runTicketAction(id: number, version: number, { kind, ...fields }: TicketAction): Promise<TicketDetail> {
  return http.post<TicketDetail>(`/tickets/${id}/${kind}`, { version, ...fields });
}

/** For the holding group: the colleagues it may assign the ticket to. */
export function listAssignees(id: number, signal?: AbortSignal): Promise<TicketAssignee[]> {
  return http.get<TicketAssignee[]>(`/tickets/${id}/assignees`, { signal });
}

/** For the holding group: the other groups serving the school, to hand the ticket to. */
export function listHandoverGroups(id: number, signal?: AbortSignal): Promise<HandoverGroup[]> {
  return http.get<HandoverGroup[]>(`/tickets/${id}/handover-groups`, { signal });
}

export function addComment(id: number, body: string, internal: boolean): Promise<TicketDetail> {
  return http.post<TicketDetail>(`/tickets/${id}/comments`, { body, internal });
}

export function listAttachments(id: number): Promise<TicketAttachment[]> {
  return http.get<TicketAttachment[]>(`/tickets/${id}/attachments`);
}

export function uploadPhoto(id: number, file: File): Promise<TicketAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.post<TicketAttachment>(`/tickets/${id}/attachments`, form);
}

/**
 * A fresh key per report. `crypto.randomUUID` exists only in secure contexts; a school's
 * intranet may serve Préau over plain HTTP, where random bytes do the same job.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
