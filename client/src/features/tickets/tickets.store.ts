import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { Ticket, TicketAttachment, TicketCreate, TicketDetail } from '@preau/shared';
import {
  addComment,
  createTicket,
  getTicket,
  listAttachments,
  listTickets,
  runTicketAction,
  uploadPhoto,
  type TicketAction,
  type TicketFilters,
} from './tickets.api';

/** The lists the screens show: the staff queue and the signed-in user's own reports. */
export type TicketListName = 'queue' | 'mine';

interface ListedPage {
  ids: number[];
  total: number;
  page: number;
  pageSize: number;
}

export const useTicketsStore = defineStore('tickets', () => {
  const byId = ref<Record<number, TicketDetail>>({});
  /** Tickets as lists give them (no timeline). */
  const summaryById = ref<Record<number, Ticket>>({});
  const attachmentsById = ref<Record<number, TicketAttachment[]>>({});
  const lists = ref<Partial<Record<TicketListName, ListedPage>>>({});
  const requests: Partial<Record<TicketListName, AbortController>> = {};

  /** One page of a list; a newer call for the same list cancels an older one still running. */
  async function loadList(name: TicketListName, filters: TicketFilters): Promise<Ticket[]> {
    requests[name]?.abort();
    const request = (requests[name] = new AbortController());
    const page = await listTickets(filters, request.signal);
    for (const ticket of page.items) summaryById.value[ticket.id] = ticket;
    lists.value[name] = { ids: page.items.map((ticket) => ticket.id), total: page.total, page: page.page, pageSize: page.pageSize };
    return page.items;
  }

  function listed(name: TicketListName): Ticket[] {
    return lists.value[name]?.ids.map((id) => summaryById.value[id]!) ?? [];
  }

  function keep(ticket: TicketDetail): TicketDetail {
    byId.value[ticket.id] = ticket;
    summaryById.value[ticket.id] = ticket;
    return ticket;
  }

  async function loadTicket(id: number): Promise<TicketDetail> {
    return keep(await getTicket(id));
  }

  async function loadAttachments(id: number): Promise<TicketAttachment[]> {
    const attachments = await listAttachments(id);
    attachmentsById.value[id] = attachments;
    return attachments;
  }

  async function report(input: TicketCreate, idempotencyKey: string): Promise<TicketDetail> {
    return keep(await createTicket(input, idempotencyKey));
  }

  /** Sends the version this screen read, so a change made meanwhile by someone else is refused, not overwritten. */
  async function act(id: number, action: TicketAction): Promise<TicketDetail> {
    const current = byId.value[id];
    if (!current) throw new Error(`Ticket ${id} is not loaded`);
    return keep(await runTicketAction(id, current.version, action));
  }

  async function comment(id: number, body: string, internal: boolean): Promise<TicketDetail> {
    return keep(await addComment(id, body, internal));
  }

  async function attachPhoto(id: number, file: File): Promise<TicketAttachment> {
    const attachment = await uploadPhoto(id, file);
    attachmentsById.value[id] = [...(attachmentsById.value[id] ?? []), attachment];
    return attachment;
  }

  return {
    byId,
    summaryById,
    attachmentsById,
    lists,
    loadList,
    listed,
    loadTicket,
    loadAttachments,
    report,
    act,
    comment,
    attachPhoto,
  };
});
