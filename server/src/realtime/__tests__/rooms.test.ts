import { ROLE_ORGANISATION, Role, type Membership } from '@preau/shared';
import type { RecordEvent } from '../../events/domain-events';
import { scopeCovers, scopeOf, type Place, type Principal } from '../../modules/auth/principal';
import { canSee, canWork } from '../../modules/tickets/ticket-access';
import type { TicketEntity } from '../../modules/tickets/ticket.entity';
import { configRooms, roomsFor, roomsForEvent } from '../rooms';

/**
 * A small organisation tree: two académies; circonscription 10 and commune 100 in académie 1,
 * circonscription 11 and commune 101 in académie 2; schools across them, and commune stock.
 */
const ORGANISATIONS = { academy: [1, 2], circonscription: [10, 11], commune: [100, 101], school: [1000, 1001, 1002] } as const;
const SCHOOLS: Place[] = [
  { schoolId: 1000, communeId: 100, communeAcademyId: 1, circonscriptionId: 10, circonscriptionAcademyId: 1 },
  { schoolId: 1001, communeId: 100, communeAcademyId: 1, circonscriptionId: 11, circonscriptionAcademyId: 2 },
  { schoolId: 1002, communeId: 101, communeAcademyId: 2, circonscriptionId: 10, circonscriptionAcademyId: 1 },
];
const STOCK: Place[] = [
  { schoolId: null, communeId: 100, communeAcademyId: 1, circonscriptionId: null, circonscriptionAcademyId: null },
  { schoolId: null, communeId: 101, communeAcademyId: 2, circonscriptionId: null, circonscriptionAcademyId: null },
];

let nextId = 0;
function membership(role: Role, organisationId: number | null): Membership {
  return { id: ++nextId, role, organisationKind: ROLE_ORGANISATION[role], organisationId, organisationName: null };
}

/** Every single-membership principal of the tree, and a few with two memberships. */
function principals(): Principal[] {
  const single = Role.options.flatMap((role) => {
    const kind = ROLE_ORGANISATION[role];
    const ids: (number | null)[] = kind === 'global' ? [null] : [...ORGANISATIONS[kind]];
    return ids.map((id) => [membership(role, id)]);
  });
  const double = [
    [membership('teacher', 1000), membership('director', 1001)],
    [membership('teacher', 1002), membership('erun', 11)],
    [membership('director', 1000), membership('city_technician', 101)],
  ];
  return [...single, ...double].map((memberships, index) => ({
    userId: 1 + index,
    username: `u${index}`,
    displayName: `User ${index}`,
    email: null,
    memberships,
    via: 'session' as const,
  }));
}

const receives = (principal: Principal, event: RecordEvent, place: Place) => {
  const joined = new Set(roomsFor(principal));
  return roomsForEvent(event, place).some((room) => joined.has(room));
};

const REPORTER = 2;

function ticketEvent(place: Place, staffOnly: boolean): RecordEvent {
  return {
    name: 'ticket:commented',
    payload: { ticketId: 1, reference: 'INC-2025-000001', internal: staffOnly },
    audience: { schoolId: place.schoolId, communeId: place.communeId, reporterUserId: REPORTER, staffOnly },
  };
}

