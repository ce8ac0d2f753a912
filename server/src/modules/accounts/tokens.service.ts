import { createHash, randomBytes } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { ApiTokenCreate, type ApiToken, type ApiTokenCreated } from '@preau/shared';
import { forbidden, notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import type { Actor } from '../../http/actor';
import type { AuditService } from '../audit/audit.service';
import type { DomainEvents } from '../../events/domain-events';
import { principalOfUser } from '../auth/load-principal';
import type { Principal } from '../auth/principal';
import { PreparedSelect } from '../../db/prepared-select';
import { ApiTokenEntity } from './api-token.entity';

const TOKEN_PREFIX = 'preau_';
/** Writing `lastUsedAt` on every call would turn each read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

// The owner comes with the token, in the same statement: every API call signs in so. (A query
// builder: `findOne` with a relation pages through ids first, in two statements.)
const validTokenWithOwner = new PreparedSelect((manager) =>
  manager.getRepository(ApiTokenEntity).createQueryBuilder('t').innerJoinAndSelect('t.user', 'u').where('t.tokenHash = :hash AND t.revokedAt IS NULL'),
);

/** Personal API tokens: created and revoked by their owner, stored hashed, scoped like the owner. */
export class TokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events?: DomainEvents,
  ) {}

  async listOwn(principal: Principal): Promise<ApiToken[]> {
    const rows = await this.dataSource
      .getRepository(ApiTokenEntity)
      .find({ where: { userId: principal.userId, revokedAt: IsNull() }, order: { id: 'DESC' } });
    return rows.map(toApiToken);
  }

  async create(principal: Principal, body: unknown, actor: Actor): Promise<ApiTokenCreated> {
    // Otherwise a leaked short-lived token could mint a permanent one.
    if (principal.via !== 'session') throw forbidden('Create tokens from a signed-in session, not with another token');
    const input = parse(ApiTokenCreate, body);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(ApiTokenEntity).save({
        userId: principal.userId,
        name: input.name,
        prefix: token.slice(0, 12),
        tokenHash: sha256(token),
        lastUsedAt: null,
        expiresAt,
        revokedAt: null,
      });
      await this.audit.record(actor, { action: 'token.created', targetType: 'api_token', targetId: row.id, details: { name: row.name } }, manager);
      return row;
    });
    return { ...toApiToken(saved), token };
  }

  async revoke(principal: Principal, id: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(ApiTokenEntity).findOneBy({ id, userId: principal.userId, revokedAt: IsNull() });
      if (!row) throw notFound('Token', id);
      await manager.getRepository(ApiTokenEntity).update({ id }, { revokedAt: new Date() });
      await this.audit.record(actor, { action: 'token.revoked', targetType: 'api_token', targetId: id, details: { name: row.name } }, manager);
    });
    // Sockets signed in with the token are checked again, and dropped.
    this.events?.publishAccessChange({ kind: 'account-changed', userId: principal.userId });
  }

  /** The owner of a valid token (not revoked, not expired, account enabled), or null. */
  async authenticate(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await validTokenWithOwner.one(this.dataSource.manager, { hash: sha256(token) });
    const now = Date.now();
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.dataSource.getRepository(ApiTokenEntity).update({ id: row.id }, { lastUsedAt: new Date(now) });
    }
    return principalOfUser(this.dataSource, row.user, 'token');
  }
}

function toApiToken(row: ApiTokenEntity): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
