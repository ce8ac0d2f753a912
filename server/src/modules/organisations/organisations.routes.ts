import { Id, OrganisationListQuery } from '@preau/shared';
import { SIGNED_IN, can, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { OrganisationsService } from './organisations.service';

/**
 * The organisation directory (names of public bodies) is readable by every account, for
 * pickers and labels; only administrators change it.
 */
export function organisationsRoutes(api: ApiRouter, service: OrganisationsService): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');
  const query = (raw: unknown) => parse(OrganisationListQuery, raw, 'query');
  const write = can('organisations:write', 'anywhere');

  api.get('/academies', SIGNED_IN, async (req, res) => res.json(await service.listAcademies(query(req.query))));
  api.post('/academies', write, async (req, res) => res.status(201).json(await service.createAcademy(req.body, actorOf(req))));
  api.get('/academies/:id', SIGNED_IN, async (req, res) => res.json(await service.getAcademy(id(req.params.id))));
  api.patch('/academies/:id', write, async (req, res) => res.json(await service.updateAcademy(id(req.params.id), req.body, actorOf(req))));

  api.get('/circonscriptions', SIGNED_IN, async (req, res) => res.json(await service.listCirconscriptions(query(req.query))));
  api.post('/circonscriptions', write, async (req, res) =>
    res.status(201).json(await service.createCirconscription(req.body, actorOf(req))),
  );
  api.get('/circonscriptions/:id', SIGNED_IN, async (req, res) => res.json(await service.getCirconscription(id(req.params.id))));
  api.patch('/circonscriptions/:id', write, async (req, res) =>
    res.json(await service.updateCirconscription(id(req.params.id), req.body, actorOf(req))),
  );

  api.get('/communes', SIGNED_IN, async (req, res) => res.json(await service.listCommunes(query(req.query))));
  api.post('/communes', write, async (req, res) => res.status(201).json(await service.createCommune(req.body, actorOf(req))));
  api.get('/communes/:id', SIGNED_IN, async (req, res) => res.json(await service.getCommune(id(req.params.id))));
  api.patch('/communes/:id', write, async (req, res) => res.json(await service.updateCommune(id(req.params.id), req.body, actorOf(req))));
}
