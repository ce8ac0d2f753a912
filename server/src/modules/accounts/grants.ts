import type { EntityManager } from 'typeorm';
import { CITY_MANAGER_GRANTABLE_ROLES, ROLE_ORGANISATION, type MembershipCreate, type OrganisationKind } from '@preau/shared';
import { AppError, forbidden } from '../../http/app-error';
import { scopeOf, type Principal, type Scope } from '../auth/principal';

const TABLES: Record<Exclude<OrganisationKind, 'global'>, string> = {
  school: 'school',
  circonscription: 'circonscription',
  commune: 'commune',
  academy: 'academy',
};

/** The commune a membership's organisation belongs to (its own id for a commune), for scoping and the audit log. */
export async function communeOfOrganisation(
  manager: EntityManager,
  kind: OrganisationKind,
  organisationId: number | null,
): Promise<{ exists: boolean; communeId: number | null }> {
  if (kind === 'global' || organisationId === null) return { exists: kind === 'global', communeId: null };
  const column = kind === 'school' ? 'commune_id' : kind === 'commune' ? 'id' : 'NULL';
  const rows: { communeId: number | string | null }[] = await manager.query(
    `SELECT ${column} AS communeId FROM ${TABLES[kind]} WHERE id = ?`,
    [organisationId],
  );
  if (rows.length === 0) return { exists: false, communeId: null };
  const communeId = rows[0]?.communeId;
  return { exists: true, communeId: communeId === null || communeId === undefined ? null : Number(communeId) };
}

/** Whether a membership lies inside the organisations a user manager looks after. */
export function membershipInScope(scope: Scope, kind: OrganisationKind, communeId: number | null): boolean {
  if (scope.all) return true;
  return (kind === 'commune' || kind === 'school') && communeId !== null && scope.communeIds.includes(communeId);
}

/**
 * Checks that `principal` may grant `grant`: admins grant any role anywhere; city managers the
 * commune's staff and school roles, inside their communes. Returns the commune concerned.
 */
export async function checkGrant(manager: EntityManager, principal: Principal, grant: MembershipCreate, index?: number): Promise<number | null> {
  const scope = scopeOf(principal, 'users:manage');
  const path = index === undefined ? ['organisationId'] : ['memberships', index, 'organisationId'];
  if (!scope.all && !CITY_MANAGER_GRANTABLE_ROLES.includes(grant.role)) {
    throw forbidden(`Only an administrator may grant the ${grant.role} role`);
  }
  const kind = ROLE_ORGANISATION[grant.role];
  const { exists, communeId } = await communeOfOrganisation(manager, kind, grant.organisationId);
  if (!exists || !membershipInScope(scope, kind, communeId)) {
    const message = `${kind} ${grant.organisationId} does not exist`;
    throw new AppError(422, 'VALIDATION_FAILED', message, [{ path, message }]);
  }
  return communeId;
}
