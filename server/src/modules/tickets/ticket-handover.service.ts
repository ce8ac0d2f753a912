import type { DataSource, EntityManager } from 'typeorm';
import {
  GROUP_LEVEL,
  BUILT_IN_RULES,
  HandoverGroupKind,
  renderRoutingReason,
  TicketReassign,
  TicketRecategorize,
  type HandoverGroup,
  type TicketAssignee,
  type TicketCategory,
  type TicketDetail,
} from '@preau/shared';
import { AppError, fieldError } from '../../http/app-error';
import { parse } from '../../http/validate';
import type { Actor } from '../../http/actor';
import type { Place, Principal } from '../auth/principal';
import { groupMembers, people } from '../notifications/recipients';
import type { TicketEntity } from './ticket.entity';
import { ensureHolder } from './ticket-access';
import { placeTarget, route, routingContext } from './ticket-routing';
import { groupAtLevel } from './ticket-store';
import type { TicketWorkflowService } from './ticket-workflow.service';
import { loadVisible } from './tickets.service';

/** Shown as the ticket's routing rule after a hand-over: a person decided, not a rule. */
export const MANUAL_HANDOVER_RULE = BUILT_IN_RULES.manualHandover;

/**
 * What the holding group does besides the protocol's steps: correcting the category, handing
 * the ticket to another group serving the school, and naming a colleague to assign it to.
 * Each change is a step of `TicketWorkflowService` (versioned, recorded, published after commit).
 */
export class TicketHandoverService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: TicketWorkflowService,
  ) {}

  /** The category changes, nothing else: the holder escalates next and the rules route on the new category. */
  recategorize(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, category, note } = parse(TicketRecategorize, body);
    return this.workflow.step(principal, id, version, actor, async (_manager, ticket, place) => {
      ensureHolder(principal, ticket, place);
      this.workflow.ensureOpen(ticket);
      if (ticket.category === category) throw fieldError(['category'], `The ticket is already in category ${category}`);
      return {
        changes: { category },
        timeline: [{ kind: 'recategorized', from: ticket.category, to: category, body: note ?? null }],
        audit: 'ticket.recategorized',
      };
    });
  }

  /** The groups the holder may hand the ticket to: those serving its school, but the one holding it. */
  async groups(principal: Principal, id: number): Promise<HandoverGroup[]> {
    const manager = this.dataSource.manager;
    const { ticket, place } = await loadVisible(manager, principal, id);
    ensureHolder(principal, ticket, place);
    return (await groupsServing(manager, ticket, place)).filter((group) => !holds(ticket, group));
  }

  /**
   * Hands the ticket to another group at that group's level, as an escalation would: back in the
   * new group's queue, its clock running again if it waited. The commune's technicians are
   * refused what the escalation rules refuse them (equipment the city does not maintain).
   */
  reassign(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, groupKind, organisationId, note } = parse(TicketReassign, body);
    return this.workflow.step(principal, id, version, actor, async (manager, ticket, place) => {
      ensureHolder(principal, ticket, place);
      this.workflow.ensureOpen(ticket);
      // A group that does not serve the school is a wrong value in the request, not a right the caller lacks: 422.
      const target = (await groupsServing(manager, ticket, place)).find((group) => group.kind === groupKind && group.organisationId === organisationId);
      if (!target) throw fieldError(['organisationId'], `This ${groupKind} group does not serve the ticket's school`);
      if (holds(ticket, target)) throw fieldError(['groupKind'], `${target.label} holds the ticket already`);
      if (target.kind === 'commune_technicians') {
        const refusal = await communeRefusal(manager, ticket, place);
        if (refusal) throw new AppError(422, 'ESCALATION_REFUSED', refusal);
      }
      return {
        changes: {
          level: target.level,
          groupKind: target.kind,
          groupOrganisationId: target.organisationId,
          groupExternalName: null,
          groupLabel: target.label,
          assigneeUserId: null,
          status: 'new',
          routingRule: MANUAL_HANDOVER_RULE,
          // The shared sentence, so the reason reads back into English (`parseRoutingReason`).
          routingReason: renderRoutingReason({ key: 'handedOver', params: { level: target.level, groupLabel: target.label } }, 'fr')!,
        },
        timeline: [
          {
            kind: 'reassigned',
            body: note,
            from: groupAtLevel(ticket.groupLabel, ticket.level),
            to: groupAtLevel(target.label, target.level),
            fromLevel: ticket.level,
            toLevel: target.level,
            rule: MANUAL_HANDOVER_RULE,
          },
        ],
        audit: 'ticket.reassigned',
      };
    });
  }

  /** The enabled accounts of the holding group, for the holder to assign one of them. */
  async assignees(principal: Principal, id: number): Promise<TicketAssignee[]> {
    const manager = this.dataSource.manager;
    const { ticket, place } = await loadVisible(manager, principal, id);
    ensureHolder(principal, ticket, place);
    const members = await people(manager, await groupMembers(manager, ticket));
    return [...members.values()].map(({ id: userId, displayName }) => ({ id: userId, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  }
}

const holds = (ticket: TicketEntity, group: HandoverGroup) => ticket.groupKind === group.kind && ticket.groupOrganisationId === group.organisationId;

/** The groups with accounts whose organisation covers the school: its circonscription, commune and académie. */
async function groupsServing(manager: EntityManager, ticket: TicketEntity, place: Place): Promise<HandoverGroup[]> {
  const academyId = place.circonscriptionAcademyId ?? place.communeAcademyId;
  const targets = HandoverGroupKind.options.map((kind) => {
    switch (kind) {
      case 'circonscription_level1':
        return { kind, circonscriptionId: ticket.circonscriptionId };
      case 'commune_technicians':
        return { kind, communeId: ticket.communeId };
      case 'rectorate_desk':
      case 'rectorate_experts':
        return { kind, academyId };
    }
  });
  return Promise.all(
    targets.map(async (target) => {
      const { groupOrganisationId, groupLabel } = await placeTarget(manager, target);
      return { kind: target.kind, organisationId: groupOrganisationId!, label: groupLabel, level: GROUP_LEVEL[target.kind] };
    }),
  );
}

/**
 * Why the routing rules keep this ticket from the commune's technicians, or null. Asked as an
 * escalation from level 1 would ask: the rules' refusal marked out of scope (equipment the city
 * does not maintain) is the answer. When the rules send the ticket's category elsewhere or
 * nowhere (`other`), the technicians would still work on its item: asked again as a fault of
 * that item, so a hand-over cannot pass what escalation refuses.
 */
async function communeRefusal(manager: EntityManager, ticket: TicketEntity, place: Place): Promise<string | null> {
  const escalated = async (category: TicketCategory) =>
    route(manager, await routingContext(manager, { ...ticket, category }, { trigger: 'escalate', currentLevel: 1 }, { place }));
  const asFiled = await escalated(ticket.category);
  if ('refused' in asFiled) {
    if (asFiled.decision.outOfScope) return asFiled.refused;
  } else if (asFiled.groupKind === 'commune_technicians') return null;
  if (ticket.equipmentId === null || ticket.category === 'hardware') return null;
  const asFault = await escalated('hardware');
  return 'refused' in asFault && asFault.decision.outOfScope ? asFault.refused : null;
}
