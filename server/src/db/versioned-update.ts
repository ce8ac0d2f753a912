import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { notFound, versionConflict } from '../http/app-error';

/**
 * Applies `changes` only if the row still has the version the client read; the query
 * builder bumps `version` and `updated_at` itself. A stale version is a 409, never a silent overwrite.
 */
export async function updateVersioned<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  what: string,
  id: number,
  version: number,
  changes: Partial<E>,
  /** The key's property, for a table keyed otherwise (a commune's settings: `communeId`). */
  key: keyof E & string = 'id',
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set(changes as never)
    .where({ [key]: id, version } as never)
    .execute();
  if (result.affected === 1) return;
  const exists = await manager.getRepository(target).existsBy({ [key]: id } as never);
  throw exists ? versionConflict(what, id) : notFound(what, id);
}

/** Drops keys whose value is `undefined`, so a partial update only touches what was sent. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
