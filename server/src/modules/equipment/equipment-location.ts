import type { EntityManager } from 'typeorm';
import { CONTAINER_KINDS, type EquipmentKind } from '@preau/shared';
import { AppError, fieldError } from '../../http/app-error';
import { CommuneEntity } from '../organisations/commune.entity';
import { EquipmentEntity } from './equipment.entity';
import { equipmentById, roomById, schoolById } from './equipment-reads';

/** Where an item stands: its commune, school, room and container. */
export interface Location {
  communeId: number;
  schoolId: number | null;
  roomId: number | null;
  containerId: number | null;
}

export interface LocationRequest {
  /** The item itself when it already exists (for the cycle check). */
  itemId: number | null;
  kind: EquipmentKind;
  communeId: number | null;
  schoolId: number | null;
  roomId: number | null;
  containerId: number | null;
}

/**
 * Checks a requested location and completes it: an item in a container stands where the
 * container stands; a room belongs to the item's school; stock outside schools has a commune.
 */
export async function resolveLocation(manager: EntityManager, request: LocationRequest): Promise<Location> {
  if (request.containerId !== null) return resolveInsideContainer(manager, request);

  if (request.schoolId !== null) {
    const school = await schoolById.one(manager, { id: request.schoolId });
    if (!school) throw fieldError(['schoolId'], `School ${request.schoolId} does not exist`);
    if (school.retiredAt) throw fieldError(['schoolId'], `School ${school.name} is retired`, 'RECORD_RETIRED');
    if (request.communeId !== null && request.communeId !== school.communeId) {
      throw fieldError(['schoolId'], `School ${school.name} belongs to another commune than this item`);
    }
    if (request.roomId !== null) await checkRoom(manager, request.roomId, school.id);
    return { communeId: school.communeId, schoolId: school.id, roomId: request.roomId, containerId: null };
  }

  if (request.roomId !== null) throw fieldError(['roomId'], 'An item in stock outside a school has no room');
  if (request.communeId === null) throw fieldError(['schoolId'], 'Choose a school, a trolley, or the commune holding it in stock');
  const commune = await manager.getRepository(CommuneEntity).existsBy({ id: request.communeId });
  if (!commune) throw fieldError(['communeId'], `Commune ${request.communeId} does not exist`);
  return { communeId: request.communeId, schoolId: null, roomId: null, containerId: null };
}

async function resolveInsideContainer(manager: EntityManager, request: LocationRequest): Promise<Location> {
  const containerId = request.containerId!;
  const container = await equipmentById.one(manager, { id: containerId });
  if (!container) throw fieldError(['containerId'], `Item ${containerId} does not exist`);
  if (!CONTAINER_KINDS.includes(container.kind)) {
    throw fieldError(['containerId'], `${container.assetTag} is a ${container.kind}, which cannot hold items`, 'INVALID_CONTAINMENT');
  }
  if (container.status === 'retired') {
    throw fieldError(['containerId'], `${container.assetTag} is retired`, 'RECORD_RETIRED');
  }
  if (request.communeId !== null && request.communeId !== container.communeId) {
    throw fieldError(['containerId'], `${container.assetTag} belongs to another commune than this item`, 'INVALID_CONTAINMENT');
  }
  if (request.itemId !== null) await refuseCycle(manager, request.itemId, container);
  const conflicts: { path: string[]; message: string }[] = [];
  if (request.schoolId !== null && request.schoolId !== container.schoolId) {
    conflicts.push({ path: ['schoolId'], message: `An item in ${container.assetTag} stands in its school` });
  }
  if (request.roomId !== null && request.roomId !== container.roomId) {
    conflicts.push({ path: ['roomId'], message: `An item in ${container.assetTag} stands in its room` });
  }
  if (conflicts.length > 0) {
    throw new AppError(422, 'CONTAINED_ITEM_LOCATION', 'An item in a trolley moves with the trolley', conflicts);
  }
  return { communeId: container.communeId, schoolId: container.schoolId, roomId: container.roomId, containerId: container.id };
}

/** An item cannot go into itself or into anything it (indirectly) holds. */
async function refuseCycle(manager: EntityManager, itemId: number, container: EquipmentEntity): Promise<void> {
  const seen = new Set<number>();
  let current: EquipmentEntity | null = container;
  while (current) {
    if (current.id === itemId) {
      throw fieldError(['containerId'], 'An item cannot be put inside itself or inside something it holds', 'INVALID_CONTAINMENT');
    }
    if (seen.has(current.id) || current.containerId === null) return;
    seen.add(current.id);
    current = await manager.getRepository(EquipmentEntity).findOneBy({ id: current.containerId });
  }
}

async function checkRoom(manager: EntityManager, roomId: number, schoolId: number): Promise<void> {
  const room = await roomById.one(manager, { id: roomId });
  if (!room) throw fieldError(['roomId'], `Room ${roomId} does not exist`);
  if (room.schoolId !== schoolId) throw fieldError(['roomId'], `Room ${room.name} is in another school`, 'ROOM_OUTSIDE_SCHOOL');
  if (room.retiredAt) throw fieldError(['roomId'], `Room ${room.name} is retired`, 'RECORD_RETIRED');
}

/** Every item held directly or indirectly by `containerId`. */
export async function descendantsOf(manager: EntityManager, containerId: number): Promise<EquipmentEntity[]> {
  const found: EquipmentEntity[] = [];
  let frontier = [containerId];
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const children = await manager
      .getRepository(EquipmentEntity)
      .createQueryBuilder('e')
      .where('e.containerId IN (:...ids)', { ids: frontier })
      .getMany();
    frontier = children.map((child) => child.id).filter((id) => !seen.has(id));
    frontier.forEach((id) => seen.add(id));
    found.push(...children);
  }
  return found;
}
