import type { DataSource } from 'typeorm';
import { RoomCreate, RoomUpdate, Versioned, type Page, type Room, type RoomListQuery } from '@preau/shared';
import { AppError, fieldError, notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import { pageOf } from '../../http/pagination';
import { definedOnly, updateVersioned } from '../../db/versioned-update';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { RoomEntity } from './room.entity';
import type { Actor } from '../../http/actor';
import type { AuditService } from '../audit/audit.service';
import { scopeOf, type Principal } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';
import { placeOfSchool } from '../auth/places';
import { ensureAllowed, ensureTarget, ensureVisible } from '../auth/guards';
import { SchoolEntity } from './school.entity';

export function toRoom(r: RoomEntity): Room {
  return {
    id: r.id,
    schoolId: r.schoolId,
    name: r.name,
    use: r.use,
    description: r.description,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export class RoomsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(principal: Principal, query: RoomListQuery): Promise<Page<Room>> {
    const qb = this.dataSource
      .getRepository(RoomEntity)
      .createQueryBuilder('r')
      .innerJoin('r.school', 'school')
      .orderBy('r.name')
      .addOrderBy('r.id');
    whereInScope(qb, scopeOf(principal, 'inventory:read'), { commune: 'school.commune_id', school: 'r.school_id' });
    if (query.schoolId) qb.andWhere('r.schoolId = :schoolId', { schoolId: query.schoolId });
    if (!query.includeRetired) qb.andWhere('r.retiredAt IS NULL');
    if (query.q) qb.andWhere('r.name LIKE :q', { q: `%${query.q}%` });
    return pageOf(qb, query, (rows) => rows.map(toRoom));
  }

  async get(principal: Principal, id: number): Promise<Room> {
    const room = await this.dataSource.getRepository(RoomEntity).findOneBy({ id });
    ensureVisible(principal, room && (await placeOfSchool(this.dataSource.manager, room.schoolId)), 'Room', id);
    return toRoom(room!);
  }

  private async view(id: number): Promise<Room> {
    const room = await this.dataSource.getRepository(RoomEntity).findOneBy({ id });
    if (!room) throw notFound('Room', id);
    return toRoom(room);
  }

  /** The room's school place, after checking the principal may change it (404 outside, 403 without the right). */
  private async writablePlace(principal: Principal, id: number) {
    const room = await this.dataSource.getRepository(RoomEntity).findOneBy({ id });
    const place = room && (await placeOfSchool(this.dataSource.manager, room.schoolId));
    ensureAllowed(principal, 'inventory:write', place, 'Room', id);
    return place;
  }

  async create(principal: Principal, body: unknown, actor: Actor): Promise<Room> {
    const input = parse(RoomCreate, body);
    const place = await placeOfSchool(this.dataSource.manager, input.schoolId);
    ensureTarget(principal, 'inventory:write', place, 'schoolId', `School ${input.schoolId}`);
    const school = await this.dataSource.getRepository(SchoolEntity).findOneBy({ id: input.schoolId });
    if (!school) throw fieldError(['schoolId'], `School ${input.schoolId} does not exist`);
    if (school.retiredAt) throw fieldError(['schoolId'], `School ${school.name} is retired`, 'RECORD_RETIRED');
    const saved = await this.dataSource.transaction(async (manager) => {
      const room = await manager.getRepository(RoomEntity).save({ ...input, retiredAt: null });
      await this.audit.record(actor, { action: 'room.created', targetType: 'room', targetId: room.id, communeId: place.communeId, details: input }, manager);
      return room;
    });
    return toRoom(saved);
  }

  async update(principal: Principal, id: number, body: unknown, actor: Actor): Promise<Room> {
    const { version, ...changes } = parse(RoomUpdate, body);
    const place = await this.writablePlace(principal, id);
    await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, RoomEntity, 'Room', id, version, definedOnly(changes));
      await this.audit.record(actor, { action: 'room.updated', targetType: 'room', targetId: id, communeId: place.communeId, details: definedOnly(changes) }, manager);
    });
    return this.view(id);
  }

  /** Retires an empty room; equipment still in it must be moved first. */
  async retire(principal: Principal, id: number, body: unknown, actor: Actor): Promise<Room> {
    const { version } = parse(Versioned, body);
    const place = await this.writablePlace(principal, id);
    await this.dataSource.transaction(async (manager) => {
      const active = await manager
        .getRepository(EquipmentEntity)
        .createQueryBuilder('e')
        .where('e.roomId = :id AND e.status <> :retired', { id, retired: 'retired' })
        .getCount();
      if (active > 0) throw new AppError(409, 'RECORD_IN_USE', `Room ${id} still holds ${active} items; move them first`);
      await updateVersioned(manager, RoomEntity, 'Room', id, version, { retiredAt: new Date() });
      await this.audit.record(actor, { action: 'room.retired', targetType: 'room', targetId: id, communeId: place.communeId }, manager);
    });
    return this.view(id);
  }
}
