import type { Page, Room, RoomCreate, RoomUpdate, SCHOOL_SORT_FIELDS, SchoolListQuery, SchoolView } from '@preau/shared';
import { http } from '../../api/http';
import { fetchAllPages } from '../../api/pages';

type SchoolSort = `${'' | '-'}${(typeof SCHOOL_SORT_FIELDS)[number]}`;

export type SchoolFilters = Partial<
  Pick<SchoolListQuery, 'q' | 'communeId' | 'circonscriptionId' | 'type' | 'page' | 'pageSize'>
> & { sort?: SchoolSort };

export function listSchools(filters: SchoolFilters, signal?: AbortSignal): Promise<Page<SchoolView>> {
  return http.get<Page<SchoolView>>('/schools', { query: filters, signal });
}

/** Every school of a commune the reader may see, by name. */
export function listCommuneSchools(communeId: number, signal?: AbortSignal): Promise<SchoolView[]> {
  return fetchAllPages((page, pageSize) => listSchools({ communeId, page, pageSize, sort: 'name' }, signal));
}

export function getSchool(id: number): Promise<SchoolView> {
  return http.get<SchoolView>(`/schools/${id}`);
}

export function listAllRooms(schoolId: number): Promise<Room[]> {
  return fetchAllPages((page, pageSize) => http.get<Page<Room>>('/rooms', { query: { schoolId, page, pageSize } }));
}

export function createRoom(room: RoomCreate): Promise<Room> {
  return http.post<Room>('/rooms', room);
}

export function updateRoom(id: number, changes: RoomUpdate): Promise<Room> {
  return http.patch<Room>(`/rooms/${id}`, changes);
}
