import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { Room, RoomCreate, RoomUpdate, SchoolView } from '@preau/shared';
import { createRoom, getSchool, listAllRooms, listSchools, updateRoom, type SchoolFilters } from './schools.api';

interface ListedPage {
  ids: number[];
  total: number;
  page: number;
  pageSize: number;
}

export const useSchoolsStore = defineStore('schools', () => {
  const byId = ref<Record<number, SchoolView>>({});
  const roomsBySchoolId = ref<Record<number, Room[]>>({});
  const listed = ref<ListedPage | null>(null);
  let listRequest: AbortController | null = null;

  const listedSchools = computed(() => listed.value?.ids.map((id) => byId.value[id]!) ?? []);

  /** Loads one page of the list; a newer call cancels an older one still running (typing in the search). */
  async function loadList(filters: SchoolFilters): Promise<void> {
    listRequest?.abort();
    const request = (listRequest = new AbortController());
    const page = await listSchools(filters, request.signal);
    for (const school of page.items) byId.value[school.id] = school;
    listed.value = { ids: page.items.map((school) => school.id), total: page.total, page: page.page, pageSize: page.pageSize };
  }

  async function loadSchool(id: number): Promise<SchoolView> {
    const school = await getSchool(id);
    byId.value[id] = school;
    return school;
  }

  async function loadRooms(schoolId: number): Promise<Room[]> {
    const rooms = await listAllRooms(schoolId);
    roomsBySchoolId.value[schoolId] = rooms;
    return rooms;
  }

  // The school's list follows a saved room, in the server's order (name, then id).
  function keepRoom(saved: Room): Room {
    const others = (roomsBySchoolId.value[saved.schoolId] ?? []).filter((one) => one.id !== saved.id);
    roomsBySchoolId.value[saved.schoolId] = [...others, saved].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
    return saved;
  }

  const addRoom = async (room: RoomCreate): Promise<Room> => keepRoom(await createRoom(room));
  const changeRoom = async (id: number, changes: RoomUpdate): Promise<Room> => keepRoom(await updateRoom(id, changes));

  return { byId, roomsBySchoolId, listed, listedSchools, loadList, loadSchool, loadRooms, addRoom, changeRoom };
});
