import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { Equipment, EquipmentDetail, EquipmentEvent, EquipmentStatus, EquipmentUpdate } from '@preau/shared';
import {
  getEquipment,
  getEquipmentHistory,
  listAllSchoolEquipment,
  listAllSchoolTrolleys,
  listEquipment,
  updateEquipment,
  type EquipmentFilters,
} from './equipment.api';

interface ListedPage {
  ids: number[];
  total: number;
  page: number;
  pageSize: number;
}

export const useEquipmentStore = defineStore('equipment', () => {
  const byId = ref<Record<number, EquipmentDetail>>({});
  const historyById = ref<Record<number, EquipmentEvent[]>>({});
  const bySchoolId = ref<Record<number, Equipment[]>>({});
  const trolleysBySchoolId = ref<Record<number, Equipment[]>>({});
  /** The finder's current page of results; list rows, not details, so kept apart from `byId`. */
  const found = ref<Record<number, Equipment>>({});
  const listed = ref<ListedPage | null>(null);
  let searchRequest: AbortController | null = null;

  const listedItems = computed(() => listed.value?.ids.map((id) => found.value[id]!) ?? []);

  async function loadItem(id: number): Promise<EquipmentDetail> {
    const item = await getEquipment(id);
    byId.value[id] = item;
    return item;
  }

  async function loadHistory(id: number): Promise<EquipmentEvent[]> {
    const events = await getEquipmentHistory(id);
    historyById.value[id] = events;
    return events;
  }

  async function loadSchoolEquipment(schoolId: number): Promise<Equipment[]> {
    const items = await listAllSchoolEquipment(schoolId);
    bySchoolId.value[schoolId] = items;
    return items;
  }

  async function loadSchoolTrolleys(schoolId: number): Promise<Equipment[]> {
    const trolleys = await listAllSchoolTrolleys(schoolId);
    trolleysBySchoolId.value[schoolId] = trolleys;
    return trolleys;
  }

  /** One page of search results; a newer search cancels an older one still running (typing). */
  async function search(filters: EquipmentFilters): Promise<void> {
    searchRequest?.abort();
    const request = (searchRequest = new AbortController());
    const page = await listEquipment(filters, request.signal);
    for (const item of page.items) found.value[item.id] = item;
    listed.value = { ids: page.items.map((item) => item.id), total: page.total, page: page.page, pageSize: page.pageSize };
  }

  function clearSearch(): void {
    searchRequest?.abort();
    listed.value = null;
  }

  /** The item whose asset tag is exactly `tag` (as typed or scanned), or null. */
  async function findByAssetTag(tag: string): Promise<Equipment | null> {
    const wanted = tag.trim().toUpperCase();
    if (!wanted) return null;
    const page = await listEquipment({ q: wanted, pageSize: 10, includeRetired: true });
    return page.items.find((item) => item.assetTag.toUpperCase() === wanted) ?? null;
  }

  /** Sends the version this screen read, so a change made meanwhile by someone else is refused, not overwritten. */
  async function update(id: number, changes: Omit<EquipmentUpdate, 'version'>): Promise<EquipmentDetail> {
    const current = byId.value[id];
    if (!current) throw new Error(`Equipment ${id} is not loaded`);
    const updated = await updateEquipment(id, { ...changes, version: current.version });
    byId.value[id] = updated;
    await loadHistory(id);
    return updated;
  }

  const changeStatus = (id: number, status: EquipmentStatus) => update(id, { status });

  return {
    byId,
    historyById,
    bySchoolId,
    trolleysBySchoolId,
    listed,
    listedItems,
    loadItem,
    loadHistory,
    loadSchoolEquipment,
    loadSchoolTrolleys,
    search,
    clearSearch,
    findByAssetTag,
    update,
    changeStatus,
  };
});
