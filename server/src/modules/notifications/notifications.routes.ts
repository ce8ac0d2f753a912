import { Id, NotificationListQuery } from '@preau/shared';
import { SIGNED_IN, principalOf, type ApiRouter } from '../../http/access';
import { parse } from '../../http/validate';
import type { NotificationsService } from './notifications.service';

export function notificationsRoutes(api: ApiRouter, service: NotificationsService): void {
  api.get('/me/notifications', SIGNED_IN, async (req, res) => res.json(await service.list(principalOf(req), parse(NotificationListQuery, req.query, 'query'))));
  api.post('/me/notifications/read-all', SIGNED_IN, async (req, res) => {
    await service.markAllRead(principalOf(req));
    res.status(204).end();
  });
  api.post('/me/notifications/:id/read', SIGNED_IN, async (req, res) => {
    await service.markRead(principalOf(req), parse(Id, req.params.id, 'id'));
    res.status(204).end();
  });
}
