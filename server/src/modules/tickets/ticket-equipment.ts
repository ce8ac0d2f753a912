import { In, Not, type EntityManager } from 'typeorm';
import { OPEN_TICKET_STATUSES, renderEquipmentNote, renderTimelineNote } from '@preau/shared';
import type { Actor } from '../../http/actor';
import type { Principal } from '../auth/principal';
import type { EquipmentEntity } from '../equipment/equipment.entity';
import { equipmentById } from '../equipment/equipment-reads';
import type { EquipmentService } from '../equipment/equipment.service';
import { TicketEntity } from './ticket.entity';
import { HELD_AT_SCHOOL } from './ticket-follower-access';
import type { TimelineEntry } from './ticket-store';

type ItemStatus = EquipmentEntity['status'];
type Report = Pick<TicketEntity, 'id' | 'reference' | 'category' | 'equipmentId'>;

/** The item a hardware report is about, read in this transaction; null for any other report. */
export async function reportedItem(manager: EntityManager, ticket: Report): Promise<EquipmentEntity | null> {
  if (ticket.category !== 'hardware' || ticket.equipmentId === null) return null;
  return equipmentById.one(manager, { id: ticket.equipmentId });
}

/**
 * Filing or reopening a hardware report: an item in service shows as broken until the report is
 * resolved. One already out of service (in repair, in stock…) keeps its status.
 */
export async function markBroken(equipment: EquipmentService, manager: EntityManager, item: EquipmentEntity, actor: Actor, note: string | null): Promise<void> {
  if (item.status === 'in_service') await equipment.updateWith(manager, item.id, { status: 'broken' }, actor, note, item);
}

/**
 * What resolving a hardware report does to its item: the status the technician chose, or, left
 * unsaid, back in service from broken or in repair. A retired item stays retired; retiring goes
 * through the inventory's own retire (its right, its trolley and audit rules).
 *
 * While another open hardware report on the item still says it is broken, the item is not put
 * back in service, even when asked: fixing one fault does not settle the other, and that
 * report's own resolution puts it back. An internal note tells the technician why.
 */
export async function settleItem(
  equipment: EquipmentService,
  manager: EntityManager,
  principal: Principal,
  ticket: Report,
  item: EquipmentEntity,
  chosen: ItemStatus | undefined,
  actor: Actor,
): Promise<TimelineEntry[]> {
  if (item.status === 'retired') return [];
  const target = chosen ?? (item.status === 'broken' || item.status === 'in_repair' ? 'in_service' : item.status);
  if (target === item.status) return [];
  const note = ticket.reference ? renderEquipmentNote({ key: 'reportResolved', params: { reference: ticket.reference } }, 'fr')! : null;
  if (target === 'retired') {
    await equipment.retireWith(manager, principal, item.id, { note }, actor);
    return [];
  }
  if (target === 'in_service') {
    const others = await otherOpenReports(manager, item.id, ticket.id);
    if (others.length > 0) {
      return [{ kind: 'note', internal: true, body: renderTimelineNote({ key: 'itemStillBroken', params: { assetTag: item.assetTag, references: others.join(', ') } }, 'fr') }];
    }
  }
  await equipment.updateWith(manager, item.id, { status: target }, actor, note, item);
  return [];
}

/** The references of the other open hardware reports on the item that marked it broken (not those still awaiting approval). */
async function otherOpenReports(manager: EntityManager, equipmentId: number, ticketId: number): Promise<string[]> {
  const rows = await manager.getRepository(TicketEntity).find({
    select: { id: true, reference: true },
    where: { equipmentId, category: 'hardware', status: In([...OPEN_TICKET_STATUSES]), approval: Not(In([...HELD_AT_SCHOOL])), id: Not(ticketId) },
    order: { id: 'ASC' },
  });
  return rows.map((row) => row.reference ?? `#${row.id}`);
}
