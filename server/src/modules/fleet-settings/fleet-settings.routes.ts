import { Id } from '@preau/shared';
import { SIGNED_IN, can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { LifetimesService } from './lifetimes.service';
import type { MobileClassPlansService } from './mobile-class-plans.service';

export function fleetSettingsRoutes(api: ApiRouter, lifetimes: LifetimesService, plans: MobileClassPlansService): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');

  // Renewal ages are one set for the whole installation, no secret: every account reads them
  // (equipment pages may say an item is due); only administrators, who run the directory, change them.
  api.get('/fleet-settings/lifetimes', SIGNED_IN, async (_req, res) => res.json(await lifetimes.get()));
  api.put('/fleet-settings/lifetimes', can('organisations:write', 'anywhere'), async (req, res) => res.json(await lifetimes.update(req.body, actorOf(req))));

  // A school's mobile-class plan is part of its inventory: read and changed as its equipment is.
  api.get('/schools/:id/mobile-class-plan', can('inventory:read'), async (req, res) => res.json(await plans.get(principalOf(req), id(req.params.id))));
  api.put('/schools/:id/mobile-class-plan', can('inventory:write'), async (req, res) => {
    const { plan, created } = await plans.put(principalOf(req), id(req.params.id), req.body, actorOf(req));
    res.status(created ? 201 : 200).json(plan);
  });
  api.delete('/schools/:id/mobile-class-plan', can('inventory:write'), async (req, res) => {
    await plans.remove(principalOf(req), id(req.params.id), actorOf(req));
    res.status(204).end();
  });
}
