import { type EntityManager, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AcademyEntity } from '../../../server/src/modules/organisations/academy.entity';
import { CirconscriptionEntity } from '../../../server/src/modules/organisations/circonscription.entity';
import { CommuneEntity } from '../../../server/src/modules/organisations/commune.entity';
import { SchoolEntity } from '../../../server/src/modules/schools/school.entity';
import { RoomEntity } from '../../../server/src/modules/schools/room.entity';
import { EquipmentEntity } from '../../../server/src/modules/equipment/equipment.entity';
import { EquipmentEventEntity } from '../../../server/src/modules/equipment/equipment-event.entity';
import { EquipmentSearchTermEntity } from '../../../server/src/modules/equipment/equipment-search-term.entity';
import { searchTermsFor } from '../../../server/src/modules/equipment/search-terms';
import type { SeedDataset, SeedItem } from './dataset';

export interface WriteOptions {
  /** Recorded as the author of each item's `created` event. */
  actor: string;
  /** Creation time of every row. */
  now: Date;
  /** Rows per INSERT statement. */
  chunkSize?: number;
}

export interface WrittenDataset {
  academyId: number;
  communeIds: Map<string, number>;
  schools: number;
  rooms: number;
  equipment: number;
  events: number;
  searchTerms: number;
}

/** Below SQLite's 32,766 bound parameters for the widest table (24 columns). */
const DEFAULT_CHUNK_SIZE = 500;

/**
 * Writes a dataset with multi-row inserts. The académie, circonscriptions and communes are
 * reused when they exist (matched by code, name and INSEE code); schools, rooms and items are
 * always new rows, so a clash with an existing UAI or asset tag fails the caller's transaction.
 * Run it inside a transaction: half a dataset is worse than none.
 */
