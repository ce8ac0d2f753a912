import { IsNull, type DataSource } from 'typeorm';
import type { Notification, NotificationListQuery, NotificationPage } from '@preau/shared';
import { notFound } from '../../http/app-error';
import type { Principal } from '../auth/principal';
import { NotificationEntity } from './notification.entity';

/** Each account reads and marks its own notifications, nobody else's. */
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: NotificationListQuery): Promise<NotificationPage> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const where = { userId: principal.userId, ...(query.unread ? { readAt: IsNull() } : {}) };
    const [rows, total] = await repo.findAndCount({ where, order: { id: 'DESC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    const unreadCount = await repo.countBy({ userId: principal.userId, readAt: IsNull() });
    return { items: rows.map(toNotification), total, page: query.page, pageSize: query.pageSize, unreadCount };
  }

  /** Idempotent; another account's notification is a 404, as if it did not exist. */
  async markRead(principal: Principal, id: number): Promise<void> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const notification = await repo.findOneBy({ id, userId: principal.userId });
    if (!notification) throw notFound('Notification', id);
    if (notification.readAt === null) await repo.update({ id, readAt: IsNull() }, { readAt: new Date() });
  }

  async markAllRead(principal: Principal): Promise<void> {
    await this.dataSource.getRepository(NotificationEntity).update({ userId: principal.userId, readAt: IsNull() }, { readAt: new Date() });
  }
}

export function toNotification(n: NotificationEntity): Notification {
  return {
    id: n.id,
    kind: n.kind,
    ticketId: n.ticketId,
    title: n.title,
    body: n.body,
    message: n.message,
    link: n.link,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}
