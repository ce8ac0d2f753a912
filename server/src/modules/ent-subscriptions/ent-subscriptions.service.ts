import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  EntSubscriptionsPut,
  entChangeWindow,
  type EntSubscription,
  type EntSubscriptionList,
  type EntSubscriptionListQuery,
} from '@preau/shared';
import { AppError, notFound } from '../../http/app-error';
import { parse } from '../../http/validate';
import type { Actor } from '../../http/actor';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { placeOfCommune, placeOfSchool } from '../auth/places';
import { ensureAllowed } from '../auth/guards';
import { SchoolEntity } from '../schools/school.entity';
import { resolveScope, type ResolvedScope } from '../dashboard/dashboard-scope';
import { EntSubscriptionEntity } from './ent-subscription.entity';

interface SubscriptionRow {
  id: number | string;
  schoolYear: number | string;
  schoolId: number | string;
  schoolName: string;
  uai: string;
  communeId: number | string;
  communeName: string;
  costCents: number | string;
}

/**
 * Schools' subscriptions to the académie's ENT, per school year. Read by whoever reads reports
 * on the schools; set per commune by those who keep its inventory (city staff, administrators).
 */
export class EntSubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: EntSubscriptionListQuery): Promise<EntSubscriptionList> {
    const scope = await resolveScope(this.dataSource.manager, principal, query);
    return listIn(this.dataSource.manager, scope, query.schoolYear);
  }

  /** Replaces the commune's subscribed schools for the year: those left out are unsubscribed, costs are updated. */
  async replace(principal: Principal, communeId: number, schoolYear: number, body: unknown, actor: Actor): Promise<EntSubscriptionList> {
    return this.dataSource.transaction(async (manager) => {
      ensureAllowed(principal, 'inventory:write', await placeOfCommune(manager, communeId), 'Commune', communeId);
      const { schools } = parse(EntSubscriptionsPut, body);
      const repository = manager.getRepository(EntSubscriptionEntity);
      const existing = await repository
        .createQueryBuilder('sub')
        .innerJoin(SchoolEntity, 's', 's.id = sub.schoolId')
        .where('s.communeId = :communeId AND sub.schoolYear = :schoolYear', { communeId, schoolYear })
        .getMany();
      const subscribed = new Set(existing.map((sub) => sub.schoolId));
      await checkSchools(manager, communeId, schools, subscribed);

      const wanted = new Map(schools.map((school) => [school.schoolId, school.costCents]));
      const removed = existing.filter((sub) => !wanted.has(sub.schoolId));
      const changed = existing.filter((sub) => wanted.has(sub.schoolId) && wanted.get(sub.schoolId) !== sub.costCents);
      const added = schools.filter((school) => !subscribed.has(school.schoolId));
      if (removed.length > 0) await repository.delete({ id: In(removed.map((sub) => sub.id)) });
      for (const sub of changed) await repository.update(sub.id, { costCents: wanted.get(sub.schoolId)! });
      if (added.length > 0) await repository.insert(added.map((school) => ({ schoolId: school.schoolId, schoolYear, costCents: school.costCents })));

      await this.audit.record(
        actor,
        {
          action: 'ent_subscriptions.replaced',
          targetType: 'commune',
          targetId: communeId,
          communeId,
          details: {
            schoolYear,
            added: added.map((school) => ({ schoolId: school.schoolId, costCents: school.costCents })),
            removed: removed.map((sub) => sub.schoolId),
            costChanged: changed.map((sub) => ({ schoolId: sub.schoolId, from: sub.costCents, to: wanted.get(sub.schoolId) })),
          },
        },
        manager,
      );
      return listIn(manager, { restrict: (qb) => qb.andWhere('s.commune_id = :communeId', { communeId }) }, schoolYear);
    });
  }

  async remove(principal: Principal, id: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const subscription = await manager.getRepository(EntSubscriptionEntity).findOneBy({ id });
      if (!subscription) throw notFound('ENT subscription', id);
      const place = await placeOfSchool(manager, subscription.schoolId);
      ensureAllowed(principal, 'inventory:write', place, 'ENT subscription', id);
      await manager.getRepository(EntSubscriptionEntity).delete({ id });
      await this.audit.record(
        actor,
        {
          action: 'ent_subscription.removed',
          targetType: 'school',
          targetId: subscription.schoolId,
          communeId: place.communeId,
          details: { schoolYear: subscription.schoolYear, costCents: subscription.costCents },
        },
        manager,
      );
    });
  }
}

/** The subscriptions of a school year within a scope, with their total cost. */
export async function listIn(manager: EntityManager, scope: Pick<ResolvedScope, 'restrict'>, schoolYear: number): Promise<EntSubscriptionList> {
  const qb = manager
    .getRepository(EntSubscriptionEntity)
    .createQueryBuilder('sub')
    .innerJoin('school', 's', 's.id = sub.school_id')
    .innerJoin('commune', 'c', 'c.id = s.commune_id')
    .select('sub.id', 'id')
    .addSelect('sub.schoolYear', 'schoolYear')
    .addSelect('s.id', 'schoolId')
    .addSelect('s.name', 'schoolName')
    .addSelect('s.uai', 'uai')
    .addSelect('c.id', 'communeId')
    .addSelect('c.name', 'communeName')
    .addSelect('sub.costCents', 'costCents')
    .where('sub.schoolYear = :schoolYear', { schoolYear })
    .orderBy('c.name', 'ASC')
    .addOrderBy('s.name', 'ASC')
    .addOrderBy('s.id', 'ASC');
  scope.restrict(qb, { commune: 's.commune_id', school: 's.id', circonscription: 's.circonscription_id' });
  const items = (await qb.getRawMany<SubscriptionRow>()).map(toSubscription);
  return {
    schoolYear,
    changeWindow: entChangeWindow(schoolYear),
    items,
    totalCostCents: items.reduce((sum, item) => sum + item.costCents, 0),
  };
}

/** Every listed school must be one of the commune's, open, or already subscribed that year (a school closed since). */
async function checkSchools(manager: EntityManager, communeId: number, schools: { schoolId: number }[], subscribed: Set<number>): Promise<void> {
  if (schools.length === 0) return;
  const found = await manager.getRepository(SchoolEntity).findBy({ id: In(schools.map((school) => school.schoolId)) });
  const byId = new Map(found.map((school) => [school.id, school]));
  const issues = schools.flatMap(({ schoolId }, index) => {
    const school = byId.get(schoolId);
    const path = ['schools', index, 'schoolId'];
    if (!school || school.communeId !== communeId) return [{ path, message: `School ${schoolId} is not a school of commune ${communeId}` }];
    if (school.retiredAt && !subscribed.has(schoolId)) return [{ path, message: `School ${schoolId} is closed` }];
    return [];
  });
  if (issues.length > 0) throw new AppError(422, 'VALIDATION_FAILED', issues.map((issue) => issue.message).join('; '), issues);
}

function toSubscription(row: SubscriptionRow): EntSubscription {
  return {
    id: Number(row.id),
    schoolYear: Number(row.schoolYear),
    schoolId: Number(row.schoolId),
    schoolName: row.schoolName,
    uai: row.uai,
    communeId: Number(row.communeId),
    communeName: row.communeName,
    costCents: Number(row.costCents),
  };
}
