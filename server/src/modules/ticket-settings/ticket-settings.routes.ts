import { Id } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { TicketSettingsService } from './ticket-settings.service';

export function ticketSettingsRoutes(api: ApiRouter, service: TicketSettingsService): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');
  // Read by whoever works the commune's tickets; changed by its city managers and administrators,
  // the only holders of `users:manage` (the commune itself is checked by the service).
  api.get('/ticket-settings/communes', can('tickets:work', 'anywhere'), async (req, res) => res.json(await service.communes(principalOf(req))));
  api.get('/communes/:id/ticket-settings', can('tickets:work', 'anywhere'), async (req, res) => res.json(await service.get(principalOf(req), id(req.params.id))));
  api.put('/communes/:id/ticket-settings', can('users:manage', 'anywhere'), async (req, res) =>
    res.json(await service.replace(principalOf(req), id(req.params.id), req.body, actorOf(req))),
  );
}
