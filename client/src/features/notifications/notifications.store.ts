import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { Notification } from '@preau/shared';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.api';

/** Pages are few and short; the count is asked again on navigation, at most this often. */
const COUNT_MAX_AGE_MS = 30_000;

export const useNotificationsStore = defineStore('notifications', () => {
  const unreadCount = ref<number | null>(null);
  const items = ref<Notification[]>([]);
  const listed = ref<{ total: number; page: number; pageSize: number } | null>(null);
  let countedAt = 0;

  async function refreshCount({ force = false } = {}): Promise<void> {
    if (!force && Date.now() - countedAt < COUNT_MAX_AGE_MS) return;
    countedAt = Date.now();
    const page = await listNotifications({ unread: true, pageSize: 1 });
    unreadCount.value = page.unreadCount;
  }

  async function loadPage(page: number, pageSize: number): Promise<void> {
    const result = await listNotifications({ page, pageSize });
    items.value = result.items;
    listed.value = { total: result.total, page: result.page, pageSize: result.pageSize };
    unreadCount.value = result.unreadCount;
    countedAt = Date.now();
  }

  async function markRead(id: number): Promise<void> {
    const item = items.value.find((candidate) => candidate.id === id);
    if (item?.readAt) return;
    await markNotificationRead(id);
    if (item) item.readAt = new Date().toISOString();
    if (unreadCount.value) unreadCount.value--;
  }

  async function markAllRead(): Promise<void> {
    await markAllNotificationsRead();
    const now = new Date().toISOString();
    for (const item of items.value) item.readAt ??= now;
    unreadCount.value = 0;
  }

  /** Forgets the count, so that the next refresh asks the server (a live event, the user's own action). */
  function stale(): void {
    countedAt = 0;
  }

  return { unreadCount, items, listed, refreshCount, loadPage, markRead, markAllRead, stale };
});
