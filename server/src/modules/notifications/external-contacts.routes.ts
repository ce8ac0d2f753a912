import { ExternalContactListQuery, Id } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { ExternalContactsService } from './external-contacts.service';

export function externalContactsRoutes(api: ApiRouter, service: ExternalContactsService): void {
  const manage = can('users:manage', 'anywhere');
  api.get('/external-contacts', manage, async (req, res) => res.json(await service.list(principalOf(req), parse(ExternalContactListQuery, req.query, 'query'))));
  api.post('/external-contacts', manage, async (req, res) => res.status(201).json(await service.create(principalOf(req), req.body, actorOf(req))));
  api.delete('/external-contacts/:id', manage, async (req, res) => {
    await service.remove(principalOf(req), parse(Id, req.params.id, 'id'), actorOf(req));
    res.status(204).end();
  });
}
