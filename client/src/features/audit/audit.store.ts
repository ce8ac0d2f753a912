import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { AuditEntry, Page } from '@preau/shared';
import { listAudit, type AuditFilters } from './audit.api';

export const useAuditStore = defineStore('audit', () => {
  const listed = ref<Page<AuditEntry> | null>(null);
  let listRequest: AbortController | null = null;

  /** Loads one page of the log; a newer call cancels an older one still running. */
  async function loadList(filters: AuditFilters): Promise<void> {
    listRequest?.abort();
    const request = (listRequest = new AbortController());
    listed.value = await listAudit(filters, request.signal);
  }

  return { listed, loadList };
});
