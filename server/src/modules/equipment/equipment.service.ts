import { type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  CONTAINER_KINDS,
  EquipmentCreate,
  EquipmentUpdate,
  RetireRequest,
  checkFunding,
  renderEquipmentNote,
  type Equipment,
  type EquipmentCreateParsed,
  type EquipmentDetail,
  type EquipmentEvent,
  type EquipmentListQuery,
  type EquipmentSortField,
  type EquipmentUpdateParsed,
  type FieldIssue,
  type Page,
} from '@preau/shared';
import { AppError, notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import { definedOnly, updateVersioned } from '../../db/versioned-update';
import { engineOf } from '../../db/data-source';
import type { Actor } from '../../http/actor';
import { EquipmentEntity } from './equipment.entity';
import { equipmentById, equipmentStates } from './equipment-reads';
import { EquipmentEventEntity } from './equipment-event.entity';
import { EquipmentSearchTermEntity } from './equipment-search-term.entity';
import { descendantsOf, resolveLocation } from './equipment-location';
import { recordChanges, recordCreation, type TrackedState } from './equipment-history';
import { likePrefix, prefixUpperBound, queryWords, searchTermsFor } from './search-terms';
import { toEquipment, toEquipmentEvent, today } from './equipment-view';
import type { AuditService } from '../audit/audit.service';
import type { DomainEvents } from '../../events/domain-events';
import { scopeOf, type Principal } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';
import { placeOf, placeOfCommune, placeOfSchool } from '../auth/places';
import { RoomEntity } from '../schools/room.entity';
import { ensureAllowed, ensureTarget, ensureVisible } from '../auth/guards';

const SORT_COLUMNS: Record<EquipmentSortField, string> = {
  assetTag: 'e.assetTag',
  kind: 'e.kind',
  status: 'e.status',
  model: 'e.model',
  purchaseDate: 'e.purchaseDate',
  warrantyEndsOn: 'e.warrantyEndsOn',
  createdAt: 'e.createdAt',
  updatedAt: 'e.updatedAt',
};

/** A patch as applied in bulk work; without `version` the row is updated whatever its version. */
export type EquipmentPatch = Omit<EquipmentUpdateParsed, 'version'> & { version?: number };

const tracked = (e: EquipmentEntity): TrackedState => ({
  status: e.status,
  schoolId: e.schoolId,
  roomId: e.roomId,
  containerId: e.containerId,
});

/** Where an item stands: its commune, and its school unless it is commune stock. */
type ItemPlace = Pick<EquipmentEntity, 'communeId' | 'schoolId'>;

/** The fleet inventory: items, where they stand, what holds them, and their history. */
export class EquipmentService {
  /** Items written in each open transaction, with where they stood before: announced after the commit. */
  private readonly written = new WeakMap<EntityManager, Map<number, ItemPlace[]>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * One transaction; once it has committed, `equipment:updated` for every item written in it
   * through `createWith`/`updateWith`, to the readers of where it stands and of where it stood.
   * Callers that write items in their own transaction use this instead of `dataSource.transaction`.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let used: EntityManager | undefined;
    const result = await this.dataSource.transaction((manager) => {
      used = manager;
      return work(manager);
    });
    if (used) await this.announceWritten(used);
    return result;
  }

  async list(principal: Principal, query: EquipmentListQuery): Promise<Page<Equipment>> {
    const qb = this.withRelations(this.dataSource.manager.getRepository(EquipmentEntity).createQueryBuilder('e'));
    whereInScope(qb, scopeOf(principal, 'inventory:read'), { commune: 'e.commune_id', school: 'e.school_id' });
    this.applyFilters(qb, query);
    const [items, total] = await qb
      .orderBy(SORT_COLUMNS[query.sort.field], query.sort.direction)
      .addOrderBy('e.id', query.sort.direction)
      // Only many-to-one joins: plain LIMIT/OFFSET is exact and avoids TypeORM's two-query paging.
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .getManyAndCount();
    const day = today();
    return { items: items.map((item) => toEquipment(item, day)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(principal: Principal, id: number): Promise<EquipmentDetail> {
    await this.ensureReadable(principal, id);
    return this.detail(this.dataSource.manager, id);
  }

  async create(principal: Principal, body: unknown, actor: Actor): Promise<EquipmentDetail> {
    const input = parse(EquipmentCreate, body);
    const created = await this.transaction(async (manager) => {
      // Before anything is written: no clash or detail may reveal what lies outside the scope.
      await this.ensureReferencesWritable(manager, principal, input);
      const item = await this.createWith(manager, input, actor);
      await this.ensureDestinationWritable(manager, principal, item);
      await this.audit.record(actor, { action: 'equipment.created', targetType: 'equipment', targetId: item.id, communeId: item.communeId, details: { assetTag: item.assetTag } }, manager);
      return item;
    });
    return this.detail(this.dataSource.manager, created.id);
  }

  async update(principal: Principal, id: number, body: unknown, actor: Actor): Promise<EquipmentDetail> {
    const patch = parse(EquipmentUpdate, body);
    await this.transaction(async (manager) => {
      await this.ensureWritable(manager, principal, id);
      await this.ensureReferencesWritable(manager, principal, patch);
      const updated = await this.updateWith(manager, id, patch, actor);
      await this.ensureDestinationWritable(manager, principal, updated);
      await this.audit.record(actor, { action: 'equipment.updated', targetType: 'equipment', targetId: id, communeId: updated.communeId, details: { fields: Object.keys(definedOnly(patch)).filter((f) => f !== 'version') } }, manager);
    });
    return this.detail(this.dataSource.manager, id);
  }

  /** Takes an item out of service for good; a trolley must be emptied first. */
  async retire(principal: Principal, id: number, body: unknown, actor: Actor): Promise<EquipmentDetail> {
    const { version, note } = parse(RetireRequest, body);
    await this.transaction((manager) => this.retireWith(manager, principal, id, { version, note }, actor));
    return this.detail(this.dataSource.manager, id);
  }

  /**
   * `retire` inside the caller's transaction (a ticket's resolution retires through it too):
   * 403 without `inventory:write` on the item, taken out of its trolley, audited.
   */
  async retireWith(manager: EntityManager, principal: Principal, id: number, { version, note }: { version?: number; note: string | null }, actor: Actor): Promise<EquipmentEntity> {
    await this.ensureWritable(manager, principal, id);
    const retired = await this.updateWith(manager, id, { version, status: 'retired', containerId: null }, actor, note);
    await this.audit.record(actor, { action: 'equipment.retired', targetType: 'equipment', targetId: id, communeId: retired.communeId, details: { note } }, manager);
    return retired;
  }

  async history(principal: Principal, id: number): Promise<EquipmentEvent[]> {
    await this.ensureReadable(principal, id);
    const events = await this.dataSource
      .getRepository(EquipmentEventEntity)
      .find({ where: { equipmentId: id }, order: { id: 'DESC' } });
    return events.map(toEquipmentEvent);
  }

  /** Creates an item inside the caller's transaction, with its search terms and history. */
  async createWith(manager: EntityManager, input: EquipmentCreateParsed, actor: Actor, note: string | null = null): Promise<EquipmentEntity> {
    const location = await resolveLocation(manager, { itemId: null, ...input });
    const { communeId: _requested, ...fields } = input;
    const repository = manager.getRepository(EquipmentEntity);
    const entity = await repository.save(repository.create({ ...fields, ...location }));
    await this.writeSearchTerms(manager, entity, { fresh: true });
    await recordCreation(manager, entity.id, actor, note);
    this.noteWritten(manager, entity.id, null);
    if (location.containerId !== null) {
      await recordChanges(manager, entity.id, { ...tracked(entity), containerId: null }, tracked(entity), actor, note);
    }
    return entity;
  }

  /**
   * Applies a partial update inside the caller's transaction: checks the merged record,
   * moves what a trolley holds along with it, and records every tracked change. `read` is the
   * item as the caller read it in this same transaction, if it did: it is not read again.
   */
  async updateWith(
    manager: EntityManager,
    id: number,
    patch: EquipmentPatch,
    actor: Actor,
    note: string | null = null,
    read?: EquipmentEntity,
  ): Promise<EquipmentEntity> {
    const repository = manager.getRepository(EquipmentEntity);
    const current = read?.id === id ? read : await equipmentById.one(manager, { id });
    if (!current) throw notFound('Equipment', id);
    const { version, ...requested } = patch;
    const changes = definedOnly(requested);

    const funding = mergeFunding(current, changes);
    const merged = { ...current, ...changes, ...funding };
    const fundingIssues: FieldIssue[] = [];
    checkFunding(merged, { addIssue: (issue: { path?: (string | number)[]; message?: string }) => {
      fundingIssues.push({ path: issue.path ?? [], message: issue.message ?? 'Invalid funding' });
    } } as never);
    if (fundingIssues.length > 0) throw new AppError(422, 'VALIDATION_FAILED', 'Invalid funding', fundingIssues);

    if (merged.status === 'retired' && current.status !== 'retired' && CONTAINER_KINDS.includes(current.kind)) {
      const held = await repository.countBy({ containerId: id });
      if (held > 0) throw new AppError(409, 'CONTAINER_NOT_EMPTY', `${current.assetTag} still holds ${held} items; take them out first`);
    }
    if (merged.kind !== current.kind && !CONTAINER_KINDS.includes(merged.kind) && (await repository.countBy({ containerId: id })) > 0) {
      throw new AppError(409, 'CONTAINER_NOT_EMPTY', `${current.assetTag} holds items, so it must stay a trolley`);
    }

    const location = await resolveLocation(manager, this.locationRequest(current, changes));
    const row = { ...changes, ...funding, ...location };
    if (version === undefined) {
      await repository.createQueryBuilder().update().set(row).where('id = :id', { id }).execute();
    } else {
      await updateVersioned(manager, EquipmentEntity, 'Equipment', id, version, row);
    }
    const updated = (await equipmentById.one(manager, { id }))!;
    this.noteWritten(manager, id, current);
    await recordChanges(manager, id, tracked(current), tracked(updated), actor, note);
    if (['assetTag', 'serial', 'model', 'hostname'].some((field) => field in changes)) {
      await this.writeSearchTerms(manager, updated);
    }
    if (updated.schoolId !== current.schoolId || updated.roomId !== current.roomId) {
      await this.moveHeldItems(manager, updated, actor);
    }
    return updated;
  }

  private async ensureReadable(principal: Principal, id: number): Promise<void> {
    const item = await this.dataSource.getRepository(EquipmentEntity).findOne({ where: { id }, select: { communeId: true, schoolId: true } });
    ensureVisible(principal, item && (await placeOf(this.dataSource.manager, item)), 'Equipment', id);
  }

  private async ensureWritable(manager: EntityManager, principal: Principal, id: number): Promise<void> {
    const item = await manager.getRepository(EquipmentEntity).findOne({ where: { id }, select: { communeId: true, schoolId: true } });
    ensureAllowed(principal, 'inventory:write', item && (await placeOf(manager, item)), 'Equipment', id);
  }

  /** Every school, room, trolley or commune a request names must be one the principal may write to. */
  private async ensureReferencesWritable(
    manager: EntityManager,
    principal: Principal,
    refs: { communeId?: number | null; schoolId?: number | null; roomId?: number | null; containerId?: number | null },
  ): Promise<void> {
    const write = 'inventory:write';
    if (refs.containerId) {
      const container = await manager.getRepository(EquipmentEntity).findOne({ where: { id: refs.containerId }, select: { communeId: true, schoolId: true } });
      ensureTarget(principal, write, container && (await placeOf(manager, container)), 'containerId', `Item ${refs.containerId}`);
    }
    if (refs.schoolId) ensureTarget(principal, write, await placeOfSchool(manager, refs.schoolId), 'schoolId', `School ${refs.schoolId}`);
    if (refs.communeId) ensureTarget(principal, write, await placeOfCommune(manager, refs.communeId), 'communeId', `Commune ${refs.communeId}`);
    if (refs.roomId) {
      const room = await manager.getRepository(RoomEntity).findOne({ where: { id: refs.roomId }, select: { schoolId: true } });
      ensureTarget(principal, write, room && (await placeOfSchool(manager, room.schoolId)), 'roomId', `Room ${refs.roomId}`);
    }
  }

  /** A move must not take an item where its mover may not write (moves across scopes need both sides). */
  private async ensureDestinationWritable(manager: EntityManager, principal: Principal, item: EquipmentEntity): Promise<void> {
    const field = item.schoolId === null ? 'communeId' : 'schoolId';
    const label = item.schoolId === null ? `Commune ${item.communeId}` : `School ${item.schoolId}`;
    ensureTarget(principal, 'inventory:write', await placeOf(manager, item), field, label);
  }

  private locationRequest(current: EquipmentEntity, changes: Partial<EquipmentPatch>) {
    const containerChanged = changes.containerId !== undefined && changes.containerId !== current.containerId;
    const leavingContainer = containerChanged && changes.containerId === null;
    const staysContained = !containerChanged && current.containerId !== null;
    const schoolId = changes.schoolId !== undefined ? changes.schoolId : current.schoolId;
    const schoolChanged = schoolId !== current.schoolId;
    // A room belongs to a school: changing school without naming a room leaves the item roomless.
    const roomId = changes.roomId !== undefined ? changes.roomId : schoolChanged ? null : current.roomId;
    if (staysContained && (schoolChanged || roomId !== current.roomId)) {
      return { itemId: current.id, kind: changes.kind ?? current.kind, communeId: current.communeId, schoolId, roomId, containerId: current.containerId };
    }
    return {
      itemId: current.id,
      kind: changes.kind ?? current.kind,
      communeId: current.communeId,
      // Taken out of a trolley, an item stays where the trolley stood unless told otherwise.
      schoolId: leavingContainer && changes.schoolId === undefined ? current.schoolId : schoolId,
      roomId: leavingContainer && changes.roomId === undefined ? current.roomId : roomId,
      containerId: containerChanged ? changes.containerId! : current.containerId,
    };
  }

  /** Moving a trolley moves everything it holds, each move in that item's history. */
  private async moveHeldItems(manager: EntityManager, container: EquipmentEntity, actor: Actor): Promise<void> {
    const held = await descendantsOf(manager, container.id);
    if (held.length === 0) return;
    await manager
      .createQueryBuilder()
      .update(EquipmentEntity)
      .set({ schoolId: container.schoolId, roomId: container.roomId })
      .where('id IN (:...ids)', { ids: held.map((item) => item.id) })
      .execute();
    const note = renderEquipmentNote({ key: 'movedWithContainer', params: { assetTag: container.assetTag } }, 'fr');
    for (const item of held) {
      this.noteWritten(manager, item.id, item);
      await recordChanges(manager, item.id, tracked(item), { ...tracked(item), schoolId: container.schoolId, roomId: container.roomId }, actor, note);
    }
  }

  private noteWritten(manager: EntityManager, id: number, before: ItemPlace | null): void {
    let items = this.written.get(manager);
    if (!items) this.written.set(manager, (items = new Map()));
    const places = items.get(id) ?? [];
    if (before) places.push({ communeId: before.communeId, schoolId: before.schoolId });
    items.set(id, places);
  }

  private async announceWritten(manager: EntityManager): Promise<void> {
    const items = this.written.get(manager);
    this.written.delete(manager);
    if (!items || items.size === 0) return;
    const ids = [...items.keys()];
    try {
      for (let start = 0; start < ids.length; start += 500) {
        const rows = await equipmentStates.many(this.dataSource.manager, { ids: ids.slice(start, start + 500) });
        for (const row of rows) {
          // Where it stands now and where it stood: a move is news on both sides.
          const places = new Map([row, ...(items.get(row.id) ?? [])].map((at) => [`${at.communeId}:${at.schoolId}`, at]));
          for (const at of places.values()) {
            this.events.publish({
              name: 'equipment:updated',
              payload: { equipmentId: row.id, status: row.status, version: row.version },
              audience: { schoolId: at.schoolId, communeId: at.communeId },
            });
          }
        }
      }
    } catch {
      // The change is committed; a live event is only a hint to reload, never worth failing it.
    }
  }

  private async writeSearchTerms(manager: EntityManager, item: EquipmentEntity, { fresh = false } = {}): Promise<void> {
    const repository = manager.getRepository(EquipmentSearchTermEntity);
    // A new item has no terms yet; deleting anyway takes a gap lock on MariaDB that makes
    // concurrent creations deadlock.
    if (!fresh) await repository.delete({ equipmentId: item.id });
    const terms = searchTermsFor(item).map((term) => ({ term, equipmentId: item.id }));
    if (terms.length > 0) await repository.insert(terms);
  }

  private async detail(manager: EntityManager, id: number): Promise<EquipmentDetail> {
    const item = await this.withRelations(manager.getRepository(EquipmentEntity).createQueryBuilder('e'))
      .where('e.id = :id', { id })
      .getOne();
    if (!item) throw notFound('Equipment', id);
    const day = today();
    const children = CONTAINER_KINDS.includes(item.kind)
      ? await this.withRelations(manager.getRepository(EquipmentEntity).createQueryBuilder('e'))
          .where('e.containerId = :id', { id })
          .orderBy('e.kind')
          .addOrderBy('e.assetTag')
          .getMany()
      : [];
    return { ...toEquipment(item, day), children: children.map((child) => toEquipment(child, day)) };
  }

  private withRelations(qb: SelectQueryBuilder<EquipmentEntity>): SelectQueryBuilder<EquipmentEntity> {
    return qb
      .leftJoinAndSelect('e.commune', 'commune')
      .leftJoinAndSelect('e.school', 'school')
      .leftJoinAndSelect('e.room', 'room')
      .leftJoinAndSelect('e.container', 'container');
  }

  private applyFilters(qb: SelectQueryBuilder<EquipmentEntity>, query: EquipmentListQuery): void {
    if (query.schoolId) qb.andWhere('e.schoolId = :schoolId', { schoolId: query.schoolId });
    if (query.communeId) qb.andWhere('e.communeId = :communeId', { communeId: query.communeId });
    if (query.circonscriptionId) qb.andWhere('school.circonscriptionId = :cid', { cid: query.circonscriptionId });
    if (query.roomId) qb.andWhere('e.roomId = :roomId', { roomId: query.roomId });
    if (query.containerId) qb.andWhere('e.containerId = :containerId', { containerId: query.containerId });
    if (query.funding) qb.andWhere('e.funding = :funding', { funding: query.funding });
    const kinds = query.kind === undefined ? [] : [query.kind].flat();
    if (kinds.length > 0) qb.andWhere('e.kind IN (:...kinds)', { kinds });
    const statuses = query.status === undefined ? [] : [query.status].flat();
    if (statuses.length > 0) qb.andWhere('e.status IN (:...statuses)', { statuses });
    else if (!query.includeRetired) qb.andWhere('e.status <> :retired', { retired: 'retired' });

    const sqlite = engineOf(this.dataSource) === 'sqlite';
    queryWords(query.q ?? '').forEach((word, index) => {
      const match = sqlite ? `t.term >= :lo${index} AND t.term < :hi${index}` : `t.term LIKE :like${index}`;
      qb.andWhere(`e.id IN (SELECT t.equipment_id FROM equipment_search_term t WHERE ${match})`, {
        [`lo${index}`]: word,
        [`hi${index}`]: prefixUpperBound(word),
        [`like${index}`]: likePrefix(word),
      });
    });
  }
}

/** Leaving a State subsidy clears its programme and amount, so a form need not clear them by hand. */
function mergeFunding(current: EquipmentEntity, changes: Partial<EquipmentPatch>) {
  if (changes.funding && changes.funding !== 'state_subsidy' && current.funding === 'state_subsidy') {
    return {
      fundingProgramme: changes.fundingProgramme ?? null,
      fundingAmountCents: changes.fundingAmountCents ?? null,
    };
  }
  return {};
}
