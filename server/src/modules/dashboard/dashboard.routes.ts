import { FleetDashboardQuery } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { parse } from '../../http/validate';
import type { DashboardService } from './dashboard.service';

export function dashboardRoutes(api: ApiRouter, service: DashboardService): void {
  // Figures over a whole scope: the organisation asked for must lie in the reader's `reports:read` scope (else 404).
  api.get('/dashboard/fleet', can('reports:read', 'anywhere'), async (req, res) =>
    res.json(await service.fleet(principalOf(req), parse(FleetDashboardQuery, req.query, 'query'))),
  );
}
