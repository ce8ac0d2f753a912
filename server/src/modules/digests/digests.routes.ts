import { ROLE_PERMISSIONS } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import type { DigestService } from './digest.service';

export function digestsRoutes(api: ApiRouter, service: DigestService): void {
  // The digest the caller's reporting scope would give now: what the Monday e-mail shows an ERUN or city manager.
  api.get('/digests/preview', can('reports:read', 'anywhere'), async (req, res) => {
    const memberships = principalOf(req).memberships.filter((m) => ROLE_PERMISSIONS[m.role].includes('reports:read'));
    res.json(await service.build(memberships, new Date()));
  });
}
