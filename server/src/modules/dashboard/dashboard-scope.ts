import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { DashboardScope, ScopeQuery } from '@preau/shared';
import { notFound } from '../../http/app-error';
import { scopeOf, type Principal, type Scope } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';

/** The SQL expressions for a record's commune, school and (when the table has it) circonscription. */
export interface ScopeColumns {
  commune: string;
  school: string;
  circonscription?: string;
}

/** The schools a dashboard covers: what to call them, and how to keep a query to them. */
export interface ResolvedScope {
  scope: DashboardScope;
  restrict<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, columns: ScopeColumns): SelectQueryBuilder<T>;
}

/** Label of the reader's whole scope when it is not one organisation (as the steering report says it); the client may show its own words for kind `all`. */
const wholeScopeName = (scope: Scope) => (scope.all ? 'Toutes les organisations' : 'Tout votre périmètre');

interface OrganisationRow {
  id: number | string;
  name: string;
  academyId: number | string | null;
}

/**
 * The organisation asked for, which the reader's `reports:read` scope must cover whole (else
 * 404, as for any record outside it: the figures of a commune are the commune's, never the part
 * a reader happens to see). Without one, everything the reader's scope covers; a reader of
 * one organisation gets that organisation.
 */
export async function resolveScope(manager: EntityManager, principal: Principal, query: ScopeQuery): Promise<ResolvedScope> {
  const readable = scopeOf(principal, 'reports:read');
  if (query.academyId !== undefined) return organisationScope(manager, readable, 'academy', query.academyId);
  if (query.communeId !== undefined) return organisationScope(manager, readable, 'commune', query.communeId);
  if (query.circonscriptionId !== undefined) return organisationScope(manager, readable, 'circonscription', query.circonscriptionId);

  const single = singleOrganisation(readable);
  if (single) return organisationScope(manager, readable, single.kind, single.id);
  return {
    scope: { kind: 'all', id: null, name: wholeScopeName(readable) },
    restrict: (qb, columns) => whereInScope(qb, readable, columns),
  };
}

type OrganisationKind = 'academy' | 'commune' | 'circonscription';

function singleOrganisation(scope: Scope): { kind: OrganisationKind; id: number } | null {
  if (scope.all || scope.schoolIds.length > 0) return null;
  const lists: [OrganisationKind, number[]][] = [
    ['academy', [...new Set(scope.academyIds)]],
    ['commune', [...new Set(scope.communeIds)]],
    ['circonscription', [...new Set(scope.circonscriptionIds)]],
  ];
  const filled = lists.filter(([, ids]) => ids.length > 0);
  if (filled.length !== 1 || filled[0]![1].length !== 1) return null;
  return { kind: filled[0]![0], id: filled[0]![1][0]! };
}

const TABLES: Record<OrganisationKind, { sql: string; what: string }> = {
  academy: { sql: 'SELECT id, name, NULL AS academyId FROM academy WHERE id = ?', what: 'Academy' },
  commune: { sql: 'SELECT id, name, academy_id AS academyId FROM commune WHERE id = ?', what: 'Commune' },
  circonscription: { sql: 'SELECT id, name, academy_id AS academyId FROM circonscription WHERE id = ?', what: 'Circonscription' },
};

async function organisationScope(manager: EntityManager, readable: Scope, kind: OrganisationKind, id: number): Promise<ResolvedScope> {
  const rows: OrganisationRow[] = await manager.query(TABLES[kind].sql, [id]);
  const row = rows[0];
  if (!row || !coversWhole(readable, kind, id, row.academyId === null ? null : Number(row.academyId))) throw notFound(TABLES[kind].what, id);
  const scope: DashboardScope = { kind, id, name: row.name };
  switch (kind) {
    case 'academy':
      return {
        scope,
        restrict: (qb, c) => qb.andWhere(`${c.commune} IN (SELECT sa.id FROM commune sa WHERE sa.academy_id = :scopeAcademyId)`, { scopeAcademyId: id }),
      };
    case 'commune':
      return { scope, restrict: (qb, c) => qb.andWhere(`${c.commune} = :scopeCommuneId`, { scopeCommuneId: id }) };
    case 'circonscription':
      return {
        scope,
        restrict: (qb, c) =>
          c.circonscription
            ? qb.andWhere(`${c.circonscription} = :scopeCirconscriptionId`, { scopeCirconscriptionId: id })
            : qb.andWhere(`${c.school} IN (SELECT sc.id FROM school sc WHERE sc.circonscription_id = :scopeCirconscriptionId)`, { scopeCirconscriptionId: id }),
      };
  }
}

function coversWhole(scope: Scope, kind: OrganisationKind, id: number, academyId: number | null): boolean {
  if (scope.all) return true;
  switch (kind) {
    case 'academy':
      return scope.academyIds.includes(id);
    case 'commune':
      return scope.communeIds.includes(id) || (academyId !== null && scope.academyIds.includes(academyId));
    case 'circonscription':
      return scope.circonscriptionIds.includes(id) || (academyId !== null && scope.academyIds.includes(academyId));
  }
}
