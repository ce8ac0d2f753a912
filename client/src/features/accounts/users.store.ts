import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { MembershipCreate, User, UserCreate, UserUpdate } from '@preau/shared';
import { addMembership, createUser, getUser, listUsers, removeMembership, updateUser, type UserFilters } from './users.api';

interface ListedPage {
  ids: number[];
  total: number;
  page: number;
  pageSize: number;
}

export const useUsersStore = defineStore('users', () => {
  const byId = ref<Record<number, User>>({});
  const listed = ref<ListedPage | null>(null);
  /** The account this visit just created, so its page can say so. */
  const justCreatedId = ref<number | null>(null);
  let listRequest: AbortController | null = null;

  const listedUsers = computed(() => listed.value?.ids.map((id) => byId.value[id]!) ?? []);

  /** Loads one page of the list; a newer call cancels an older one still running (typing in the search). */
  async function loadList(filters: UserFilters): Promise<void> {
    listRequest?.abort();
    const request = (listRequest = new AbortController());
    const page = await listUsers(filters, request.signal);
    for (const user of page.items) byId.value[user.id] = user;
    listed.value = { ids: page.items.map((user) => user.id), total: page.total, page: page.page, pageSize: page.pageSize };
  }

  function keep(user: User): User {
    byId.value[user.id] = user;
    return user;
  }

  const loadUser = async (id: number) => keep(await getUser(id));
  const create = async (request: UserCreate) => keep(await createUser(request));

  /** Sends the version this screen read, so a change made meanwhile by someone else is refused, not overwritten. */
  async function update(id: number, changes: Omit<UserUpdate, 'version'>): Promise<User> {
    const current = byId.value[id];
    if (!current) throw new Error(`User ${id} is not loaded`);
    return keep(await updateUser(id, { ...changes, version: current.version }));
  }

  const grant = async (userId: number, membership: MembershipCreate) => keep(await addMembership(userId, membership));
  const revoke = async (userId: number, membershipId: number) => keep(await removeMembership(userId, membershipId));

  return { byId, listed, justCreatedId, listedUsers, loadList, loadUser, create, update, grant, revoke };
});
