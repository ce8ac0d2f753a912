import { Router } from 'express';
import { EquipmentListQuery, Id } from '@preau/shared';
import { parse } from '../../http/validate';
import { actorOf } from '../../http/actor';
import type { EquipmentService } from './equipment.service';

export function equipmentRoutes(service: EquipmentService): Router {
  const router = Router();
  const id = (raw: unknown) => parse(Id, raw, 'id');

  router.get('/equipment', async (req, res) => void res.json(await service.list(parse(EquipmentListQuery, req.query, 'query'))));
  router.post('/equipment', async (req, res) => void res.status(201).json(await service.create(req.body, actorOf(req))));
  router.get('/equipment/:id', async (req, res) => void res.json(await service.get(id(req.params.id))));
  router.patch('/equipment/:id', async (req, res) => void res.json(await service.update(id(req.params.id), req.body, actorOf(req))));
  router.post('/equipment/:id/retire', async (req, res) =>
    void res.json(await service.retire(id(req.params.id), req.body, actorOf(req))),
  );
  router.get('/equipment/:id/history', async (req, res) => void res.json(await service.history(id(req.params.id))));
  return router;
}
