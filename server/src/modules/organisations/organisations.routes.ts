import { Router } from 'express';
import { Id, OrganisationListQuery } from '@preau/shared';
import { parse } from '../../http/validate';
import type { OrganisationsService } from './organisations.service';

export function organisationsRoutes(service: OrganisationsService): Router {
  const router = Router();
  const id = (raw: unknown) => parse(Id, raw, 'id');
  const query = (raw: unknown) => parse(OrganisationListQuery, raw, 'query');

  router.get('/academies', async (req, res) => void res.json(await service.listAcademies(query(req.query))));
  router.post('/academies', async (req, res) => void res.status(201).json(await service.createAcademy(req.body)));
  router.get('/academies/:id', async (req, res) => void res.json(await service.getAcademy(id(req.params.id))));
  router.patch('/academies/:id', async (req, res) => void res.json(await service.updateAcademy(id(req.params.id), req.body)));

  router.get('/circonscriptions', async (req, res) => void res.json(await service.listCirconscriptions(query(req.query))));
  router.post('/circonscriptions', async (req, res) => void res.status(201).json(await service.createCirconscription(req.body)));
  router.get('/circonscriptions/:id', async (req, res) => void res.json(await service.getCirconscription(id(req.params.id))));
  router.patch('/circonscriptions/:id', async (req, res) =>
    void res.json(await service.updateCirconscription(id(req.params.id), req.body)),
  );

  router.get('/communes', async (req, res) => void res.json(await service.listCommunes(query(req.query))));
  router.post('/communes', async (req, res) => void res.status(201).json(await service.createCommune(req.body)));
  router.get('/communes/:id', async (req, res) => void res.json(await service.getCommune(id(req.params.id))));
  router.patch('/communes/:id', async (req, res) => void res.json(await service.updateCommune(id(req.params.id), req.body)));
  return router;
}
