import { Id } from '@preau/shared';
import { SIGNED_IN, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { TokensService } from './tokens.service';

export function tokensRoutes(api: ApiRouter, service: TokensService): void {
  api.get('/me/tokens', SIGNED_IN, async (req, res) => res.json(await service.listOwn(principalOf(req))));
  api.post('/me/tokens', SIGNED_IN, async (req, res) => res.status(201).json(await service.create(principalOf(req), req.body, actorOf(req))));
  api.delete('/me/tokens/:id', SIGNED_IN, async (req, res) => {
    await service.revoke(principalOf(req), parse(Id, req.params.id, 'id'), actorOf(req));
    res.status(204).end();
  });
}
