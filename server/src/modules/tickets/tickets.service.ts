import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TicketCreate, priorityOf, renderEquipmentNote, type TicketCreateParsed, type Page, type Ticket, type TicketDetail, type TicketListQuery } from '@preau/shared';
import { AppError, fieldError, notFound } from '../../http/app-error';
import { isUniqueViolation } from '../../db/driver-errors';
import { parse } from '../../http/validate';
import { PreparedSelect } from '../../db/prepared-select';
import type { Actor } from '../../http/actor';
import type { DomainEvents } from '../../events/domain-events';
import type { AuditService } from '../audit/audit.service';
import type { Place, Principal } from '../auth/principal';
import { placeOfSchool } from '../auth/places';
import { ensureTarget } from '../auth/guards';
import { EquipmentEntity } from '../equipment/equipment.entity';
import type { EquipmentService } from '../equipment/equipment.service';
import { equipmentById } from '../equipment/equipment-reads';
import { TicketEntity } from './ticket.entity';
import { canSee, followedBy, whereNotHeldAtSchool, whereTicketVisible } from './ticket-access';
import { dueDates, settingsOf } from './ticket-clock';
import { markBroken } from './ticket-equipment';
import { route, routingContext, type RoutedGroup } from './ticket-routing';
import { audienceOf, groupAtLevel, insertTimeline, isFollower, loadTicket, namesFor, ticketDetail } from './ticket-store';
import { readableByFollower } from './ticket-follower-access';
import { whereTextContains, searchTextOf } from './ticket-search';
import { breachedSql, toTicket } from './ticket-view';

const SORT_COLUMNS = {
  createdAt: 't.createdAt',
  priority: 't.priority',
  resolutionDueAt: 't.resolutionDueAt',
  updatedAt: 't.updatedAt',
  reference: 't.id',
} as const;

/** The report a reporter filed under an `Idempotency-Key`: its id only. */
const reportUnderKey = new PreparedSelect((manager) =>
  manager
    .getRepository(TicketEntity)
    .createQueryBuilder('t')
    .select(['t.id', 't.reference', 't.idempotencyFingerprint'])
    .where('t.reporterUserId = :reporterUserId AND t.idempotencyKey = :idempotencyKey'),
);

/** What a report says, once parsed (trimmed, defaults filled): two sends of the same report give the same. */
const fingerprintOf = (input: TicketCreateParsed) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

interface IdempotentKey {
  idempotencyKey: string;
  idempotencyFingerprint: string;
}

