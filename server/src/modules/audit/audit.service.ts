import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry, AuditQuery, Page } from '@preau/shared';
import type { Actor } from '../../http/actor';
import { rawInstant } from '../../db/raw-instant';
import { scopeOf, type Principal } from '../auth/principal';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  targetType?: string | null;
  targetId?: number | null;
  communeId?: number | null;
  details?: Record<string, unknown> | null;
}

/** The append-only log of who changed what: inventory, accounts, memberships, tokens, logins. */
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes in the caller's transaction when given one, so the entry stands or falls with the change. */
  async record(actor: Actor, entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    // No read-back of the generated columns: an audit line is written, never shown by the writer.
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEntryEntity)
      .updateEntity(false)
      .values({
        actorUserId: actor.userId,
        actorLabel: actor.label.slice(0, 254),
        ip: actor.ip,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        communeId: entry.communeId ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
      })
      .execute();
  }

  /** Admins read everything; city managers the entries of their communes. */
  async list(principal: Principal, query: AuditQuery): Promise<Page<AuditEntry>> {
    const scope = scopeOf(principal, 'audit:read');
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (!scope.all) {
      if (scope.communeIds.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('a.communeId IN (:...communeIds)', { communeIds: scope.communeIds });
    }
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorUserId) qb.andWhere('a.actorUserId = :actorUserId', { actorUserId: query.actorUserId });
    if (query.targetType) qb.andWhere('a.targetType = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('a.targetId = :targetId', { targetId: query.targetId });
    const [rows, total] = await qb
      .orderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(toAuditEntry), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Failed logins since `since` from an address, or for an account name since its last
   * successful sign-in (login throttling).
   */
  async countFailures(since: Date, by: { name?: string; ip?: string }): Promise<{ count: number; oldest: Date | null }> {
    const qb = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .select('COUNT(*)', 'count')
      .addSelect('MIN(a.at)', 'oldest')
      .where('a.action = :action AND a.at > :since', { action: 'auth.login_failed', since });
    if (by.name !== undefined) {
      // "After the last success" by entry id, not by time: `at` and `last_login_at` differ in
      // precision (seconds on one side or the other, by engine), so times in the same second tie.
      qb.andWhere('a.actorLabel = :name', { name: by.name }).andWhere(
        `a.id > COALESCE((SELECT MAX(s.id) FROM audit_entry s WHERE s.action = :succeeded AND s.actor_label = :name), 0)`,
        { succeeded: 'auth.login_succeeded' },
      );
    }
    if (by.ip !== undefined) qb.andWhere('a.ip = :ip', { ip: by.ip });
    const row = await qb.getRawOne<{ count: string | number; oldest: string | Date | null }>();
    return { count: Number(row?.count ?? 0), oldest: rawInstant(row?.oldest) };
  }
}

function toAuditEntry(row: AuditEntryEntity): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    ip: row.ip,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    communeId: row.communeId,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
  };
}
