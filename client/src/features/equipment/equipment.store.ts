import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { Equipment, EquipmentDetail, EquipmentEvent, EquipmentStatus } from '@preau/shared';
import { getEquipment, getEquipmentHistory, listAllSchoolEquipment, updateEquipment } from './equipment.api';

export const useEquipmentStore = defineStore('equipment', () => {
  const byId = ref<Record<number, EquipmentDetail>>({});
  const historyById = ref<Record<number, EquipmentEvent[]>>({});
  const bySchoolId = ref<Record<number, Equipment[]>>({});

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

  /** Sends the version this screen read, so a change made meanwhile by someone else is refused, not overwritten. */
  async function changeStatus(id: number, status: EquipmentStatus): Promise<EquipmentDetail> {
    const current = byId.value[id];
    if (!current) throw new Error(`Equipment ${id} is not loaded`);
    const updated = await updateEquipment(id, { version: current.version, status });
    byId.value[id] = updated;
    await loadHistory(id);
    return updated;
  }

  return { byId, historyById, bySchoolId, loadItem, loadHistory, loadSchoolEquipment, changeStatus };
});
