import { Id, UserListQuery } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { UsersService } from './users.service';

export function usersRoutes(api: ApiRouter, service: UsersService): void {
  const manage = can('users:manage', 'anywhere');
  const id = (raw: unknown) => parse(Id, raw, 'id');

  api.get('/users', manage, async (req, res) => res.json(await service.list(principalOf(req), parse(UserListQuery, req.query, 'query'))));
  api.post('/users', manage, async (req, res) => res.status(201).json(await service.create(principalOf(req), req.body, actorOf(req))));
  api.get('/users/:id', manage, async (req, res) => res.json(await service.get(principalOf(req), id(req.params.id))));
  api.patch('/users/:id', manage, async (req, res) => res.json(await service.update(principalOf(req), id(req.params.id), req.body, actorOf(req))));
  api.post('/users/:id/memberships', manage, async (req, res) =>
    res.status(201).json(await service.addMembership(principalOf(req), id(req.params.id), req.body, actorOf(req))),
  );
  api.delete('/users/:id/memberships/:membershipId', manage, async (req, res) =>
    res.json(await service.removeMembership(principalOf(req), id(req.params.id), id(req.params.membershipId), actorOf(req))),
  );
}
