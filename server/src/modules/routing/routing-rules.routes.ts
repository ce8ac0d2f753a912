import { Id, RoutingRuleListQuery } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { RoutingRulesService } from './routing-rules.service';

export function routingRulesRoutes(api: ApiRouter, service: RoutingRulesService): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');
  const read = can('tickets:work', 'anywhere');
  // Only city managers and administrators hold `users:manage`; which rules they may change
  // (their own commune's; the global ones for administrators) is decided on the rule.
  const configure = can('users:manage', 'anywhere');

  api.get('/routing-rules', read, async (req, res) => res.json(await service.list(principalOf(req), parse(RoutingRuleListQuery, req.query, 'query'))));
  api.post('/routing-rules/preview', read, async (req, res) => res.json(await service.preview(principalOf(req), req.body)));
  api.post('/routing-rules', configure, async (req, res) => res.status(201).json(await service.create(principalOf(req), req.body, actorOf(req))));
  api.patch('/routing-rules/:id', configure, async (req, res) => res.json(await service.update(principalOf(req), id(req.params.id), req.body, actorOf(req))));
  api.delete('/routing-rules/:id', configure, async (req, res) => {
    await service.remove(principalOf(req), id(req.params.id), actorOf(req));
    res.status(204).end();
  });
}
