import type { DataSource, EntityManager } from 'typeorm';
import {
  BACK_TO_GROUP_QUEUE,
  OPEN_TICKET_STATUSES,
  TicketAnswer,
  TicketApprove,
  TicketAssign,
  TicketClose,
  TicketComment,
  TicketDeescalate,
  TicketEscalate,
  TicketReopen,
  TicketResolve,
  TicketStatusChange,
  renderEquipmentNote,
  renderRoutingReason,
  type RoutingDecision,
  type SupportLevel,
  type TicketDetail,
} from '@preau/shared';
import { AppError, fieldError, forbidden } from '../../http/app-error';
import { parse } from '../../http/validate';
import type { Actor } from '../../http/actor';
import type { DomainEvents } from '../../events/domain-events';
import type { AuditService } from '../audit/audit.service';
import { loadPrincipal } from '../auth/load-principal';
import type { Place, Principal } from '../auth/principal';
import type { EquipmentService } from '../equipment/equipment.service';
import type { TicketEntity } from './ticket.entity';
import { canWork, ensureHolder, holdsTicket, invalidTransition, isDirectorOf, reopenPeriodOver } from './ticket-access';
import { DAY_MS, clockChanges, dueDates, pausesOf, reopenDeadline, reopenPeriodDays, serialisePauses, settingsOf } from './ticket-clock';
import { route, routingContext, type RoutedGroup } from './ticket-routing';
import { groupAtLevel, recordEvent, saveTicket, ticketAudience, ticketDetail, type TimelineEntry } from './ticket-store';
import { groupFields, loadVisible } from './tickets.service';
import { markBroken, reportedItem, settleItem } from './ticket-equipment';

interface Step {
  changes: Partial<TicketEntity>;
  timeline: TimelineEntry[];
  /** Audit action, when the step matters beyond the ticket's own timeline. */
  audit?: string;
  /** What the reported item undergoes, in the same transaction once the ticket is saved; may add timeline entries. */
  equipment?: (manager: EntityManager) => Promise<TimelineEntry[]>;
  comment?: { internal: boolean };
}

/** How long after closing the reporter may still rate a ticket closed without their rating. */
const RATING_DAYS = 30;

/** Why the ticket is where it is: kept in step with every move between groups. Once told, the director keeps following. */
const routingFields = (decision: RoutingDecision, ticket: TicketEntity) => ({
  routingRule: decision.rule.name,
  routingReason: decision.reason,
  outOfScope: decision.outOfScope,
  directorInformed: ticket.directorInformed || decision.notifyDirector,
});
const isOpen = (ticket: TicketEntity) => OPEN_TICKET_STATUSES.includes(ticket.status);

/**
 * A step that takes a ticket out of `waiting` without closing the pause itself (an escalation,
 * a return to the queue) restarts the clock too; otherwise the open pause would stop it for good.
 */
function resumedClock(ticket: TicketEntity, changes: Partial<TicketEntity>): Partial<TicketEntity> {
  if (ticket.status !== 'waiting' || changes.status === undefined || changes.status === 'waiting' || changes.pauses !== undefined) return {};
  const pauses = pausesOf(ticket);
  const open = pauses.at(-1);
  if (open?.to === null) open.to = new Date();
  return { pauses: serialisePauses(pauses) };
}

