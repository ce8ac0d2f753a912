import { Router } from 'express';
import { Id, RoomListQuery } from '@preau/shared';
import { parse } from '../../http/validate';
import type { RoomsService } from './rooms.service';

export function roomsRoutes(service: RoomsService): Router {
  const router = Router();
  const id = (raw: unknown) => parse(Id, raw, 'id');

  router.get('/rooms', async (req, res) => void res.json(await service.list(parse(RoomListQuery, req.query, 'query'))));
  router.post('/rooms', async (req, res) => void res.status(201).json(await service.create(req.body)));
  router.get('/rooms/:id', async (req, res) => void res.json(await service.get(id(req.params.id))));
  router.patch('/rooms/:id', async (req, res) => void res.json(await service.update(id(req.params.id), req.body)));
  router.post('/rooms/:id/retire', async (req, res) => void res.json(await service.retire(id(req.params.id), req.body)));
  return router;
}
