import { AuditQuery } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { parse } from '../../http/validate';
import type { AuditService } from './audit.service';

export function auditRoutes(api: ApiRouter, service: AuditService): void {
  api.get('/audit', can('audit:read', 'anywhere'), async (req, res) =>
    res.json(await service.list(principalOf(req), parse(AuditQuery, req.query, 'query'))),
  );
}
