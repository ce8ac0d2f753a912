import { Id, RoomListQuery } from '@preau/shared';
import { SIGNED_IN, can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { RoomsService } from './rooms.service';

export function roomsRoutes(api: ApiRouter, service: RoomsService): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');
  const write = can('inventory:write');

  api.get('/rooms', SIGNED_IN, async (req, res) => res.json(await service.list(principalOf(req), parse(RoomListQuery, req.query, 'query'))));
  api.post('/rooms', write, async (req, res) => res.status(201).json(await service.create(principalOf(req), req.body, actorOf(req))));
  api.get('/rooms/:id', SIGNED_IN, async (req, res) => res.json(await service.get(principalOf(req), id(req.params.id))));
  api.patch('/rooms/:id', write, async (req, res) => res.json(await service.update(principalOf(req), id(req.params.id), req.body, actorOf(req))));
  api.post('/rooms/:id/retire', write, async (req, res) =>
    res.json(await service.retire(principalOf(req), id(req.params.id), req.body, actorOf(req))),
  );
}
