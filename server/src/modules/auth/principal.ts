import { ROLE_PERMISSIONS, type Membership, type Permission, type Role } from '@preau/shared';

/** Organisations a set of memberships covers; `all` for admins. */
export interface Scope {
  all: boolean;
  academyIds: number[];
  circonscriptionIds: number[];
  communeIds: number[];
  schoolIds: number[];
}

/** The signed-in user as every route and service sees it (Passport's `req.user`). */
export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  email: string | null;
  memberships: Membership[];
  /** How this request was authenticated: a session cookie needs the CSRF header for writes. */
  via: 'session' | 'token';
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    /** Passport's `req.user` is Préau's principal. */
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Principal {}
  }
}

export const EMPTY_SCOPE: Scope = Object.freeze({ all: false, academyIds: [], circonscriptionIds: [], communeIds: [], schoolIds: [] });

export function permissionsOf(principal: Principal): Permission[] {
  return [...new Set(principal.memberships.flatMap((m) => ROLE_PERMISSIONS[m.role]))];
}

export function hasPermission(principal: Principal, permission: Permission): boolean {
  return principal.memberships.some((m) => ROLE_PERMISSIONS[m.role].includes(permission));
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.memberships.some((m) => m.role === role);
}

/** The organisations in which the principal holds `permission`. */
export function scopeOf(principal: Principal, permission: Permission): Scope {
  return scopeOfMemberships(membershipsWith(principal, permission));
}

/** The principal's memberships whose role grants `permission`. */
export function membershipsWith(principal: Principal, permission: Permission): Membership[] {
  return principal.memberships.filter((m) => ROLE_PERMISSIONS[m.role].includes(permission));
}

/** Where a membership stands, whatever its role: what a scope is made of. */
export type ScopeMembership = Pick<Membership, 'organisationKind' | 'organisationId'>;

/** The organisations the memberships cover, each id once. */
export function scopeOfMemberships(memberships: readonly ScopeMembership[]): Scope {
  const scope: Scope = { all: false, academyIds: [], circonscriptionIds: [], communeIds: [], schoolIds: [] };
  for (const m of memberships) {
    if (m.organisationKind === 'global') scope.all = true;
    else if (m.organisationId !== null) {
      const list = listFor(scope, m.organisationKind);
      if (!list.includes(m.organisationId)) list.push(m.organisationId);
    }
  }
  return scope;
}

function listFor(scope: Scope, kind: Exclude<Membership['organisationKind'], 'global'>): number[] {
  switch (kind) {
    case 'academy':
      return scope.academyIds;
    case 'circonscription':
      return scope.circonscriptionIds;
    case 'commune':
      return scope.communeIds;
    case 'school':
      return scope.schoolIds;
  }
}

/** Where a record stands in the organisation tree; schools and circonscriptions are null for commune stock. */
export interface Place {
  communeId: number;
  communeAcademyId: number;
  schoolId: number | null;
  circonscriptionId: number | null;
  circonscriptionAcademyId: number | null;
}

export function scopeCovers(scope: Scope, place: Place): boolean {
  if (scope.all) return true;
  if (scope.communeIds.includes(place.communeId)) return true;
  if (scope.academyIds.includes(place.communeAcademyId)) return true;
  if (place.schoolId !== null && scope.schoolIds.includes(place.schoolId)) return true;
  if (place.circonscriptionId !== null && scope.circonscriptionIds.includes(place.circonscriptionId)) return true;
  return place.circonscriptionAcademyId !== null && scope.academyIds.includes(place.circonscriptionAcademyId);
}
