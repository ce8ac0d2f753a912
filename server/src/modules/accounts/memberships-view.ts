import type { EntityManager } from 'typeorm';
import type { Membership } from '@preau/shared';
import { PreparedSelect } from '../../db/prepared-select';
import { MembershipEntity } from './membership.entity';

const membershipsOfUsers = new PreparedSelect((manager) => manager.getRepository(MembershipEntity).createQueryBuilder('m').where('m.userId IN (:...userIds)').orderBy('m.id'));

const NAME_TABLES = { school: 'school', circonscription: 'circonscription', commune: 'commune', academy: 'academy' } as const;

/**
 * Memberships of several users at once, grouped by user, with their organisations' names
 * unless `names` is false (then null: authorising a request needs ids only).
 */
export async function membershipsOf(manager: EntityManager, userIds: number[], { names: withNames = true } = {}): Promise<Map<number, Membership[]>> {
  const byUser = new Map<number, Membership[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await membershipsOfUsers.many(manager, { userIds });
  const names = withNames ? await organisationNames(manager, rows) : new Map<string, string>();
  for (const row of rows) {
    byUser.get(row.userId)?.push({
      id: row.id,
      role: row.role,
      organisationKind: row.organisationKind,
      organisationId: row.organisationId,
      organisationName: row.organisationId === null ? null : (names.get(`${row.organisationKind}:${row.organisationId}`) ?? null),
    });
  }
  return byUser;
}

async function organisationNames(manager: EntityManager, rows: MembershipEntity[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [kind, table] of Object.entries(NAME_TABLES)) {
    const ids = [...new Set(rows.filter((r) => r.organisationKind === kind && r.organisationId !== null).map((r) => r.organisationId))];
    if (ids.length === 0) continue;
    const found: { id: number; name: string }[] = await manager.query(
      `SELECT id, name FROM ${table} WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    for (const row of found) names.set(`${kind}:${row.id}`, row.name);
  }
  return names;
}
