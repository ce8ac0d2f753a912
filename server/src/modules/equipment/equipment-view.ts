import type { Equipment, EquipmentEvent } from '@preau/shared';
import { deriveMaintainer, parseEquipmentNote } from '@preau/shared';
import type { EquipmentEntity } from './equipment.entity';
import type { EquipmentEventEntity } from './equipment-event.entity';

/** Today's date (UTC) as YYYY-MM-DD, the day warranties are judged against. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** The API shape of an item; expects `commune`, `school`, `room` and `container` relations loaded. */
export function toEquipment(e: EquipmentEntity, day: string = today()): Equipment {
  const commune = e.commune ?? { id: e.communeId, name: '' };
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    assetTag: e.assetTag,
    brand: e.brand,
    model: e.model,
    serial: e.serial,
    macAddress: e.macAddress,
    hostname: e.hostname,
    communeId: e.communeId,
    schoolId: e.schoolId,
    roomId: e.roomId,
    containerId: e.containerId,
    purchaseDate: e.purchaseDate,
    purchasePriceCents: e.purchasePriceCents,
    supplier: e.supplier,
    warrantyEndsOn: e.warrantyEndsOn,
    funding: e.funding,
    fundingProgramme: e.fundingProgramme,
    fundingAmountCents: e.fundingAmountCents,
    notes: e.notes,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    maintainer: deriveMaintainer(
      { funding: e.funding, supplier: e.supplier, warrantyEndsOn: e.warrantyEndsOn, commune: { id: commune.id, name: commune.name } },
      day,
    ),
    school: e.school ? { id: e.school.id, uai: e.school.uai, name: e.school.name } : null,
    room: e.room ? { id: e.room.id, name: e.room.name } : null,
    container: e.container
      ? { id: e.container.id, assetTag: e.container.assetTag, kind: e.container.kind, model: e.container.model }
      : null,
  };
}

export function toEquipmentEvent(e: EquipmentEventEntity): EquipmentEvent {
  return {
    id: e.id,
    equipmentId: e.equipmentId,
    change: e.change,
    fromValue: e.fromValue,
    toValue: e.toValue,
    fromLabel: e.fromLabel,
    toLabel: e.toLabel,
    note: e.note,
    noteText: parseEquipmentNote(e.note),
    actor: e.actor,
    at: e.at.toISOString(),
  };
}
