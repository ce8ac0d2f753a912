import type {
  EQUIPMENT_SORT_FIELDS,
  Equipment,
  EquipmentDetail,
  EquipmentEvent,
  EquipmentListQuery,
  EquipmentUpdate,
  Page,
} from '@preau/shared';
import { apiUrl, http } from '../../api/http';
import { fetchAllPages } from '../../api/pages';

type EquipmentSort = `${'' | '-'}${(typeof EQUIPMENT_SORT_FIELDS)[number]}`;

export type EquipmentFilters = Partial<
  Pick<
    EquipmentListQuery,
    'schoolId' | 'communeId' | 'roomId' | 'containerId' | 'kind' | 'status' | 'funding' | 'q' | 'includeRetired' | 'page' | 'pageSize'
  >
> & { sort?: EquipmentSort };

export function listEquipment(filters: EquipmentFilters, signal?: AbortSignal): Promise<Page<Equipment>> {
  return http.get<Page<Equipment>>('/equipment', { query: filters, signal });
}

/** All of a school's equipment except retired items, trolley contents included. */
export function listAllSchoolEquipment(schoolId: number): Promise<Equipment[]> {
  return fetchAllPages((page, pageSize) => listEquipment({ schoolId, page, pageSize }));
}

/** The trolleys of a school, where its items can be put away. */
export function listAllSchoolTrolleys(schoolId: number): Promise<Equipment[]> {
  return fetchAllPages((page, pageSize) => listEquipment({ schoolId, kind: 'trolley', page, pageSize }));
}

export function getEquipment(id: number): Promise<EquipmentDetail> {
  return http.get<EquipmentDetail>(`/equipment/${id}`);
}

export function getEquipmentHistory(id: number): Promise<EquipmentEvent[]> {
  return http.get<EquipmentEvent[]>(`/equipment/${id}/history`);
}

export function updateEquipment(id: number, changes: EquipmentUpdate): Promise<EquipmentDetail> {
  return http.patch<EquipmentDetail>(`/equipment/${id}`, changes);
}

export function equipmentExportUrl(schoolId: number): string {
  return apiUrl('/equipment/export.csv', { schoolId });
}
