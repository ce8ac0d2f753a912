import type { NotificationPage } from '@preau/shared';
import { http } from '../../api/http';

export function listNotifications(query: { page?: number; pageSize?: number; unread?: boolean }): Promise<NotificationPage> {
  return http.get<NotificationPage>('/me/notifications', { query });
}

export function markNotificationRead(id: number): Promise<void> {
  return http.post<void>(`/me/notifications/${id}/read`, undefined);
}

export function markAllNotificationsRead(): Promise<void> {
  return http.post<void>('/me/notifications/read-all', undefined);
}
