import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { PreparedSelect } from '../../db/prepared-select';
import type { EventAudience } from '../../events/domain-events';
import type { EquipmentKind, SupportLevel, TicketDetail, TicketEventKind } from '@preau/shared';
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
import { reopenDeadline, settingsOf } from './ticket-clock';
import { heldAtSchool, sharedWithColleagues } from './ticket-follower-access';

export interface TimelineEntry {
  kind: TicketEventKind;
  body?: string | null;
  internal?: boolean;
  from?: string | null;
  to?: string | null;
  rule?: string | null;
  fromLevel?: SupportLevel | null;
  toLevel?: SupportLevel | null;
}

/** How the timeline and the messages name a group at its level; migration TimelineLevels read the level back from this form. */
export const groupAtLevel = (groupLabel: string, level: SupportLevel) => `${groupLabel} (niveau ${level})`;

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
        fromLevel: entry.fromLevel ?? null,
        toLevel: entry.toLevel ?? null,
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

/** Names the caller has in hand already: those people and items are not read again. */
export interface KnownNames {
  people?: readonly { id: number; displayName: string }[];
  items?: readonly { id: number; assetTag: string; kind: EquipmentKind }[];
}

/** The columns of `entity` that name its rows, for the rows of `ids`: the rows are exactly R. */
function namesOf<R extends ObjectLiteral>(entity: EntityTarget<R>, columns: (keyof R & string)[]): PreparedSelect<R> {
  return new PreparedSelect((manager) => manager.getRepository(entity).createQueryBuilder('x').select(columns.map((c) => `x.${c}`)).where('x.id IN (:...ids)'));
}

const personNames = namesOf<{ id: number; displayName: string }>(UserAccountEntity, ['id', 'displayName']);
export const schoolNames = namesOf<{ id: number; name: string; uai: string }>(SchoolEntity, ['id', 'name', 'uai']);
const itemNames = namesOf<{ id: number; assetTag: string; kind: EquipmentKind }>(EquipmentEntity, ['id', 'assetTag', 'kind']);

