import { EntSubscriptionListQuery, Id, SchoolYear } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { EntSubscriptionsService } from './ent-subscriptions.service';

export function entSubscriptionsRoutes(api: ApiRouter, service: EntSubscriptionsService): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');
  api.get('/ent-subscriptions', can('reports:read', 'anywhere'), async (req, res) =>
    res.json(await service.list(principalOf(req), parse(EntSubscriptionListQuery, req.query, 'query'))),
  );
  // The commune's own schools: its city staff and administrators keep the list (checked on the commune).
  api.put('/communes/:id/ent-subscriptions/:schoolYear', can('inventory:write'), async (req, res) =>
    res.json(
      await service.replace(principalOf(req), id(req.params.id), parse(SchoolYear, req.params.schoolYear, 'schoolYear'), req.body, actorOf(req)),
    ),
  );
  api.delete('/ent-subscriptions/:id', can('inventory:write'), async (req, res) => {
    await service.remove(principalOf(req), id(req.params.id), actorOf(req));
    res.status(204).end();
  });
}
