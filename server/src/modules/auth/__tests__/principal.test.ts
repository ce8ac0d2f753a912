import { ROLE_ORGANISATION, type Membership, type Role } from '@preau/shared';
import { hasPermission, permissionsOf, scopeCovers, scopeOf, type Place, type Principal } from '../principal';

let membershipId = 0;
function principal(...memberships: [Role, number | null][]): Principal {
  return {
    userId: 1,
    username: 'someone',
    displayName: 'Someone',
    email: null,
    via: 'session',
    memberships: memberships.map(
      ([role, organisationId]): Membership => ({ id: ++membershipId, role, organisationKind: ROLE_ORGANISATION[role], organisationId, organisationName: null }),
    ),
  };
}

// Commune 10 (académie 1) holds school 100 of circonscription 20 (académie 1) and its own stock.
const school: Place = { communeId: 10, communeAcademyId: 1, schoolId: 100, circonscriptionId: 20, circonscriptionAcademyId: 1 };
const communeStock: Place = { communeId: 10, communeAcademyId: 1, schoolId: null, circonscriptionId: null, circonscriptionAcademyId: null };
// A school of commune 11 (académie 2) whose circonscription 21 belongs to académie 1 (a border case).
const borderSchool: Place = { communeId: 11, communeAcademyId: 2, schoolId: 101, circonscriptionId: 21, circonscriptionAcademyId: 1 };

describe('scopeOf', () => {
  it('collects the organisations where a permission is held, by kind', () => {
    const p = principal(['teacher', 100], ['city_technician', 10], ['erun', 20], ['rectorate_agent', 1]);
    expect(scopeOf(p, 'inventory:read')).toEqual({ all: false, academyIds: [1], circonscriptionIds: [20], communeIds: [10], schoolIds: [100] });
    expect(scopeOf(p, 'inventory:write')).toEqual({ all: false, academyIds: [], circonscriptionIds: [], communeIds: [10], schoolIds: [] });
    expect(scopeOf(p, 'users:manage')).toEqual({ all: false, academyIds: [], circonscriptionIds: [], communeIds: [], schoolIds: [] });
  });

  it('gives administrators everything', () => {
    expect(scopeOf(principal(['admin', null]), 'organisations:write').all).toBe(true);
  });

  it('gives nothing to an account waiting for a role', () => {
    const none = scopeOf(principal(), 'inventory:read');
    expect(none.all).toBe(false);
    expect([school, communeStock, borderSchool].some((place) => scopeCovers(none, place))).toBe(false);
  });
});

describe('scopeCovers', () => {
  const covers = (p: Principal, place: Place, permission: Parameters<typeof scopeOf>[1] = 'inventory:read') => scopeCovers(scopeOf(p, permission), place);

  it('lets a teacher see its school only, not the commune stock nor other schools', () => {
    const teacher = principal(['teacher', 100]);
    expect(covers(teacher, school)).toBe(true);
    expect(covers(teacher, communeStock)).toBe(false);
    expect(covers(teacher, borderSchool)).toBe(false);
    expect(covers(teacher, school, 'inventory:write')).toBe(false);
  });

  it('lets city staff see and change their commune, its schools and its stock', () => {
    const technician = principal(['city_technician', 10]);
    expect(covers(technician, school, 'inventory:write')).toBe(true);
    expect(covers(technician, communeStock, 'inventory:write')).toBe(true);
    expect(covers(technician, borderSchool)).toBe(false);
  });

  it("lets an ERUN see its circonscription's schools, in any commune, but no commune stock", () => {
    const erun = principal(['erun', 21]);
    expect(covers(erun, borderSchool)).toBe(true);
    expect(covers(erun, school)).toBe(false);
    expect(covers(erun, { ...communeStock, communeId: 11, communeAcademyId: 2 })).toBe(false);
  });

  it("lets a rectorate agent see its académie's communes and the schools of its circonscriptions", () => {
    const rectorate = principal(['rectorate_agent', 1]);
    expect(covers(rectorate, school)).toBe(true);
    expect(covers(rectorate, communeStock)).toBe(true);
    expect(covers(rectorate, borderSchool)).toBe(true);
    expect(covers(principal(['rectorate_agent', 2]), school)).toBe(false);
    expect(covers(rectorate, school, 'inventory:write')).toBe(false);
  });
});

describe('permissions', () => {
  it('unites the permissions of every membership, once each', () => {
    const p = principal(['teacher', 100], ['city_manager', 10], ['city_technician', 10]);
    expect(permissionsOf(p).sort()).toEqual(['audit:read', 'inventory:read', 'inventory:write', 'reports:read', 'tickets:work', 'users:manage']);
    expect(hasPermission(p, 'organisations:write')).toBe(false);
    expect(hasPermission(principal(['teacher', 100]), 'inventory:write')).toBe(false);
  });
});
