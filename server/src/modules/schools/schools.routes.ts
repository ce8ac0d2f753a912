import { Router } from 'express';
import { Id, SchoolListQuery } from '@preau/shared';
import { parse } from '../../http/validate';
import type { SchoolsService } from './schools.service';

export function schoolsRoutes(service: SchoolsService): Router {
  const router = Router();
  const id = (raw: unknown) => parse(Id, raw, 'id');

  router.get('/schools', async (req, res) => void res.json(await service.list(parse(SchoolListQuery, req.query, 'query'))));
  router.post('/schools', async (req, res) => void res.status(201).json(await service.create(req.body)));
  router.get('/schools/:id', async (req, res) => void res.json(await service.get(id(req.params.id))));
  router.patch('/schools/:id', async (req, res) => void res.json(await service.update(id(req.params.id), req.body)));
  router.post('/schools/:id/retire', async (req, res) => void res.json(await service.retire(id(req.params.id), req.body)));
  return router;
}