/** Display names of the people, school and item a page of tickets mentions, in up to three queries. */
export async function namesFor(manager: EntityManager, tickets: TicketEntity[], known: KnownNames = {}): Promise<Map<number, TicketNames>> {
  const byId = async <R extends { id: number }>(select: PreparedSelect<R>, ids: (number | null)[], inHand: readonly R[] = []) => {
    const found = new Map(inHand.map((row) => [row.id, row]));
    const missing = [...new Set(ids.filter((id): id is number => id !== null && !found.has(id)))];
    if (missing.length === 0) return found;
    for (const row of await select.many(manager, { ids: missing })) found.set(row.id, row);
    return found;
  };
  // Independent reads: on MariaDB they go out together, on pooled connections.
  const [users, schools, items] = await Promise.all([
    byId(personNames, tickets.flatMap((t) => [t.reporterUserId, t.assigneeUserId]), known.people),
    byId(schoolNames, tickets.map((t) => t.schoolId)),
    byId(itemNames, tickets.map((t) => t.equipmentId), known.items),
  ]);
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

const followersOf = new PreparedSelect((manager) =>
  manager.getRepository(TicketFollowerEntity).createQueryBuilder('f').select(['f.ticketId', 'f.userId']).where('f.ticketId IN (:...ticketIds)'),
);

/** The people following each of `ticketIds`, in one query. */
export async function followersByTicket(manager: EntityManager, ticketIds: readonly number[]): Promise<Map<number, number[]>> {
  const byTicket = new Map<number, number[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return byTicket;
  const rows = await followersOf.many(manager, { ticketIds });
  for (const row of rows) byTicket.get(row.ticketId)?.push(row.userId);
  return byTicket;
}

export async function followerIds(manager: EntityManager, ticketId: number): Promise<number[]> {
  return (await followersByTicket(manager, [ticketId])).get(ticketId)!;
}

type AudienceFields = Pick<TicketEntity, 'id' | 'schoolId' | 'communeId' | 'reporterUserId' | 'approval' | 'category'>;

/** Who may hear of a change to the ticket: its school and commune, its reporter, and its followers while colleagues may see it. */
export function audienceOf(ticket: AudienceFields, followerUserIds: number[]): EventAudience {
  const followers = sharedWithColleagues(ticket) ? followerUserIds : [];
  return { schoolId: ticket.schoolId, communeId: ticket.communeId, reporterUserId: ticket.reporterUserId, followerUserIds: followers, heldAtSchool: heldAtSchool(ticket) };
}

/** `audienceOf` with the followers read now (not at all when they would not hear of it): for a change just committed. */
export async function ticketAudience(manager: EntityManager, ticket: AudienceFields): Promise<EventAudience> {
  return audienceOf(ticket, sharedWithColleagues(ticket) ? await followerIds(manager, ticket.id) : []);
}

export function isFollower(manager: EntityManager, ticketId: number, userId: number): Promise<boolean> {
  return manager.getRepository(TicketFollowerEntity).existsBy({ ticketId, userId });
}

/** One ticket, every column: read on every request about a ticket, and by the notifier. */
export const ticketById = new PreparedSelect((manager) => manager.getRepository(TicketEntity).createQueryBuilder('t').where('t.id = :id'));

const timelineOf = new PreparedSelect((manager) => manager.getRepository(TicketEventEntity).createQueryBuilder('e').where('e.ticketId = :id').orderBy('e.id', 'ASC'));

/** The ticket and its school's place; 404 when either is missing. Who may see it is the caller's check. */
export async function loadTicket(manager: EntityManager, id: number): Promise<{ ticket: TicketEntity; place: Place }> {
  const ticket = await ticketById.one(manager, { id });
  const place = ticket && (await placeOfSchool(manager, ticket.schoolId));
  if (!ticket || !place) throw notFound('Ticket', id);
  return { ticket, place };
}

/**
 * The ticket as `viewer` may read it: internal notes for support staff only, whether they hold
 * it, and whether they follow it (`follows` when the caller knows already).
 */
/** A resolved ticket's last moment for reopening, read from its commune's settings. */
async function reopenUntil(manager: EntityManager, ticket: TicketEntity): Promise<string | null> {
  if (ticket.status !== 'resolved' || !ticket.resolvedAt) return null;
  return reopenDeadline(ticket.resolvedAt, await settingsOf(manager, ticket.communeId))?.toISOString() ?? null;
}

export async function ticketDetail(
  manager: EntityManager,
  id: number,
  viewer: { principal: Principal; place: Place; follows?: boolean },
  known: KnownNames = {},
): Promise<TicketDetail> {
  const [ticket, events] = await Promise.all([ticketById.one(manager, { id }), timelineOf.many(manager, { id })]);
  if (!ticket) throw notFound('Ticket', id);
  // The viewer is often the reporter or the assignee: their name is in hand.
  const viewerName = { id: viewer.principal.userId, displayName: viewer.principal.displayName };
  const names = (await namesFor(manager, [ticket], { ...known, people: [viewerName, ...(known.people ?? [])] })).get(id)!;
  const staff = canWork(viewer.principal, viewer.place);
  const shown = events.filter((e) => staff || !e.internal);
  const actors = await actorNames(manager, shown, [viewerName, names.reporter, ...(names.assignee ? [names.assignee] : []), ...(known.people ?? [])]);
  return {
    ...toTicket(ticket, names),
    viewerHolds: staff && holdsTicket(viewer.principal, ticket, viewer.place),
    // The reporter never follows their own report: no lookup for them.
    viewerFollows: ticket.reporterUserId !== viewer.principal.userId && (viewer.follows ?? (await isFollower(manager, id, viewer.principal.userId))),
    reopenUntil: await reopenUntil(manager, ticket),
    timeline: shown.map((e) => toTicketEvent(e, actors.get(e.actorUserId ?? -1))),
  };
}

/** Display names of the people in a timeline (the stored label is their username), reading only those not in hand. */
async function actorNames(manager: EntityManager, events: TicketEventEntity[], inHand: readonly { id: number; displayName: string }[]): Promise<Map<number, string>> {
  const names = new Map(inHand.map((person) => [person.id, person.displayName]));
  const missing = [...new Set(events.map((e) => e.actorUserId).filter((id): id is number => id !== null && !names.has(id)))];
  if (missing.length > 0) for (const person of await personNames.many(manager, { ids: missing })) names.set(person.id, person.displayName);
  return names;
}
