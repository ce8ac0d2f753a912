import { Id, SchoolListQuery } from '@preau/shared';
import { SIGNED_IN, can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { SchoolsService } from './schools.service';

export function schoolsRoutes(api: ApiRouter, service: SchoolsService): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');
  const write = can('inventory:write');

  api.get('/schools', SIGNED_IN, async (req, res) => res.json(await service.list(principalOf(req), parse(SchoolListQuery, req.query, 'query'))));
  api.post('/schools', write, async (req, res) => res.status(201).json(await service.create(principalOf(req), req.body, actorOf(req))));
  api.get('/schools/:id', SIGNED_IN, async (req, res) => res.json(await service.get(principalOf(req), id(req.params.id))));
  api.patch('/schools/:id', write, async (req, res) => res.json(await service.update(principalOf(req), id(req.params.id), req.body, actorOf(req))));
  api.post('/schools/:id/retire', write, async (req, res) =>
    res.json(await service.retire(principalOf(req), id(req.params.id), req.body, actorOf(req))),
  );
}