/** What support staff and reporters do to a ticket; each step is checked, timed and recorded. */
export class TicketWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly equipment: EquipmentService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  escalate(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, note } = parse(TicketEscalate, body);
    return this.step(principal, id, version, actor, async (manager, ticket, place) => {
      ensureHolder(principal, ticket, place);
      this.ensureOpen(ticket);
      // The rules' own sentence for it, so that the screens say it in the reader's language.
      if (ticket.level === 3) throw new AppError(422, 'ESCALATION_REFUSED', renderRoutingReason({ key: 'lastLevel', params: {} }, 'fr')!);
      const routed = await route(manager, await routingContext(manager, ticket, { trigger: 'escalate', currentLevel: ticket.level }));
      if ('refused' in routed) throw new AppError(422, 'ESCALATION_REFUSED', routed.refused);
      return {
        changes: { level: routed.decision.level, ...groupFields(routed), assigneeUserId: null, status: 'new', ...routingFields(routed.decision, ticket) },
        timeline: [levelMove('escalated', note, ticket, routed)],
        audit: 'ticket.escalated',
      };
    });
  }

  /** Back one level, to the group the rules give for that level (a mis-escalation, or level 3 sending back). */
  deescalate(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, note } = parse(TicketDeescalate, body);
    return this.step(principal, id, version, actor, async (manager, ticket, place) => {
      ensureHolder(principal, ticket, place);
      this.ensureOpen(ticket);
      if (ticket.level === 1) throw invalidTransition('The ticket is already at level 1');
      const target = (ticket.level - 1) as SupportLevel;
      const trigger = target === 1 ? ({ trigger: 'report' } as const) : ({ trigger: 'escalate', currentLevel: 1 } as const);
      let routed = await route(manager, await routingContext(manager, ticket, trigger));
      // Security reports start at level 2; going "back" to level 1 means the circonscription's group.
      if ('refused' in routed || routed.decision.level !== target) {
        routed = await route(manager, await routingContext(manager, { ...ticket, category: 'other' }, { trigger: 'report' }));
      }
      if ('refused' in routed) throw new AppError(422, 'ESCALATION_REFUSED', routed.refused);
      return {
        changes: { level: routed.decision.level, ...groupFields(routed), assigneeUserId: null, status: 'new', ...routingFields(routed.decision, ticket) },
        timeline: [levelMove('deescalated', note, ticket, routed)],
        audit: 'ticket.deescalated',
      };
    });
  }

  assign(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, assigneeId } = parse(TicketAssign, body);
    return this.step(principal, id, version, actor, async (manager, ticket, place) => {
      ensureHolder(principal, ticket, place);
      this.ensureOpen(ticket);
      let label: string = BACK_TO_GROUP_QUEUE;
      if (assigneeId !== null) {
        const assignee = await loadPrincipal(this.dataSource, assigneeId, 'session');
        if (!assignee || !holdsTicket(assignee, ticket, place)) throw fieldError(['assigneeId'], `This person is not in ${ticket.groupLabel}, which holds the ticket`);
        label = assignee.displayName;
      }
      return {
        changes: {
          assigneeUserId: assigneeId,
          status: assigneeId === null ? 'new' : ticket.status === 'new' ? 'assigned' : ticket.status,
          firstRespondedAt: ticket.firstRespondedAt ?? (assigneeId === null ? null : new Date()),
        },
        timeline: [{ kind: 'assigned', to: label }],
      };
    });
  }

  changeStatus(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, status, note } = parse(TicketStatusChange, body);
    return this.step(principal, id, version, actor, async (manager, ticket, place) => {
      ensureHolder(principal, ticket, place);
      this.ensureOpen(ticket);
      if (ticket.status === status) throw invalidTransition(`The ticket is already ${status}`);
      const pauses = pausesOf(ticket);
      const now = new Date();
      // The clock stops while the ticket waits on the reporter or a third party.
      if (status === 'waiting') pauses.push({ from: now, to: null });
      else if (ticket.status === 'waiting') pauses[pauses.length - 1]!.to = now;
      return {
        changes: { status, pauses: serialisePauses(pauses), firstRespondedAt: ticket.firstRespondedAt ?? now },
        timeline: [{ kind: 'status', from: ticket.status, to: status, body: note ?? null }],
      };
    });
  }

  comment(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { body: text, internal } = parse(TicketComment, body);
    return this.step(principal, id, null, actor, async (_manager, ticket, place) => {
      const worker = canWork(principal, place);
      if (internal && !worker) throw forbidden('Internal notes are for support staff');
      if (ticket.status === 'closed') throw invalidTransition('The ticket is closed; open a new report');
      const now = new Date();
      const changes: Partial<TicketEntity> = {};
      // A first response counts once the clock runs: not on a report still with the director.
      if (worker && !internal && !ticket.firstRespondedAt && ticket.clockStartedAt) changes.firstRespondedAt = now;
      // The reporter answering a question restarts the clock; a colleague's or follower's word does not.
      if (ticket.status === 'waiting' && ticket.reporterUserId === principal.userId && !worker) {
        const pauses = pausesOf(ticket);
        pauses[pauses.length - 1]!.to = now;
        Object.assign(changes, { status: 'in_progress', pauses: serialisePauses(pauses) });
      }
      return { changes, timeline: [{ kind: internal ? 'note' : 'comment', body: text, internal }], comment: { internal } };
    });
  }

  resolve(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, resolution, equipmentStatus } = parse(TicketResolve, body);
    return this.step(principal, id, version, actor, async (manager, ticket, place) => {
      ensureHolder(principal, ticket, place);
      this.ensureOpen(ticket);
      const now = new Date();
      const pauses = pausesOf(ticket);
      if (ticket.status === 'waiting') pauses[pauses.length - 1]!.to = now;
      return {
        changes: { status: 'resolved', resolvedAt: now, pauses: serialisePauses(pauses), firstRespondedAt: ticket.firstRespondedAt ?? now },
        timeline: [{ kind: 'resolved', body: resolution }],
        audit: 'ticket.resolved',
        equipment: (m) => this.settleReportedItem(m, principal, ticket, equipmentStatus, actor),
      };
    });
  }

  reopen(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, reason } = parse(TicketReopen, body);
    return this.step(principal, id, version, actor, async (manager, ticket, place) => {
      this.ensureReporterOrStaff(principal, ticket, place);
      if (ticket.status !== 'resolved') throw invalidTransition('Only a resolved ticket can be reopened');
      if (ticket.resolvedAt) {
        const settings = await settingsOf(manager, ticket.communeId);
        const deadline = reopenDeadline(ticket.resolvedAt, settings);
        if (!deadline || Date.now() > deadline.getTime()) throw reopenPeriodOver(reopenPeriodDays(settings));
      }
      // The time it sat resolved is not the support's delay: it counts as a pause (once the clock runs).
      const pauses = pausesOf(ticket);
      if (ticket.resolvedAt && ticket.clockStartedAt) pauses.push({ from: ticket.resolvedAt, to: new Date() });
      return {
        changes: {
          status: ticket.assigneeUserId ? 'assigned' : 'new',
          resolvedAt: null,
          pauses: serialisePauses(pauses),
          // The director answered it at the school: it waits for them again.
          ...(ticket.approval === 'answered' ? { approval: 'pending' as const } : {}),
        },
        timeline: [{ kind: 'reopened', body: reason }],
        audit: 'ticket.reopened',
        // Not fixed after all: the item shows as broken again, as when the report was filed (an
        // answer of the director's goes back to them, and the item waits for their approval).
        equipment: async (m) => {
          const item = ticket.approval === 'answered' ? null : await reportedItem(m, ticket);
          if (item) await markBroken(this.equipment, m, item, actor, ticket.reference && renderEquipmentNote({ key: 'reportReopened', params: { reference: ticket.reference } }, 'fr'));
          return [];
        },
      };
    });
  }

  close(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, rating, comment } = parse(TicketClose, body);
    return this.step(principal, id, version, actor, async (_manager, ticket, place) => {
      this.ensureReporterOrStaff(principal, ticket, place);
      if ((rating ?? comment) && ticket.reporterUserId !== principal.userId) throw forbidden('Only the reporter rates the service');
      if (ticket.status === 'closed' && ticket.rating === null && rating && ticket.closedAt && Date.now() - ticket.closedAt.getTime() <= RATING_DAYS * DAY_MS) {
        // Closed without a rating (by the sweep, or by staff): the reporter may still rate it.
        return { changes: { rating, ratingComment: comment ?? null }, timeline: [{ kind: 'closed', body: comment ?? null, to: `${rating}/5` }] };
      }
      if (ticket.status !== 'resolved') throw invalidTransition('Only a resolved ticket can be closed');
      return {
        changes: { status: 'closed', closedAt: new Date(), rating: rating ?? null, ratingComment: comment ?? null },
        timeline: [{ kind: 'closed', body: comment ?? null, to: rating ? `${rating}/5` : null }],
      };
    });
  }

  /** The director lets a teacher's report leave the school; the service-target clock starts now. */
  approve(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, note } = parse(TicketApprove, body);
    return this.step(principal, id, version, actor, async (manager, ticket) => {
      if (!isDirectorOf(principal, ticket.schoolId)) throw forbidden("Only the school's director approves reports");
      if (ticket.approval !== 'pending') throw invalidTransition('This report does not wait for approval');
      const settings = await settingsOf(manager, ticket.communeId);
      const clockStartedAt = new Date();
      return {
        changes: { approval: 'approved', clockStartedAt, ...dueDates(settings, { ...ticket, clockStartedAt }) },
        timeline: [{ kind: 'approved', body: note ?? null }],
        // The report now leaves the school: its item shows as broken, as a report filed without approval does at once.
        equipment: async (m) => {
          const item = await reportedItem(m, ticket);
          if (item && ticket.reference) await markBroken(this.equipment, m, item, actor, renderEquipmentNote({ key: 'reportFiled', params: { reference: ticket.reference } }, 'fr'));
          return [];
        },
      };
    });
  }

  /**
   * The director settles a report awaiting approval at the school instead of sending it on: the
   * answer goes to the reporter and resolves the ticket, without the service-target clock ever
   * starting. The reporter may still reopen it (back to the director) or it closes by itself.
   */
  answer(principal: Principal, id: number, body: unknown, actor: Actor): Promise<TicketDetail> {
    const { version, answer } = parse(TicketAnswer, body);
    return this.step(principal, id, version, actor, async (_manager, ticket) => {
      if (!isDirectorOf(principal, ticket.schoolId)) throw forbidden("Only the school's director answers reports awaiting approval");
      if (ticket.approval !== 'pending' || !isOpen(ticket)) throw invalidTransition('This report does not wait for approval');
      return {
        // Its item was never marked broken: the report did not leave the school.
        changes: { approval: 'answered', status: 'resolved', resolvedAt: new Date() },
        timeline: [{ kind: 'answered', body: answer }],
        audit: 'ticket.answered',
      };
    });
  }

  /** A resolved hardware report's item: see `settleItem`. */
  private async settleReportedItem(
    manager: EntityManager,
    principal: Principal,
    ticket: TicketEntity,
    chosen: Parameters<typeof settleItem>[5],
    actor: Actor,
  ): Promise<TimelineEntry[]> {
    const item = await reportedItem(manager, ticket);
    return item ? settleItem(this.equipment, manager, principal, ticket, item, chosen, actor) : [];
  }

  /** Public for the other step services (ticket-handover.service.ts). */
  ensureOpen(ticket: TicketEntity): void {
    if (!isOpen(ticket)) throw invalidTransition(`The ticket is ${ticket.status}`);
    if (ticket.approval === 'pending') throw invalidTransition("The report waits for the director's approval");
  }

  private ensureReporterOrStaff(principal: Principal, ticket: TicketEntity, place: Place): void {
    if (ticket.reporterUserId === principal.userId || isDirectorOf(principal, ticket.schoolId) || canWork(principal, place)) return;
    throw forbidden('Only the reporter, the director or support staff can do this');
  }

  /**
   * One checked step: loads the visible ticket (404), lets `decide` check rights and state and
   * say what changes, then saves it against `version` (409 when stale; comments skip it),
   * records the timeline, moves the item's status, and publishes after the commit.
   * Public for the other step services (ticket-handover.service.ts).
   */
  async step(
    principal: Principal,
    id: number,
    version: number | null,
    actor: Actor,
    decide: (manager: EntityManager, ticket: TicketEntity, place: Place) => Promise<Step>,
  ): Promise<TicketDetail> {
    const { after, place, step } = await this.equipment.transaction(async (manager) => {
      const { ticket, place } = await loadVisible(manager, principal, id);
      const step = await decide(manager, ticket, place);
      const moved = { ...step.changes, ...resumedClock(ticket, step.changes) };
      // Due dates move with the pauses (the commune's settings are read only then); the sweep's marks go when the clock starts over.
      const changes = { ...moved, ...(await clockChanges(ticket, moved, () => settingsOf(manager, ticket.communeId))) };
      if (version !== null) await saveTicket(manager, id, version, changes);
      else if (Object.keys(changes).length > 0) await saveTicket(manager, id, ticket.version, changes);
      const said = step.equipment ? await step.equipment(manager) : [];
      for (const entry of [...step.timeline, ...said]) await recordEvent(manager, id, actor, entry);
      if (step.audit) await this.audit.record(actor, { action: step.audit, targetType: 'ticket', targetId: id, communeId: ticket.communeId, details: { reference: ticket.reference } }, manager);
      // Who hears of it is decided by the ticket as it now stands: an approved report reaches the support.
      return { after: { ...ticket, ...changes }, place, step };
    });
    const detail = await ticketDetail(this.dataSource.manager, id, { principal, place });
    const audience = await ticketAudience(this.dataSource.manager, after);
    if (step.comment) {
      this.events.publish({ name: 'ticket:commented', payload: { ticketId: id, reference: detail.reference, internal: step.comment.internal }, audience: { ...audience, staffOnly: step.comment.internal } });
    }
    // An internal note changes nothing the reporter and followers see: not even its moment reaches them.
    const updatedFor = step.comment?.internal ? { ...audience, staffOnly: true } : audience;
    this.events.publish({ name: 'ticket:updated', payload: { ticketId: id, reference: detail.reference, status: detail.status, level: detail.level, version: detail.version }, audience: updatedFor });
    return detail;
  }
}

/** A move between levels as the timeline records it: the groups for people, the levels for the figures. */
function levelMove(kind: 'escalated' | 'deescalated', note: string, ticket: TicketEntity, routed: RoutedGroup): TimelineEntry {
  return {
    kind,
    body: note,
    from: groupAtLevel(ticket.groupLabel, ticket.level),
    to: groupAtLevel(routed.groupLabel, routed.decision.level),
    fromLevel: ticket.level,
    toLevel: routed.decision.level,
    rule: routed.decision.rule.name,
  };
}