export async function writeDataset(manager: EntityManager, data: SeedDataset, options: WriteOptions): Promise<WrittenDataset> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const stamp = { createdAt: options.now, updatedAt: options.now, version: 1 };
  const insert = <E extends ObjectLiteral>(entity: EntityTarget<E>, rows: QueryDeepPartialEntity<E>[]) =>
    insertInChunks(manager, entity, rows, chunkSize);

  const academyId = await findOrInsert(manager, AcademyEntity, { code: data.academy.code }, { ...data.academy, ...stamp });
  const circonscriptionIds = new Map<string, number>();
  for (const { name } of data.circonscriptions) {
    circonscriptionIds.set(name, await findOrInsert(manager, CirconscriptionEntity, { academyId, name }, { academyId, name, ...stamp }));
  }
  const communeIds = new Map<string, number>();
  for (const commune of data.communes) {
    const row = { name: commune.name, inseeCode: commune.inseeCode, academyId, ...stamp };
    communeIds.set(commune.inseeCode, await findOrInsert(manager, CommuneEntity, { inseeCode: commune.inseeCode }, row));
  }
  const communeId = (inseeCode: string) => required(communeIds, inseeCode, 'commune');

  await insert(
    SchoolEntity,
    data.schools.map((school) => ({
      uai: school.uai,
      name: school.name,
      type: school.type,
      address: school.address,
      postalCode: school.postalCode,
      communeId: communeId(school.communeInseeCode),
      circonscriptionId: required(circonscriptionIds, school.circonscriptionName, 'circonscription'),
      retiredAt: null,
      ...stamp,
    })),
  );
  const schoolIds = new Map<string, number>();
  for (const uais of chunks(data.schools.map((school) => school.uai), chunkSize)) {
    const rows = await manager.find(SchoolEntity, { select: { id: true, uai: true }, where: { uai: In(uais) } });
    for (const row of rows) schoolIds.set(row.uai, row.id);
  }
  const schoolId = (uai: string) => required(schoolIds, uai, 'school');

  await insert(
    RoomEntity,
    data.schools.flatMap((school) =>
      school.rooms.map((room) => ({ schoolId: schoolId(school.uai), name: room.name, use: room.use, description: room.description, retiredAt: null, ...stamp })),
    ),
  );
  const roomIds = new Map<string, number>();
  for (const ids of chunks([...schoolIds.values()], chunkSize)) {
    const rows = await manager.find(RoomEntity, { select: { id: true, schoolId: true, name: true }, where: { schoolId: In(ids) } });
    for (const row of rows) roomIds.set(`${row.schoolId}/${row.name}`, row.id);
  }

  const equipmentIds = new Map<string, number>();
  const equipmentKey = (inseeCode: string, assetTag: string) => `${inseeCode}/${assetTag}`;
  const readEquipmentIds = async () => {
    for (const [inseeCode, id] of communeIds) {
      const rows = await manager.find(EquipmentEntity, { select: { id: true, assetTag: true }, where: { communeId: id } });
      for (const row of rows) equipmentIds.set(equipmentKey(inseeCode, row.assetTag), row.id);
    }
  };
  const toRow = (item: SeedItem): QueryDeepPartialEntity<EquipmentEntity> => {
    const school = item.schoolUai === null ? null : schoolId(item.schoolUai);
    return {
      kind: item.kind,
      status: item.status,
      assetTag: item.assetTag,
      brand: item.brand,
      model: item.model,
      serial: item.serial,
      macAddress: item.macAddress,
      hostname: item.hostname,
      communeId: communeId(item.communeInseeCode),
      schoolId: school,
      roomId: school === null || item.roomName === null ? null : required(roomIds, `${school}/${item.roomName}`, 'room'),
      containerId:
        item.containerAssetTag === null
          ? null
          : required(equipmentIds, equipmentKey(item.communeInseeCode, item.containerAssetTag), 'container'),
      purchaseDate: item.purchaseDate,
      purchasePriceCents: item.purchasePriceCents,
      supplier: item.supplier,
      warrantyEndsOn: item.warrantyEndsOn,
      funding: item.funding,
      fundingProgramme: item.fundingProgramme,
      fundingAmountCents: item.fundingAmountCents,
      notes: item.notes,
      ...stamp,
    };
  };
  // Contents need their trolley's id, so trolleys (and everything else loose) go in first.
  await insert(EquipmentEntity, data.items.filter((item) => item.containerAssetTag === null).map(toRow));
  await readEquipmentIds();
  await insert(EquipmentEntity, data.items.filter((item) => item.containerAssetTag !== null).map(toRow));
  await readEquipmentIds();

  const itemId = (item: SeedItem) => required(equipmentIds, equipmentKey(item.communeInseeCode, item.assetTag), 'item');
  // The same `created` row the equipment service writes for an item made through the API.
  const events = data.items.map((item) => ({ equipmentId: itemId(item), change: 'created' as const, actor: options.actor, note: null, at: options.now }));
  await insert(EquipmentEventEntity, events);
  const searchTerms = data.items.flatMap((item) => {
    const equipmentId = itemId(item);
    return searchTermsFor(item).map((term) => ({ term, equipmentId }));
  });
  await insert(EquipmentSearchTermEntity, searchTerms);

  return {
    academyId,
    communeIds,
    schools: data.schools.length,
    rooms: roomIds.size,
    equipment: data.items.length,
    events: events.length,
    searchTerms: searchTerms.length,
  };
}

async function insertInChunks<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: QueryDeepPartialEntity<E>[],
  chunkSize: number,
): Promise<void> {
  for (const chunk of chunks(rows, chunkSize)) {
    // updateEntity(false): nothing reads the generated ids back from the statement (MariaDB
    // only reports the first one of a multi-row insert); they are looked up by natural key.
    await manager.createQueryBuilder().insert().into(entity).values(chunk).updateEntity(false).execute();
  }
}

/** The id of the row with `where`, inserting `row` when there is none. */
async function findOrInsert<E extends ObjectLiteral & { id: number }>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  where: Partial<E>,
  row: QueryDeepPartialEntity<E>,
): Promise<number> {
  const existing = await manager.findOne(entity, { select: { id: true } as never, where: where as never });
  if (existing) return existing.id;
  const result = await manager.insert(entity, row);
  return Number(result.identifiers[0]!.id);
}

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Seed data refers to an unknown ${what}: ${String(key)}`);
  return value;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
