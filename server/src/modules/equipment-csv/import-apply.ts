import type { EntityManager } from 'typeorm';
import { renderEquipmentNote, type EquipmentCreateParsed } from '@preau/shared';
import type { ImportIssue } from '@preau/shared';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/actor';
import { isUniqueViolation } from '../../db/driver-errors';
import type { EquipmentService } from '../equipment/equipment.service';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { RoomEntity } from '../schools/room.entity';
import { csvColumnOfField } from './import-row';
import type { ImportPlan, PlannedLocation, PlannedWrite } from './import-plan';
import type { FleetSnapshot, ImportScope } from './import-snapshot';

export const IMPORT_NOTE = renderEquipmentNote({ key: 'csvImport', params: {} }, 'fr')!;

/** What the service refused while applying a plan; the caller rolls the transaction back. */
export class ApplyFailed extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('The import was refused while writing');
  }
}

/**
 * Writes a valid plan inside the caller's transaction: the new rooms, then each item through
 * the EquipmentService, so history and search terms are kept as for any edit. A refusal the
 * plan did not foresee is collected with its line, and `ApplyFailed` ends the transaction.
 */
export async function applyPlan(
  manager: EntityManager,
  plan: ImportPlan,
  scope: ImportScope,
  snapshot: FleetSnapshot,
  equipment: EquipmentService,
  actor: Actor,
): Promise<void> {
  const roomIds = new Map([...snapshot.roomsByKey].map(([key, room]) => [key, room.id]));
  for (const room of plan.newRooms) {
    const saved = await manager.getRepository(RoomEntity).save({ schoolId: room.school.id, name: room.name, description: null, retiredAt: null });
    roomIds.set(room.key, saved.id);
  }

  const places: Places = { roomIds, createdIds: new Map(), containers: new Map() };
  const issues: ImportIssue[] = [];
  for (const write of plan.writes) {
    try {
      const location = await locationOf(manager, write.location, places);
      if (location === undefined) continue;
      if (write.action === 'create') {
        // A new item always has a planned location, so `location` is a placement here.
        const input: EquipmentCreateParsed = { ...write.fields, communeId: scope.commune.id, ...(location as Placement) };
        const created = await equipment.createWith(manager, input, actor, IMPORT_NOTE);
        places.createdIds.set(write.line, created.id);
      } else {
        await equipment.updateWith(manager, write.itemId, { ...write.fields, ...(location ?? {}) }, actor, IMPORT_NOTE);
      }
    } catch (err) {
      issues.push(...issuesOf(write, err));
    }
  }
  if (issues.length > 0) throw new ApplyFailed(issues);
}

type Placement = { schoolId: number | null; roomId: number | null; containerId: number | null };

interface Places {
  roomIds: Map<string, number>;
  /** Item ids by the line that created them. */
  createdIds: Map<number, number>;
  /** Where each trolley stands; it is written before what it holds and not moved after. */
  containers: Map<number, Placement>;
}

/**
 * The ids a planned location stands for. An item going into a trolley is sent with the
 * trolley's school and room, which the service requires to match. `undefined` means the
 * container's own line failed, which is already reported.
 */
async function locationOf(manager: EntityManager, location: PlannedLocation | null, places: Places): Promise<Placement | null | undefined> {
  if (location === null) return null;
  if (location.container === null) {
    const roomId = location.roomKey === null ? null : places.roomIds.get(location.roomKey)!;
    return { schoolId: location.schoolId, roomId, containerId: null };
  }
  const containerId = 'itemId' in location.container ? location.container.itemId : places.createdIds.get(location.container.line);
  if (containerId === undefined) return undefined;
  let placement = places.containers.get(containerId);
  if (!placement) {
    const container = await manager.getRepository(EquipmentEntity).findOneByOrFail({ id: containerId });
    placement = { schoolId: container.schoolId, roomId: container.roomId, containerId };
    places.containers.set(containerId, placement);
  }
  return placement;
}

function issuesOf(write: PlannedWrite, err: unknown): ImportIssue[] {
  if (err instanceof AppError) {
    if (!err.issues?.length) return [{ line: write.line, message: err.message }];
    return err.issues.map((issue) => {
      const field = csvColumnOfField(issue.path[0]);
      return { line: write.line, ...(field ? { field } : {}), message: issue.message };
    });
  }
  if (isUniqueViolation(err)) {
    return [{ line: write.line, field: 'assetTag', message: 'Another item of the commune already has this asset tag' }];
  }
  throw err;
}
