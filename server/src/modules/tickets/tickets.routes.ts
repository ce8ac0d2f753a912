import { z } from 'zod';
import { Id, TicketListQuery } from '@preau/shared';
import { SIGNED_IN, can, principalOf, type ApiRouter } from '../../http/access';
import { actorOf } from '../../http/actor';
import { parse } from '../../http/validate';
import type { TicketsService } from './tickets.service';
import type { TicketWorkflowService } from './ticket-workflow.service';
import type { TicketFollowers } from './ticket-followers';
import type { TicketHandoverService } from './ticket-handover.service';

/** UUIDs and other opaque keys of up to 100 characters. */
const IdempotencyKey = z.string().regex(/^[\w.:-]{1,100}$/, 'Use up to 100 letters, digits, dots, dashes or colons');

/** `Idempotency-Key` as clients send it, or null. */
function idempotencyKey(raw: string | undefined): string | null {
  const key = raw?.trim();
  return key ? parse(IdempotencyKey, key, 'Idempotency-Key') : null;
}

export function ticketsRoutes(
  api: ApiRouter,
  tickets: TicketsService,
  workflow: TicketWorkflowService,
  followers: TicketFollowers,
  handover: TicketHandoverService,
): void {
  const id = (raw: unknown) => parse(Id, raw, 'id');
  const work = can('tickets:work');

  api.get('/tickets', SIGNED_IN, async (req, res) => res.json(await tickets.list(principalOf(req), parse(TicketListQuery, req.query, 'query'))));
  api.post('/tickets', SIGNED_IN, async (req, res) => {
    const { ticket, replayed } = await tickets.create(principalOf(req), req.body, actorOf(req), idempotencyKey(req.get('Idempotency-Key')));
    res.status(replayed ? 200 : 201).location(`/api/v1/tickets/${ticket.id}`).json(ticket);
  });
  // People of the school: checked on the school and the ticket.
  api.get('/tickets/open-reports', SIGNED_IN, async (req, res) => res.json(await followers.openReports(principalOf(req), req.query)));
  api.post('/tickets/:id/follow', SIGNED_IN, async (req, res) => res.json(await followers.follow(principalOf(req), id(req.params.id))));
  api.delete('/tickets/:id/follow', SIGNED_IN, async (req, res) => {
    await followers.unfollow(principalOf(req), id(req.params.id));
    res.status(204).end();
  });
  api.get('/tickets/:id', SIGNED_IN, async (req, res) => res.json(await tickets.get(principalOf(req), id(req.params.id))));

  const action = (path: string, rule: typeof work, run: (typeof workflow)['escalate']) =>
    api.post(`/tickets/:id/${path}`, rule, async (req, res) => res.json(await run.call(workflow, principalOf(req), id(req.params.id), req.body, actorOf(req))));
  action('escalate', work, workflow.escalate);
  action('deescalate', work, workflow.deescalate);
  action('assign', work, workflow.assign);
  action('status', work, workflow.changeStatus);
  action('resolve', work, workflow.resolve);
  // The holding group: checked on the ticket.
  api.get('/tickets/:id/assignees', work, async (req, res) => res.json(await handover.assignees(principalOf(req), id(req.params.id))));
  api.get('/tickets/:id/handover-groups', work, async (req, res) => res.json(await handover.groups(principalOf(req), id(req.params.id))));
  api.post('/tickets/:id/recategorize', work, async (req, res) => res.json(await handover.recategorize(principalOf(req), id(req.params.id), req.body, actorOf(req))));
  api.post('/tickets/:id/reassign', work, async (req, res) => res.json(await handover.reassign(principalOf(req), id(req.params.id), req.body, actorOf(req))));
  // The reporter, the director and support staff: checked on the ticket.
  action('comments', SIGNED_IN, workflow.comment);
  action('reopen', SIGNED_IN, workflow.reopen);
  action('close', SIGNED_IN, workflow.close);
  action('approve', SIGNED_IN, workflow.approve);
  action('answer', SIGNED_IN, workflow.answer);
}
