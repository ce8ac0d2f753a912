import { In, type EntityManager } from 'typeorm';
import type { CommuneEntity } from '../organisations/commune.entity';
import { SchoolEntity } from '../schools/school.entity';
import { RoomEntity } from '../schools/room.entity';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { stripAccents } from './csv-values';

/** What an import is for: a commune, or one school of it. */
export interface ImportScope {
  commune: CommuneEntity;
  school: SchoolEntity | null;
}

/** The commune's schools, rooms and equipment as they stand before the import, indexed for matching. */
export interface FleetSnapshot {
  schoolsByUai: Map<string, SchoolEntity>;
  schoolsById: Map<number, SchoolEntity>;
  /** Schools of other communes whose UAI the file names, to say where they belong. */
  foreignSchoolsByUai: Map<string, SchoolEntity>;
  /** Rooms by `roomKey(schoolId, name)`. */
  roomsByKey: Map<string, RoomEntity>;
  roomsById: Map<number, RoomEntity>;
  itemsById: Map<number, EquipmentEntity>;
  itemsByTag: Map<string, EquipmentEntity>;
  itemsBySerial: Map<string, EquipmentEntity[]>;
  /** How many items each container holds now. */
  heldCount: Map<number, number>;
}

/**
 * A room's identity within its school, as both engines compare names: MariaDB's
 * utf8mb4_unicode_ci ignores case and accents, so "Salle d'activités" and
 * "salle d'activites" are one room there and must be one room here too.
 */
export function roomKey(schoolId: number, name: string): string {
  const folded = stripAccents(name).toLowerCase().replace(/\s+/g, ' ').trim();
  return `${schoolId}:${folded}`;
}

export async function loadSnapshot(manager: EntityManager, commune: CommuneEntity, uaisInFile: string[]): Promise<FleetSnapshot> {
  const schools = await manager.getRepository(SchoolEntity).find({ where: { communeId: commune.id }, order: { id: 'ASC' } });
  const schoolIds = schools.map((school) => school.id);
  const rooms = schoolIds.length
    ? await manager.getRepository(RoomEntity).find({ where: { schoolId: In(schoolIds) }, order: { id: 'ASC' } })
    : [];
  const items = await manager.getRepository(EquipmentEntity).find({ where: { communeId: commune.id }, order: { id: 'ASC' } });
  const known = new Set(schools.map((school) => school.uai));
  const unknownUais = [...new Set(uaisInFile)].filter((uai) => !known.has(uai));
  const foreignSchools = unknownUais.length ? await manager.getRepository(SchoolEntity).findBy({ uai: In(unknownUais) }) : [];
  return buildSnapshot({ schools, rooms, items, foreignSchools });
}

/** Indexes the commune's records for matching. */
export function buildSnapshot(records: {
  schools: SchoolEntity[];
  rooms: RoomEntity[];
  items: EquipmentEntity[];
  foreignSchools: SchoolEntity[];
}): FleetSnapshot {
  const { schools, rooms, items, foreignSchools } = records;
  const roomsByKey = new Map<string, RoomEntity>();
  for (const room of rooms) {
    const key = roomKey(room.schoolId, room.name);
    const seen = roomsByKey.get(key);
    // SQLite may hold names that differ only by case; prefer the room still in use.
    if (!seen || (seen.retiredAt && !room.retiredAt)) roomsByKey.set(key, room);
  }

  const itemsBySerial = new Map<string, EquipmentEntity[]>();
  const heldCount = new Map<number, number>();
  for (const item of items) {
    if (item.serial) {
      const sameSerial = itemsBySerial.get(item.serial);
      if (sameSerial) sameSerial.push(item);
      else itemsBySerial.set(item.serial, [item]);
    }
    if (item.containerId !== null) heldCount.set(item.containerId, (heldCount.get(item.containerId) ?? 0) + 1);
  }

  return {
    schoolsByUai: new Map(schools.map((school) => [school.uai, school])),
    schoolsById: new Map(schools.map((school) => [school.id, school])),
    foreignSchoolsByUai: new Map(foreignSchools.map((school) => [school.uai, school])),
    roomsByKey,
    roomsById: new Map(rooms.map((room) => [room.id, room])),
    itemsById: new Map(items.map((item) => [item.id, item])),
    itemsByTag: new Map(items.map((item) => [item.assetTag, item])),
    itemsBySerial,
    heldCount,
  };
}
