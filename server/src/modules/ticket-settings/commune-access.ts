import type { EntityManager } from 'typeorm';
import { AppError, forbidden, notFound } from '../../http/app-error';
import { hasRole, scopeOf, type Principal } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';

// Who reads and who changes a commune's ticket configuration (its routing rules and settings).
// Reading follows ticket work: whoever works the commune's tickets sees what routes and times
// them. Changing is narrower than any permission: a city manager of that very commune, or an
// administrator, who alone also changes the global rules.

/**
 * Communes whose tickets the principal works, by `tickets:work`: through the commune itself,
 * its académie, or one of its schools (directly or by circonscription). Null: every commune.
 */
export async function communesWorkedBy(manager: EntityManager, principal: Principal): Promise<number[] | null> {
  const scope = scopeOf(principal, 'tickets:work');
  if (scope.all) return null;
  const communes = manager.createQueryBuilder().select('c.id', 'id').from('commune', 'c');
  const schools = manager.createQueryBuilder().select('s.commune_id', 'id').distinct(true).from('school', 's');
  const rows: { id: number | string }[] = [
    ...(await whereInScope(communes, scope, { commune: 'c.id', school: null }).getRawMany()),
    ...(await whereInScope(schools, scope, { commune: 's.commune_id', school: 's.id' }).getRawMany()),
  ];
  return [...new Set(rows.map((row) => Number(row.id)))];
}

/** Administrators configure everything; a city manager, only the communes they manage (never the global rules). */
export function configuresCommune(principal: Principal, communeId: number | null): boolean {
  if (hasRole(principal, 'admin')) return true;
  return (
    communeId !== null &&
    principal.memberships.some((m) => m.role === 'city_manager' && m.organisationKind === 'commune' && m.organisationId === communeId)
  );
}

async function communeExists(manager: EntityManager, communeId: number): Promise<boolean> {
  const rows: unknown[] = await manager.query('SELECT id FROM commune WHERE id = ?', [communeId]);
  return rows.length > 0;
}

/** Whether the commune exists and the principal works its tickets. */
export async function worksCommune(manager: EntityManager, principal: Principal, communeId: number): Promise<boolean> {
  const worked = await communesWorkedBy(manager, principal);
  return (worked === null || worked.includes(communeId)) && (await communeExists(manager, communeId));
}

/** 404 for a commune missing or outside the principal's ticket work. */
export async function ensureCommuneReadable(manager: EntityManager, principal: Principal, communeId: number): Promise<void> {
  if (!(await worksCommune(manager, principal, communeId))) throw notFound('Commune', communeId);
}

/**
 * Before changing something of `communeId` (null: a global rule): 404 when the commune is
 * missing or unseen, 403 when seen but not the principal's to configure. For a creation,
 * `field` turns the 404 into a 422 on the field naming the commune.
 */
export async function ensureConfigures(manager: EntityManager, principal: Principal, communeId: number | null, field?: (string | number)[]): Promise<void> {
  if (communeId === null) {
    if (!configuresCommune(principal, null)) throw forbidden('Only an administrator changes the global rules');
    return;
  }
  const seen = await worksCommune(manager, principal, communeId);
  if (!seen) {
    if (!field) throw notFound('Commune', communeId);
    const message = `Commune ${communeId} does not exist`;
    throw new AppError(422, 'VALIDATION_FAILED', message, [{ path: field, message }]);
  }
  if (!configuresCommune(principal, communeId)) throw forbidden("Only the commune's city managers and administrators change its ticket configuration");
}
