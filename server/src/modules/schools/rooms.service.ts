import type { DataSource } from 'typeorm';
import { RoomCreate, RoomUpdate, Versioned, type Page, type Room, type RoomListQuery } from '@preau/shared';
import { AppError, fieldError, notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import { pageOf } from '../../http/pagination';
import { definedOnly, updateVersioned } from '../../db/versioned-update';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { RoomEntity } from './room.entity';
import { SchoolEntity } from './school.entity';

export function toRoom(r: RoomEntity): Room {
  return {
    id: r.id,
    schoolId: r.schoolId,
    name: r.name,
    description: r.description,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export class RoomsService {
  constructor(private readonly dataSource: DataSource) {}

  list(query: RoomListQuery): Promise<Page<Room>> {
    const qb = this.dataSource.getRepository(RoomEntity).createQueryBuilder('r').orderBy('r.name').addOrderBy('r.id');
    if (query.schoolId) qb.andWhere('r.schoolId = :schoolId', { schoolId: query.schoolId });
    if (!query.includeRetired) qb.andWhere('r.retiredAt IS NULL');
    if (query.q) qb.andWhere('r.name LIKE :q', { q: `%${query.q}%` });
    return pageOf(qb, query, (rows) => rows.map(toRoom));
  }

  async get(id: number): Promise<Room> {
    const room = await this.dataSource.getRepository(RoomEntity).findOneBy({ id });
    if (!room) throw notFound('Room', id);
    return toRoom(room);
  }

  async create(body: unknown): Promise<Room> {
    const input = parse(RoomCreate, body);
    const school = await this.dataSource.getRepository(SchoolEntity).findOneBy({ id: input.schoolId });
    if (!school) throw fieldError(['schoolId'], `School ${input.schoolId} does not exist`);
    if (school.retiredAt) throw fieldError(['schoolId'], `School ${school.name} is retired`, 'RECORD_RETIRED');
    const saved = await this.dataSource.getRepository(RoomEntity).save({ ...input, retiredAt: null });
    return toRoom(saved);
  }

  async update(id: number, body: unknown): Promise<Room> {
    const { version, ...changes } = parse(RoomUpdate, body);
    await updateVersioned(this.dataSource.manager, RoomEntity, 'Room', id, version, definedOnly(changes));
    return this.get(id);
  }

  /** Retires an empty room; equipment still in it must be moved first. */
  async retire(id: number, body: unknown): Promise<Room> {
    const { version } = parse(Versioned, body);
    await this.dataSource.transaction(async (manager) => {
      const active = await manager
        .getRepository(EquipmentEntity)
        .createQueryBuilder('e')
        .where('e.roomId = :id AND e.status <> :retired', { id, retired: 'retired' })
        .getCount();
      if (active > 0) throw new AppError(409, 'RECORD_IN_USE', `Room ${id} still holds ${active} items; move them first`);
      await updateVersioned(manager, RoomEntity, 'Room', id, version, { retiredAt: new Date() });
    });
    return this.get(id);
  }
}