describe('live event rooms', () => {
  const everyone = principals();

  it('send a ticket event to exactly the people the API shows the ticket to, the reporter included', () => {
    for (const place of SCHOOLS) {
      const ticket = { reporterUserId: REPORTER } as TicketEntity;
      for (const principal of everyone) {
        expect({ user: principal.memberships, place, got: receives(principal, ticketEvent(place, false), place) }).toEqual({
          user: principal.memberships,
          place,
          got: canSee(principal, ticket, place),
        });
      }
    }
  });

  it('send an event of a report held at the school to its reporter, its directors and administrators, as the API shows it', () => {
    for (const approval of ['pending', 'answered'] as const) {
      for (const place of SCHOOLS) {
        const ticket = { reporterUserId: REPORTER, schoolId: place.schoolId, approval } as TicketEntity;
        const event = ticketEvent(place, false);
        const held = { ...event, audience: { ...event.audience, heldAtSchool: true } } as RecordEvent;
        const directs = (p: Principal) => p.memberships.some((m) => m.role === 'admin' || (m.role === 'director' && m.organisationId === place.schoolId));
        expect(everyone.filter((p) => canSee(p, ticket, place)).map((p) => p.userId)).toEqual(everyone.filter((p) => p.userId === REPORTER || directs(p)).map((p) => p.userId));
        for (const principal of everyone) {
          expect({ user: principal.memberships, place, approval, got: receives(principal, held, place) }).toEqual({
            user: principal.memberships,
            place,
            approval,
            got: canSee(principal, ticket, place),
          });
        }
      }
    }
  });

  it('send an internal note only to the support staff of the school, never to the reporter as such', () => {
    for (const place of SCHOOLS) {
      for (const principal of everyone) {
        expect({ user: principal.memberships, place, got: receives(principal, ticketEvent(place, true), place) }).toEqual({
          user: principal.memberships,
          place,
          got: canWork(principal, place),
        });
      }
    }
  });

  it('send a ticket event to the people following the report, but not an internal note', () => {
    const [place] = SCHOOLS;
    const follower = principals().find((p) => p.memberships.length === 1 && p.memberships[0]?.role === 'teacher')!;
    const followed = (staffOnly: boolean): RecordEvent => {
      const event = ticketEvent(place!, staffOnly);
      return { ...event, audience: { ...event.audience, followerUserIds: [follower.userId] } } as RecordEvent;
    };
    expect(receives(follower, ticketEvent(place!, false), place!)).toBe(false);
    expect(receives(follower, followed(false), place!)).toBe(true);
    expect(receives(follower, followed(true), place!)).toBe(false);
  });

  it('send an equipment event to every reader of the inventory there, teachers of the school included', () => {
    for (const place of [...SCHOOLS, ...STOCK]) {
      const event: RecordEvent = { name: 'equipment:updated', payload: { equipmentId: 1, status: 'broken', version: 2 }, audience: { schoolId: place.schoolId, communeId: place.communeId } };
      for (const principal of everyone) {
        expect({ user: principal.memberships, place, got: receives(principal, event, place) }).toEqual({
          user: principal.memberships,
          place,
          got: scopeCovers(scopeOf(principal, 'inventory:read'), place),
        });
      }
    }
  });

  it('keep a teacher out of their school’s ticket rooms but in its inventory room', () => {
    const [teacher] = principals().filter((p) => p.memberships.length === 1 && p.memberships[0]?.role === 'teacher');
    expect(roomsFor(teacher!)).toEqual([`user:${teacher!.userId}`, 'inventory:school:1000']);
  });

  it('fall back to the rooms the audience names when the place is gone', () => {
    const event = ticketEvent(SCHOOLS[0]!, false);
    expect(roomsForEvent(event, null).sort()).toEqual(['tickets:all', 'tickets:commune:100', 'tickets:school:1000', `user:${REPORTER}`].sort());
  });

  it('send a commune’s configuration change to whoever works tickets of the commune or of one of its schools', () => {
    for (const communeId of ORGANISATIONS.commune) {
      const places = [...STOCK, ...SCHOOLS].filter((place) => place.communeId === communeId);
      const rooms = configRooms(communeId, places);
      for (const principal of everyone) {
        const joined = new Set(roomsFor(principal));
        const works = places.some((place) => scopeCovers(scopeOf(principal, 'tickets:work'), place));
        expect({ user: principal.memberships, communeId, got: rooms.some((room) => joined.has(room)) }).toEqual({ user: principal.memberships, communeId, got: works });
      }
    }
  });

  it('send a global rule’s change to everyone who works tickets somewhere, and to no teacher or director', () => {
    for (const principal of everyone) {
      const joined = new Set(roomsFor(principal));
      const worksSomewhere = principal.memberships.some((m) => !['teacher', 'director'].includes(m.role));
      expect({ user: principal.memberships, got: configRooms(null, []).some((room) => joined.has(room)) }).toEqual({ user: principal.memberships, got: worksSomewhere });
    }
  });
});
