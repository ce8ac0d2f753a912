import { EquipmentListQuery, Id } from '@preau/shared';
import { SIGNED_IN, can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { EquipmentService } from './equipment.service';

export function equipmentRoutes(api: ApiRouter, service: EquipmentService): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');
  const write = can('inventory:write');

  api.get('/equipment', SIGNED_IN, async (req, res) =>
    res.json(await service.list(principalOf(req), parse(EquipmentListQuery, req.query, 'query'))),
  );
  api.post('/equipment', write, async (req, res) => res.status(201).json(await service.create(principalOf(req), req.body, actorOf(req))));
  api.get('/equipment/:id', SIGNED_IN, async (req, res) => res.json(await service.get(principalOf(req), id(req.params.id))));
  api.patch('/equipment/:id', write, async (req, res) =>
    res.json(await service.update(principalOf(req), id(req.params.id), req.body, actorOf(req))),
  );
  api.post('/equipment/:id/retire', write, async (req, res) =>
    res.json(await service.retire(principalOf(req), id(req.params.id), req.body, actorOf(req))),
  );
  api.get('/equipment/:id/history', SIGNED_IN, async (req, res) => res.json(await service.history(principalOf(req), id(req.params.id))));
}
