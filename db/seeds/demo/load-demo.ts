import type { EquipmentKind } from '@preau/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { CommuneEntity } from '../../../server/src/modules/organisations/commune.entity';
import { SchoolEntity } from '../../../server/src/modules/schools/school.entity';
import { RoomEntity } from '../../../server/src/modules/schools/room.entity';
import { EquipmentEntity } from '../../../server/src/modules/equipment/equipment.entity';
import { EquipmentEventEntity } from '../../../server/src/modules/equipment/equipment-event.entity';
import { EquipmentSearchTermEntity } from '../../../server/src/modules/equipment/equipment-search-term.entity';
import { TicketEntity } from '../../../server/src/modules/tickets/ticket.entity';
import { TicketAttachmentEntity } from '../../../server/src/modules/attachments/ticket-attachment.entity';
import type { AttachmentFiles } from '../../../server/src/modules/attachments/attachment-files';
import { todayUtc } from '../lib/dates';
import { writeDataset } from '../lib/write-dataset';
import { DEMO_ACADEMY, DEMO_COMMUNE, generateDemo } from './demo-data';
import { writeDemoAccounts } from './demo-accounts';

export interface DemoSummary {
  academy: string;
  commune: string;
  circonscriptions: number;
  schools: number;
  rooms: number;
  equipment: number;
  equipmentByKind: Partial<Record<EquipmentKind, number>>;
  events: number;
  searchTerms: number;
  /** Demo accounts created or reset (password `preau-demo`). */
  accounts: number;
  /** The school the demo accounts belong to. */
  firstSchool: { uai: string; name: string };
  /** The day warranties were placed against. */
  today: string;
}

export const DEMO_ACTOR = 'demo';

export interface LoadDemoOptions {
  /** The day warranties are placed against; default today. */
  today?: string;
  /** Where the photos of the incidents a previous load removes are kept, to remove them too. */
  attachments?: AttachmentFiles;
}

/**
 * Loads the demo commune in one transaction. What a previous load left is removed first:
 * the demo commune's incidents (with their timelines, notifications and photos), schools,
 * rooms and equipment (with their history and search terms). The académie, circonscriptions
 * and commune rows are kept and reused, and nothing outside the demo commune is touched, so
 * running it on a database with real communes is safe.
 */
export async function loadDemo(dataSource: DataSource, options: LoadDemoOptions = {}): Promise<DemoSummary> {
  const today = options.today ?? todayUtc();
  const data = generateDemo({ today });
  const firstSchool = data.schools[0]!;
  const { removedPhotos, ...written } = await dataSource.transaction(async (manager) => {
    const removedPhotos = await removeDemoCommuneContents(manager);
    const dataset = await writeDataset(manager, data, { actor: DEMO_ACTOR, now: new Date() });
    return { ...dataset, removedPhotos, accounts: await writeDemoAccounts(manager, firstSchool.uai) };
  });
  // Only once their rows are gone for good: a rolled-back load keeps its photos.
  const photos = options.attachments;
  if (photos) for (const key of removedPhotos) await photos.remove(key);

  const equipmentByKind: Partial<Record<EquipmentKind, number>> = {};
  for (const item of data.items) equipmentByKind[item.kind] = (equipmentByKind[item.kind] ?? 0) + 1;
  return {
    academy: DEMO_ACADEMY.name,
    commune: `${DEMO_COMMUNE.name} (${DEMO_COMMUNE.inseeCode})`,
    circonscriptions: data.circonscriptions.length,
    schools: written.schools,
    rooms: written.rooms,
    equipment: written.equipment,
    equipmentByKind,
    events: written.events,
    searchTerms: written.searchTerms,
    accounts: written.accounts,
    firstSchool: { uai: firstSchool.uai, name: firstSchool.name },
    today,
  };
}

/** Removes the demo commune's contents; returns the storage keys of the photos whose rows went. */
async function removeDemoCommuneContents(manager: EntityManager): Promise<string[]> {
  const commune = await manager.findOne(CommuneEntity, { select: { id: true }, where: { inseeCode: DEMO_COMMUNE.inseeCode } });
  if (!commune) return [];
  const communeId = commune.id;
  const communeEquipment = manager
    .createQueryBuilder()
    .subQuery()
    .select('e.id')
    .from(EquipmentEntity, 'e')
    .where('e.communeId = :communeId')
    .getQuery();
  const communeSchools = manager
    .createQueryBuilder()
    .subQuery()
    .select('s.id')
    .from(SchoolEntity, 's')
    .where('s.communeId = :communeId')
    .getQuery();
  const remove = (entity: Function, where: string) =>
    manager.createQueryBuilder().delete().from(entity).where(where, { communeId }).execute();

  const communeTickets = manager.createQueryBuilder().subQuery().select('t.id').from(TicketEntity, 't').where('t.communeId = :communeId').getQuery();
  const photos = await manager
    .createQueryBuilder(TicketAttachmentEntity, 'a')
    .select('a.storageKey', 'storageKey')
    .where(`a.ticketId IN ${communeTickets}`, { communeId })
    .getRawMany<{ storageKey: string }>();
  // Tickets refer to schools and items by id without a foreign key: they would outlive them.
  // Their timelines, notifications, followers and photos go with them (ON DELETE CASCADE).
  await remove(TicketEntity, 'commune_id = :communeId');
  await remove(EquipmentSearchTermEntity, `equipment_id IN ${communeEquipment}`);
  await remove(EquipmentEventEntity, `equipment_id IN ${communeEquipment}`);
  // Trolley contents before trolleys: MariaDB checks the self-reference row by row.
  await remove(EquipmentEntity, 'commune_id = :communeId AND container_id IS NOT NULL');
  await remove(EquipmentEntity, 'commune_id = :communeId');
  await remove(RoomEntity, `school_id IN ${communeSchools}`);
  await remove(SchoolEntity, 'commune_id = :communeId');
  return photos.map((photo) => photo.storageKey);
}
