import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { MembershipCreate, ROLE_ORGANISATION, UserCreate, UserUpdate, type Page, type User, type UserListQuery } from '@preau/shared';
import { AppError, forbidden, notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import { definedOnly, updateVersioned } from '../../db/versioned-update';
import type { Actor } from '../../http/actor';
import type { DomainEvents } from '../../events/domain-events';
import type { AuditService } from '../audit/audit.service';
import { scopeOf, type Principal, type Scope } from '../auth/principal';
import type { DatabaseSessionStore } from '../auth/session-store';
import { checkGrant, communeOfOrganisation, membershipInScope } from './grants';
import { MembershipEntity } from './membership.entity';
import { membershipsOf } from './memberships-view';
import { hashPassword } from './passwords';
import { UserAccountEntity } from './user-account.entity';

/** Users whose memberships touch the given communes (directly or through one of their schools). */
const IN_COMMUNES = (param: string) => `u.id IN (SELECT m.user_id FROM membership m
  WHERE (m.organisation_kind = 'commune' AND m.organisation_id IN (:...${param}))
     OR (m.organisation_kind = 'school' AND m.organisation_id IN (SELECT s.id FROM school s WHERE s.commune_id IN (:...${param}))))`;

/** Accounts and memberships: admins manage everyone, city managers the people of their communes. */
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: DatabaseSessionStore,
    private readonly events: DomainEvents,
  ) {}

  async list(principal: Principal, query: UserListQuery): Promise<Page<User>> {
    const qb = this.dataSource.getRepository(UserAccountEntity).createQueryBuilder('u');
    restrictToManaged(qb, scopeOf(principal, 'users:manage'));
    if (!query.includeDisabled) qb.andWhere('u.disabled = :disabled', { disabled: false });
    if (query.q) qb.andWhere('(u.username LIKE :q OR u.displayName LIKE :q OR u.email LIKE :q)', { q: `%${query.q}%` });
    if (query.role) qb.andWhere('u.id IN (SELECT mr.user_id FROM membership mr WHERE mr.role = :role)', { role: query.role });
    if (query.communeId) qb.andWhere(IN_COMMUNES('filterCommune'), { filterCommune: [query.communeId] });
    const [rows, total] = await qb
      .orderBy('u.displayName')
      .addOrderBy('u.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const memberships = await membershipsOf(this.dataSource.manager, rows.map((u) => u.id));
    return { items: rows.map((u) => toUser(u, memberships)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(principal: Principal, id: number): Promise<User> {
    await this.managed(this.dataSource.manager, principal, id, 'read');
    return this.view(this.dataSource.manager, id);
  }

  async create(principal: Principal, body: unknown, actor: Actor): Promise<User> {
    const input = parse(UserCreate, body);
    const scope = scopeOf(principal, 'users:manage');
    if (!scope.all && input.memberships.length === 0) {
      const message = 'Give the account a role in your commune';
      throw new AppError(422, 'VALIDATION_FAILED', message, [{ path: ['memberships'], message }]);
    }
    const passwordHash = await hashPassword(input.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const communes = [];
      for (const [index, grant] of input.memberships.entries()) communes.push(await checkGrant(manager, principal, grant, index));
      const user = await manager.getRepository(UserAccountEntity).save({
        username: input.username,
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        disabled: false,
        demo: false,
        ssoSubject: null,
        lastLoginAt: null,
      });
      for (const grant of input.memberships) await insertMembership(manager, user.id, grant);
      await this.audit.record(
        actor,
        {
          action: 'user.created',
          targetType: 'user',
          targetId: user.id,
          communeId: communes.find((c) => c !== null) ?? null,
          details: { username: user.username, memberships: input.memberships },
        },
        manager,
      );
      return user.id;
    });
    return this.view(this.dataSource.manager, id);
  }

  async update(principal: Principal, id: number, body: unknown, actor: Actor): Promise<User> {
    const { version, password, ...changes } = parse(UserUpdate, body);
    if (changes.disabled === true && id === principal.userId) {
      throw new AppError(422, 'VALIDATION_FAILED', 'You cannot disable your own account', [{ path: ['disabled'], message: 'You cannot disable your own account' }]);
    }
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const endSessions = changes.disabled === true || passwordHash !== undefined;
    await this.dataSource.transaction(async (manager) => {
      const { communeId } = await this.managed(manager, principal, id, 'write');
      await updateVersioned(manager, UserAccountEntity, 'User', id, version, definedOnly({ ...changes, passwordHash }));
      const fields = Object.keys(definedOnly({ ...changes, password }));
      await this.audit.record(actor, { action: 'user.updated', targetType: 'user', targetId: id, communeId, details: { fields, disabled: changes.disabled } }, manager);
    });
    if (endSessions && id !== principal.userId) await this.sessions.destroyForUser(id);
    this.events.publishAccessChange({ kind: 'account-changed', userId: id });
    return this.view(this.dataSource.manager, id);
  }

  async addMembership(principal: Principal, id: number, body: unknown, actor: Actor): Promise<User> {
    const grant = parse(MembershipCreate, body);
    await this.dataSource.transaction(async (manager) => {
      await this.managed(manager, principal, id, 'write');
      const communeId = await checkGrant(manager, principal, grant);
      await insertMembership(manager, id, grant);
      await this.audit.record(actor, { action: 'membership.granted', targetType: 'user', targetId: id, communeId, details: { ...grant } }, manager);
    });
    this.events.publishAccessChange({ kind: 'account-changed', userId: id });
    return this.view(this.dataSource.manager, id);
  }

  async removeMembership(principal: Principal, id: number, membershipId: number, actor: Actor): Promise<User> {
    await this.dataSource.transaction(async (manager) => {
      await this.managed(manager, principal, id, 'write');
      const membership = await manager.getRepository(MembershipEntity).findOneBy({ id: membershipId, userId: id });
      if (!membership) throw notFound('Membership', membershipId);
      if (id === principal.userId && membership.role === 'admin') {
        throw new AppError(422, 'VALIDATION_FAILED', 'You cannot remove your own administrator role', [{ path: ['membershipId'], message: 'Your own administrator role' }]);
      }
      const { communeId } = await communeOfOrganisation(manager, membership.organisationKind, membership.organisationId);
      await manager.getRepository(MembershipEntity).delete({ id: membershipId });
      await this.audit.record(
        actor,
        { action: 'membership.revoked', targetType: 'user', targetId: id, communeId, details: { role: membership.role, organisationId: membership.organisationId } },
        manager,
      );
    });
    this.events.publishAccessChange({ kind: 'account-changed', userId: id });
    return this.view(this.dataSource.manager, id);
  }

  /**
   * 404 unless the account is among those `principal` looks after; for a change, 403 when some
   * of its memberships lie outside them (a city manager does not edit a rectorate agent).
   * Returns the commune to file the audit entry under.
   */
  private async managed(manager: EntityManager, principal: Principal, id: number, intent: 'read' | 'write'): Promise<{ communeId: number | null }> {
    const scope = scopeOf(principal, 'users:manage');
    const exists = await manager.getRepository(UserAccountEntity).existsBy({ id });
    const memberships = await manager.getRepository(MembershipEntity).findBy({ userId: id });
    const placed = await Promise.all(
      memberships.map(async (m) => ({ kind: m.organisationKind, ...(await communeOfOrganisation(manager, m.organisationKind, m.organisationId)) })),
    );
    const inside = placed.filter((p) => membershipInScope(scope, p.kind, p.communeId));
    if (!exists || (!scope.all && inside.length === 0)) throw notFound('User', id);
    if (intent === 'write' && inside.length < placed.length) {
      throw forbidden('This account also holds roles outside your communes: an administrator manages it');
    }
    return { communeId: inside.find((p) => p.communeId !== null)?.communeId ?? null };
  }

  private async view(manager: EntityManager, id: number): Promise<User> {
    const user = await manager.getRepository(UserAccountEntity).findOneBy({ id });
    if (!user) throw notFound('User', id);
    return toUser(user, await membershipsOf(manager, [id]));
  }
}

function restrictToManaged(qb: SelectQueryBuilder<UserAccountEntity>, scope: Scope): void {
  if (scope.all) return;
  if (scope.communeIds.length === 0) qb.andWhere('1 = 0');
  else qb.andWhere(IN_COMMUNES('managedCommunes'), { managedCommunes: scope.communeIds });
}

async function insertMembership(manager: EntityManager, userId: number, grant: MembershipCreate): Promise<void> {
  await manager.getRepository(MembershipEntity).insert({
    userId,
    role: grant.role,
    organisationKind: ROLE_ORGANISATION[grant.role],
    organisationId: grant.organisationId,
  });
}

function toUser(user: UserAccountEntity, memberships: Map<number, User['memberships']>): User {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    displayName: user.displayName,
    disabled: user.disabled,
    ssoOnly: user.passwordHash === null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    memberships: memberships.get(user.id) ?? [],
    version: user.version,
  };
}