/** Incident reports: filing (routed by the rules), reading and listing within scope. */
export class TicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly equipment: EquipmentService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Files a report. With an `Idempotency-Key` a retry returns the ticket the first call made; the
   * key sent again with another report is refused (422), as the IETF draft on the header says.
   */
  async create(principal: Principal, body: unknown, actor: Actor, idempotencyKey: string | null): Promise<{ ticket: TicketDetail; replayed: boolean }> {
    const input = parse(TicketCreate, body);
    const key = idempotencyKey ? { idempotencyKey, idempotencyFingerprint: fingerprintOf(input) } : null;
    if (key) {
      const previous = await this.reportUnder(principal, key);
      if (previous) return { ticket: await this.get(principal, previous), replayed: true };
    }
    const filed = await this.fileReport(principal, input, actor, key).catch(async (error: unknown) => {
      // Two retries at once: the second trips on the unique key; it gets the first one's ticket.
      if (!key || !isUniqueViolation(error)) throw error;
      const first = await this.reportUnder(principal, key);
      if (!first) throw error;
      return { replayedId: first };
    });
    if ('replayedId' in filed) return { ticket: await this.get(principal, filed.replayedId), replayed: true };
    // The reporter may read what they just filed: no visibility check to repeat.
    const ticket = await ticketDetail(this.dataSource.manager, filed.id, { principal, place: filed.place }, { items: filed.item ? [filed.item] : [] });
    this.publishCreated(ticket);
    return { ticket, replayed: false };
  }

  /** The id of the report the principal filed under this key, if any; 422 when it says something else. */
  private async reportUnder(principal: Principal, key: IdempotentKey): Promise<number | null> {
    const previous = await reportUnderKey.one(this.dataSource.manager, { reporterUserId: principal.userId, idempotencyKey: key.idempotencyKey });
    if (!previous) return null;
    if (previous.idempotencyFingerprint !== null && previous.idempotencyFingerprint !== key.idempotencyFingerprint) {
      throw new AppError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        `This Idempotency-Key was used for report ${previous.reference ?? previous.id}, which says something else: send that report again, or use a new key for a new report`,
      );
    }
    return previous.id;
  }

  private fileReport(principal: Principal, input: TicketCreateParsed, actor: Actor, key: IdempotentKey | null): Promise<{ id: number; place: Place; item: EquipmentEntity | null }> {
    return this.equipment.transaction(async (manager) => {
      const place = await placeOfSchool(manager, input.schoolId);
      // Anyone who may read the school may report an incident there.
      ensureTarget(principal, 'inventory:read', place, 'schoolId', `School ${input.schoolId}`);
      const item = input.equipmentId ? await equipmentById.one(manager, { id: input.equipmentId }) : null;
      if (input.equipmentId && (!item || item.schoolId !== input.schoolId)) {
        throw fieldError(['equipmentId'], `Item ${input.equipmentId} is not in this school`);
      }
      const settings = await settingsOf(manager, place.communeId);
      // A security incident goes straight to the support (the director is told): it never waits.
      const needsApproval = settings.requireDirectorApproval && input.category !== 'security' && isTeacherOnlyIn(principal, input.schoolId);
      const routed = await route(manager, await routingContext(manager, input, { trigger: 'report' }, { place, ...(item ? { equipment: item } : {}) }));
      if ('refused' in routed) throw new AppError(422, 'ESCALATION_REFUSED', routed.refused);
      const now = new Date();
      const draft = {
        ...input,
        communeId: place.communeId,
        circonscriptionId: place.circonscriptionId!,
        priority: priorityOf(input.impact, input.urgency),
        status: 'new' as const,
        approval: needsApproval ? ('pending' as const) : ('not_required' as const),
        level: routed.decision.level,
        ...groupFields(routed),
        assigneeUserId: null,
        reporterUserId: principal.userId,
        routingRule: routed.decision.rule.name,
        routingReason: routed.decision.reason,
        outOfScope: routed.decision.outOfScope,
        directorInformed: routed.decision.notifyDirector,
        clockStartedAt: needsApproval ? null : now,
        pauses: null,
        idempotencyKey: key?.idempotencyKey ?? null,
        idempotencyFingerprint: key?.idempotencyFingerprint ?? null,
        reference: null,
      };
      const id = await insertTicket(manager, { ...draft, ...dueDates(settings, draft) });
      const reference = `INC-${now.getUTCFullYear()}-${String(id).padStart(6, '0')}`;
      // Raw SQL: naming the ticket is part of filing it, not an edit (the version stays 1).
      await manager.query('UPDATE ticket SET reference = ? WHERE id = ?', [reference, id]);
      await insertTimeline(manager, actor, [
        { ticketId: id, entry: { kind: 'created', body: input.description || null } },
        {
          ticketId: id,
          entry: {
            kind: 'routed',
            to: groupAtLevel(routed.groupLabel, routed.decision.level),
            toLevel: routed.decision.level,
            rule: routed.decision.rule.name,
            body: routed.decision.reason,
          },
        },
      ]);
      // A report held at the school is the school's until the director lets it go: the item is marked then.
      if (item && input.category === 'hardware' && !needsApproval) await markBroken(this.equipment, manager, item, actor, renderEquipmentNote({ key: 'reportFiled', params: { reference } }, 'fr')!);
      await this.audit.record(actor, { action: 'ticket.created', targetType: 'ticket', targetId: id, communeId: place.communeId, details: { reference } }, manager);
      return { id, place, item };
    });
  }

  async list(principal: Principal, query: TicketListQuery): Promise<Page<Ticket>> {
    const qb = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t');
    whereTicketVisible(qb, principal);
    whereNotHeldAtSchool(qb, principal);
    const statuses = query.status === undefined ? [] : [query.status].flat();
    if (statuses.length > 0) qb.andWhere('t.status IN (:...statuses)', { statuses });
    if (query.level) qb.andWhere('t.level = :level', { level: query.level });
    if (query.group) qb.andWhere('t.groupKind = :group', { group: query.group });
    if (query.schoolId) qb.andWhere('t.schoolId = :schoolId', { schoolId: query.schoolId });
    if (query.equipmentId) qb.andWhere('t.equipmentId = :equipmentId', { equipmentId: query.equipmentId });
    if (query.category) qb.andWhere('t.category = :category', { category: query.category });
    if (query.assigneeId) qb.andWhere('t.assigneeUserId = :assigneeId', { assigneeId: query.assigneeId });
    if (query.priority) qb.andWhere('t.priority = :priority', { priority: query.priority });
    if (query.mine) qb.andWhere(`(t.reporterUserId = :me OR t.id IN (${followedBy('me')}))`, { me: principal.userId });
    if (query.breached !== undefined) {
      // The `breached` field's own definition, so the filter and the flag on each ticket agree.
      const late = breachedSql('t', 'now');
      qb.andWhere(query.breached ? late : `NOT ${late}`, { now: new Date() });
    }
    if (query.q) whereTextContains(qb, query.q);
    const [rows, total] = await qb
      .orderBy(SORT_COLUMNS[query.sort.field], query.sort.direction)
      .addOrderBy('t.id', query.sort.direction)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const names = await namesFor(this.dataSource.manager, rows);
    return { items: rows.map((t) => toTicket(t, names.get(t.id)!)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(principal: Principal, id: number): Promise<TicketDetail> {
    const manager = this.dataSource.manager;
    const { ticket, place, follows } = await loadVisible(manager, principal, id);
    return ticketDetail(manager, ticket.id, { principal, place, follows });
  }

  private publishCreated(ticket: TicketDetail): void {
    this.events.publish({
      name: 'ticket:created',
      payload: { ticketId: ticket.id, reference: ticket.reference },
      // A new report has no followers yet.
      audience: audienceOf({ id: ticket.id, schoolId: ticket.school.id, communeId: ticket.communeId, reporterUserId: ticket.reporter.id, approval: ticket.approval, category: ticket.category }, []),
    });
  }
}

/**
 * Writes a new ticket and returns its id, without reading the row back: the columns the
 * database fills are read once, when the answer is built after the commit.
 */
async function insertTicket(manager: EntityManager, values: QueryDeepPartialEntity<TicketEntity> & { title: string; description: string }): Promise<number> {
  const result = await manager.createQueryBuilder().insert().into(TicketEntity).updateEntity(false).values({ ...values, searchText: searchTextOf(values) }).execute();
  const generated = manager.connection.driver.createGeneratedMap(manager.connection.getMetadata(TicketEntity), result.raw, 0, 1) as { id?: number } | undefined;
  if (generated?.id === undefined) throw new Error('the database did not report the new ticket id');
  return Number(generated.id);
}

/**
 * The ticket and its school's place, or 404 when hidden from the principal. `follows` is set
 * when following is what lets them see it (then known without another lookup). Following lets
 * one read a report only while it stays shared with colleagues: once it waits for the director
 * again or becomes a security report, or the follower leaves the school, it is hidden (the
 * follow is kept, and counts again if the report is shared again).
 */
export async function loadVisible(manager: EntityManager, principal: Principal, id: number): Promise<{ ticket: TicketEntity; place: Place; follows?: true }> {
  const { ticket, place } = await loadTicket(manager, id);
  if (canSee(principal, ticket, place)) return { ticket, place };
  if (readableByFollower(principal, ticket, place) && (await isFollower(manager, id, principal.userId))) return { ticket, place, follows: true };
  throw notFound('Ticket', id);
}

export function groupFields(routed: RoutedGroup) {
  return {
    groupKind: routed.groupKind,
    groupOrganisationId: routed.groupOrganisationId,
    groupExternalName: routed.groupExternalName,
    groupLabel: routed.groupLabel,
  };
}

/** A teacher of the school who is not also its director or support staff: their report may need approval. */
function isTeacherOnlyIn(principal: Principal, schoolId: number): boolean {
  const here = principal.memberships.filter((m) => m.organisationId === schoolId || m.organisationKind !== 'school');
  return here.some((m) => m.role === 'teacher') && !principal.memberships.some((m) => m.role !== 'teacher');
}
