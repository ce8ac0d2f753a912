import type { EntityManager } from 'typeorm';
import type { EquipmentChange, EquipmentStatus } from '@preau/shared';
import type { Actor } from '../../http/actor';
import { RoomEntity } from '../schools/room.entity';
import { SchoolEntity } from '../schools/school.entity';
import { EquipmentEntity } from './equipment.entity';
import { EquipmentEventEntity } from './equipment-event.entity';

/** The tracked part of an item: what its history follows. */
export interface TrackedState {
  status: EquipmentStatus;
  schoolId: number | null;
  roomId: number | null;
  containerId: number | null;
}

type Tracked = Exclude<EquipmentChange, 'created'>;
const TRACKED: Record<Tracked, keyof TrackedState> = {
  status: 'status',
  school: 'schoolId',
  room: 'roomId',
  container: 'containerId',
};

/** Writes one history row per tracked field that changed, with readable labels of both sides. */
export async function recordChanges(
  manager: EntityManager,
  equipmentId: number,
  before: TrackedState,
  after: TrackedState,
  actor: Actor,
  note: string | null,
): Promise<void> {
  const rows: Partial<EquipmentEventEntity>[] = [];
  for (const [change, field] of Object.entries(TRACKED) as [Tracked, keyof TrackedState][]) {
    const from = before[field];
    const to = after[field];
    if (from === to) continue;
    rows.push({
      equipmentId,
      change,
      fromValue: from === null ? null : String(from),
      toValue: to === null ? null : String(to),
      fromLabel: await label(manager, change, from),
      toLabel: await label(manager, change, to),
      note,
      actor: actor.label,
    });
  }
  if (rows.length > 0) await insertEvents(manager, rows);
}

export async function recordCreation(manager: EntityManager, equipmentId: number, actor: Actor, note: string | null): Promise<void> {
  await insertEvents(manager, [{ equipmentId, change: 'created', actor: actor.label, note }]);
}

/** No read-back of the generated id and time (what `Repository.insert` does on SQLite): nothing uses them. */
async function insertEvents(manager: EntityManager, rows: Partial<EquipmentEventEntity>[]): Promise<void> {
  await manager.createQueryBuilder().insert().into(EquipmentEventEntity).values(rows).updateEntity(false).execute();
}

async function label(manager: EntityManager, change: Tracked, value: string | number | null): Promise<string | null> {
  if (value === null) return null;
  switch (change) {
    case 'status':
      return String(value);
    case 'school': {
      const school = await manager.getRepository(SchoolEntity).findOneBy({ id: Number(value) });
      return school ? `${school.name} (${school.uai})` : null;
    }
    case 'room':
      return (await manager.getRepository(RoomEntity).findOneBy({ id: Number(value) }))?.name ?? null;
    case 'container':
      return (await manager.getRepository(EquipmentEntity).findOneBy({ id: Number(value) }))?.assetTag ?? null;
  }
}
