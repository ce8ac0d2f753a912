import { In, type EntityManager } from 'typeorm';
import type { EventAudience } from '../../events/domain-events';
import type { TicketDetail, TicketEventKind } from '@preau/shared';
import type { Actor } from '../../http/actor';
import { updateVersioned } from '../../db/versioned-update';
import { UserAccountEntity } from '../accounts/user-account.entity';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { SchoolEntity } from '../schools/school.entity';
import { TicketEntity } from './ticket.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketFollowerEntity } from './ticket-follower.entity';
import { toTicket, toTicketEvent, type TicketNames } from './ticket-view';
import { notFound } from '../../http/app-error';
import { placeOfSchool } from '../auth/places';
import type { Place, Principal } from '../auth/principal';
import { canWork, holdsTicket } from './ticket-access';

export interface TimelineEntry {
  kind: TicketEventKind;
  body?: string | null;
  internal?: boolean;
  from?: string | null;
  to?: string | null;
  rule?: string | null;
}

export function recordEvent(manager: EntityManager, ticketId: number, actor: Actor, entry: TimelineEntry): Promise<void> {
  return insertTimeline(manager, actor, [{ ticketId, entry }]);
}

/** Timeline entries of one actor, for any number of tickets, in one INSERT. */
export async function insertTimeline(manager: EntityManager, actor: Actor, entries: readonly { ticketId: number; entry: TimelineEntry }[]): Promise<void> {
  if (entries.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(TicketEventEntity)
    .values(
      entries.map(({ ticketId, entry }) => ({
        ticketId,
        kind: entry.kind,
        actorUserId: actor.userId,
        actorLabel: actor.label.slice(0, 150),
        body: entry.body ?? null,
        internal: entry.internal ?? false,
        fromValue: entry.from ?? null,
        toValue: entry.to ?? null,
        rule: entry.rule ?? null,
      })),
    )
    // No read-back of the generated columns: nothing uses them, and the write lock is held meanwhile.
    .updateEntity(false)
    .execute();
}

/** Applies `changes` if the ticket still has `version` (409 otherwise). */
export function saveTicket(manager: EntityManager, id: number, version: number, changes: Partial<TicketEntity>): Promise<void> {
  return updateVersioned(manager, TicketEntity, 'Ticket', id, version, changes);
}

/** Display names of the people, school and item a page of tickets mentions, in four queries. */
export async function namesFor(manager: EntityManager, tickets: TicketEntity[]): Promise<Map<number, TicketNames>> {
  const ids = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];
  const userIds = ids(tickets.flatMap((t) => [t.reporterUserId, t.assigneeUserId]));
  const schoolIds = ids(tickets.map((t) => t.schoolId));
  const equipmentIds = ids(tickets.map((t) => t.equipmentId));
  const byId = async <E extends { id: number }>(entity: new () => E, list: number[], select: Record<string, boolean>) =>
    new Map(
      list.length === 0
        ? []
        : (await manager.getRepository(entity).createQueryBuilder('x').select(Object.keys(select).map((k) => `x.${k}`)).whereInIds(list).getMany()).map(
            (row) => [row.id, row] as const,
          ),
    );
  const users = await byId(UserAccountEntity, userIds, { id: true, displayName: true });
  const schools = await byId(SchoolEntity, schoolIds, { id: true, name: true, uai: true });
  const items = await byId(EquipmentEntity, equipmentIds, { id: true, assetTag: true, kind: true });
  const person = (id: number | null) => {
    const user = id === null ? undefined : users.get(id);
    return id === null ? null : { id, displayName: user?.displayName ?? `#${id}` };
  };
  return new Map(
    tickets.map((t) => {
      const school = schools.get(t.schoolId);
      const item = t.equipmentId === null ? undefined : items.get(t.equipmentId);
      return [
        t.id,
        {
          school: { id: t.schoolId, name: school?.name ?? '', uai: school?.uai ?? '' },
          equipment: item ? { id: item.id, assetTag: item.assetTag, kind: item.kind } : null,
          reporter: person(t.reporterUserId)!,
          assignee: person(t.assigneeUserId),
        },
      ];
    }),
  );
}

/** The people following each of `ticketIds`, in one query. */
export async function followersByTicket(manager: EntityManager, ticketIds: readonly number[]): Promise<Map<number, number[]>> {
  const byTicket = new Map<number, number[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return byTicket;
  const rows = await manager.getRepository(TicketFollowerEntity).find({ select: { ticketId: true, userId: true }, where: { ticketId: In([...ticketIds]) } });
  for (const row of rows) byTicket.get(row.ticketId)?.push(row.userId);
  return byTicket;
}

export async function followerIds(manager: EntityManager, ticketId: number): Promise<number[]> {
  return (await followersByTicket(manager, [ticketId])).get(ticketId)!;
}

type AudienceFields = Pick<TicketEntity, 'id' | 'schoolId' | 'communeId' | 'reporterUserId'>;

/** Who may hear of a change to the ticket: its school and commune, its reporter and its followers. */
export function audienceOf(ticket: AudienceFields, followerUserIds: number[]): EventAudience {
  return { schoolId: ticket.schoolId, communeId: ticket.communeId, reporterUserId: ticket.reporterUserId, followerUserIds };
}

/** `audienceOf` with the followers read now: for a change just committed. */
export async function ticketAudience(manager: EntityManager, ticket: AudienceFields): Promise<EventAudience> {
  return audienceOf(ticket, await followerIds(manager, ticket.id));
}

export function isFollower(manager: EntityManager, ticketId: number, userId: number): Promise<boolean> {
  return manager.getRepository(TicketFollowerEntity).existsBy({ ticketId, userId });
}

/** The ticket and its school's place; 404 when either is missing. Who may see it is the caller's check. */
export async function loadTicket(manager: EntityManager, id: number): Promise<{ ticket: TicketEntity; place: Place }> {
  const ticket = await manager.getRepository(TicketEntity).findOneBy({ id });
  const place = ticket && (await placeOfSchool(manager, ticket.schoolId));
  if (!ticket || !place) throw notFound('Ticket', id);
  return { ticket, place };
}

/**
 * The ticket as `viewer` may read it: internal notes for support staff only, whether they hold
 * it, and whether they follow it (`follows` when the caller knows already).
 */
export async function ticketDetail(manager: EntityManager, id: number, viewer: { principal: Principal; place: Place; follows?: boolean }): Promise<TicketDetail> {
  const ticket = await manager.getRepository(TicketEntity).findOneByOrFail({ id });
  const names = (await namesFor(manager, [ticket])).get(id)!;
  const events = await manager.getRepository(TicketEventEntity).find({ where: { ticketId: id }, order: { id: 'ASC' } });
  const staff = canWork(viewer.principal, viewer.place);
  return {
    ...toTicket(ticket, names),
    viewerHolds: staff && holdsTicket(viewer.principal, ticket, viewer.place),
    // The reporter never follows their own report: no lookup for them.
    viewerFollows: ticket.reporterUserId !== viewer.principal.userId && (viewer.follows ?? (await isFollower(manager, id, viewer.principal.userId))),
    timeline: events.filter((e) => staff || !e.internal).map(toTicketEvent),
  };
}
