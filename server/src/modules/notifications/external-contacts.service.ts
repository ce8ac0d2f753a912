import type { DataSource } from 'typeorm';
import { ExternalContactCreate, type ExternalContact, type ExternalContactListQuery, type Page } from '@preau/shared';
import { AppError, fieldError, forbidden, notFound } from '../../http/app-error';
import type { Actor } from '../../http/actor';
import { pageOf } from '../../http/pagination';
import { parse } from '../../http/validate';
import type { AuditService } from '../audit/audit.service';
import { ensureTarget } from '../auth/guards';
import { placeOfCommune } from '../auth/places';
import { scopeOf, type Principal } from '../auth/principal';
import { AcademyEntity } from '../organisations/academy.entity';
import { ExternalContactEntity } from './external-contact.entity';

/**
 * Addresses of external level-3 parties. City managers keep their commune's suppliers and
 * copier contractors; software editors belong to an académie, which only administrators manage.
 */
export class ExternalContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: ExternalContactListQuery): Promise<Page<ExternalContact>> {
    const scope = scopeOf(principal, 'users:manage');
    const qb = this.dataSource.getRepository(ExternalContactEntity).createQueryBuilder('c');
    if (!scope.all) {
      if (scope.communeIds.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('c.communeId IN (:...communeIds)', { communeIds: scope.communeIds });
    }
    if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
    if (query.communeId) qb.andWhere('c.communeId = :communeId', { communeId: query.communeId });
    if (query.academyId) qb.andWhere('c.academyId = :academyId', { academyId: query.academyId });
    qb.orderBy('c.kind').addOrderBy('c.name').addOrderBy('c.id');
    return pageOf(qb, query, (rows) => rows.map(toExternalContact));
  }

  async create(principal: Principal, body: unknown, actor: Actor): Promise<ExternalContact> {
    const input = parse(ExternalContactCreate, body);
    return this.dataSource.transaction(async (manager) => {
      if (input.academyId !== null) {
        if (!scopeOf(principal, 'users:manage').all) throw forbidden("Only administrators manage an académie's contacts");
        if (!(await manager.getRepository(AcademyEntity).existsBy({ id: input.academyId }))) {
          throw fieldError(['academyId'], `Académie ${input.academyId} does not exist`);
        }
      } else {
        const place = await placeOfCommune(manager, input.communeId!);
        ensureTarget(principal, 'users:manage', place, 'communeId', `Commune ${input.communeId}`);
      }
      const repo = manager.getRepository(ExternalContactEntity);
      const siblings = await repo.findBy(
        input.academyId !== null ? { kind: input.kind, academyId: input.academyId, email: input.email } : { kind: input.kind, communeId: input.communeId!, email: input.email },
      );
      if (siblings.some((c) => (c.name ?? '').toLowerCase() === (input.name ?? '').toLowerCase())) {
        throw new AppError(409, 'DUPLICATE', `${input.email} is already the contact of this ${input.kind}`);
      }
      const saved = await repo.save(repo.create(input));
      await this.audit.record(
        actor,
        { action: 'external_contact.created', targetType: 'external_contact', targetId: saved.id, communeId: input.communeId, details: { kind: input.kind, name: input.name, email: input.email } },
        manager,
      );
      return toExternalContact(saved);
    });
  }

  async remove(principal: Principal, id: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ExternalContactEntity);
      const contact = await repo.findOneBy({ id });
      const scope = scopeOf(principal, 'users:manage');
      if (!contact || !(scope.all || (contact.communeId !== null && scope.communeIds.includes(contact.communeId)))) throw notFound('External contact', id);
      await repo.delete({ id });
      await this.audit.record(
        actor,
        { action: 'external_contact.deleted', targetType: 'external_contact', targetId: id, communeId: contact.communeId, details: { kind: contact.kind, name: contact.name, email: contact.email } },
        manager,
      );
    });
  }
}

function toExternalContact(c: ExternalContactEntity): ExternalContact {
  return { id: c.id, kind: c.kind, name: c.name, communeId: c.communeId, academyId: c.academyId, email: c.email, createdAt: c.createdAt.toISOString() };
}
