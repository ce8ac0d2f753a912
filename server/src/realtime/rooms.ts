import type { RecordEvent } from '../events/domain-events';
import { scopeOf, type Place, type Principal, type Scope } from '../modules/auth/principal';
import { readScope } from '../modules/tickets/ticket-access';

/**
 * Room families, one per way of seeing a record, as the API decides it:
 * - `inventory`: items (`inventory:read`, teachers included: they read their school's inventory);
 * - `tickets`: tickets (`readScope`: teachers excluded, they see only their own reports);
 * - `staff`: what only support staff may read, internal notes and the ticket configuration
 *   (`tickets:work`); `staff:anywhere` gathers everyone who works tickets somewhere.
 */
export type RoomFamily = 'inventory' | 'tickets' | 'staff';

/**
 * The rooms a socket joins: in each family one room per organisation of the scope (`all` for
 * admins), and `user:<id>` for the tickets the user reported.
 */
export function roomsFor(principal: Principal): string[] {
  return [
    `user:${principal.userId}`,
    ...scopeRooms('inventory', scopeOf(principal, 'inventory:read')),
    ...scopeRooms('tickets', readScope(principal)),
    ...staffRooms(scopeOf(principal, 'tickets:work')),
  ];
}

function staffRooms(scope: Scope): string[] {
  const rooms = scopeRooms('staff', scope);
  return rooms.length > 0 ? ['staff:anywhere', ...rooms] : [];
}

/**
 * The rooms of everyone allowed to see an event's record: the family's room of every
 * organisation whose scope covers the place (the same pairs `scopeCovers` tests), plus the
 * reporter's and followers' own rooms for a ticket event that is not staff-only. A report held at
 * the school reaches only its school's room (its directors) and administrators' among them.
 *
 * Without a place (a record whose school has just gone), only what the audience names is used.
 */
export function roomsForEvent(event: RecordEvent, place: Place | null): string[] {
  const { audience } = event;
  const isTicket = event.name.startsWith('ticket:');
  const family: RoomFamily = !isTicket ? 'inventory' : audience.staffOnly ? 'staff' : 'tickets';
  const schoolRooms = [`${family}:all`, ...(audience.schoolId === null ? [] : [`${family}:school:${audience.schoolId}`])];
  // A report held at the school: its director(s) (the school's room) and administrators only.
  const rooms = isTicket && audience.heldAtSchool ? schoolRooms : place ? placeRooms(family, place) : [...schoolRooms, `${family}:commune:${audience.communeId}`];
  if (isTicket && !audience.staffOnly) {
    for (const userId of [audience.reporterUserId ?? [], audience.followerUserIds ?? []].flat()) rooms.push(`user:${userId}`);
  }
  return [...new Set(rooms)];
}

/**
 * The rooms of those who read a commune's ticket configuration (`communesWorkedBy`): the staff
 * rooms covering the commune itself or any of its schools (`places`). The global rules
 * (`communeId` null) are read by everyone who works tickets.
 */
export function configRooms(communeId: number | null, places: Place[]): string[] {
  if (communeId === null) return ['staff:anywhere'];
  return [...new Set(places.flatMap((place) => placeRooms('staff', place)))];
}

function scopeRooms(family: RoomFamily, scope: Scope): string[] {
  if (scope.all) return [`${family}:all`];
  return [
    ...scope.academyIds.map((id) => `${family}:academy:${id}`),
    ...scope.circonscriptionIds.map((id) => `${family}:circonscription:${id}`),
    ...scope.communeIds.map((id) => `${family}:commune:${id}`),
    ...scope.schoolIds.map((id) => `${family}:school:${id}`),
  ];
}

function placeRooms(family: RoomFamily, place: Place): string[] {
  const rooms = [`${family}:all`, `${family}:commune:${place.communeId}`, `${family}:academy:${place.communeAcademyId}`];
  if (place.schoolId !== null) rooms.push(`${family}:school:${place.schoolId}`);
  if (place.circonscriptionId !== null) rooms.push(`${family}:circonscription:${place.circonscriptionId}`);
  if (place.circonscriptionAcademyId !== null) rooms.push(`${family}:academy:${place.circonscriptionAcademyId}`);
  return rooms;
}
