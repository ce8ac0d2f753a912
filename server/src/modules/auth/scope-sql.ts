import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from './principal';

let parameterSequence = 0;

/**
 * Restricts a query to the records a scope covers. `columns` name the SQL expressions for the
 * record's commune and school (the school may be null: commune stock). Ids are bound, never
 * concatenated; an empty scope matches nothing.
 */
export function whereInScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: Scope,
  columns: { commune: string; school: string | null },
): SelectQueryBuilder<T> {
  if (scope.all) return qb;
  const p = `scope${++parameterSequence}_`;
  const clauses: string[] = [];
  const parameters: Record<string, number[]> = {};
  const add = (name: string, ids: number[], clause: (param: string) => string) => {
    if (ids.length === 0) return;
    parameters[p + name] = ids;
    clauses.push(clause(`(:...${p}${name})`));
  };
  add('communes', scope.communeIds, (ids) => `${columns.commune} IN ${ids}`);
  add('academies', scope.academyIds, (ids) => `${columns.commune} IN (SELECT sc.id FROM commune sc WHERE sc.academy_id IN ${ids})`);
  if (columns.school) {
    const school = columns.school;
    add('schools', scope.schoolIds, (ids) => `${school} IN ${ids}`);
    add('circs', scope.circonscriptionIds, (ids) => `${school} IN (SELECT ss.id FROM school ss WHERE ss.circonscription_id IN ${ids})`);
    add(
      'circAcademies',
      scope.academyIds,
      (ids) =>
        `${school} IN (SELECT ss.id FROM school ss INNER JOIN circonscription scc ON scc.id = ss.circonscription_id WHERE scc.academy_id IN ${ids})`,
    );
  }
  if (clauses.length === 0) return qb.andWhere('1 = 0');
  return qb.andWhere(`(${clauses.join(' OR ')})`, parameters);
}
