import { can, principalOf, type ApiRouter } from '../../http/access';
import { membershipsWith } from '../auth/principal';
import type { DigestService } from './digest.service';

export function digestsRoutes(api: ApiRouter, service: DigestService): void {
  // The digest the caller's reporting scope would give now: what the Monday e-mail shows an ERUN or city manager.
  api.get('/digests/preview', can('reports:read', 'anywhere'), async (req, res) => {
    res.json(await service.build(membershipsWith(principalOf(req), 'reports:read'), new Date()));
  });
}
