import type { DataSource } from 'typeorm';
import { MobileClassPlanPut, type MobileClassPlan } from '@preau/shared';
import { AppError, notFound, versionConflict } from '../../http/app-error';
import { parse } from '../../http/validate';
import { updateVersioned } from '../../db/versioned-update';
import type { Actor } from '../../http/actor';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { placeOfSchool } from '../auth/places';
import { ensureAllowed, ensureVisible } from '../auth/guards';
import { SchoolEntity } from '../schools/school.entity';
import { MobileClassPlanEntity } from './mobile-class-plan.entity';

const WHAT = 'Mobile-class plan of school';

function toMobileClassPlan(plan: MobileClassPlanEntity): MobileClassPlan {
  return {
    id: plan.id,
    schoolId: plan.schoolId,
    trolleysPlanned: plan.trolleysPlanned,
    tabletsPerTrolley: plan.tabletsPerTrolley,
    dueOn: plan.dueOn,
    programme: plan.programme,
    version: plan.version,
  };
}

/** A school's mobile-class deployment plan: at most one per school, read and changed like its inventory. */
export class MobileClassPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The school's plan, or null when it has none: a school without mobile classes is not an error. */
  async get(principal: Principal, schoolId: number): Promise<MobileClassPlan | null> {
    ensureVisible(principal, await placeOfSchool(this.dataSource.manager, schoolId), 'School', schoolId);
    const plan = await this.dataSource.getRepository(MobileClassPlanEntity).findOneBy({ schoolId });
    return plan && toMobileClassPlan(plan);
  }

  /**
   * Creates the plan, or replaces it when `version` is the one the client read. Without a version
   * over an existing plan, or with one after the plan was deleted, the client's view is stale: 409.
   */
  async put(principal: Principal, schoolId: number, body: unknown, actor: Actor): Promise<{ plan: MobileClassPlan; created: boolean }> {
    const { version, ...fields } = parse(MobileClassPlanPut, body);
    const place = await placeOfSchool(this.dataSource.manager, schoolId);
    ensureAllowed(principal, 'inventory:write', place, 'School', schoolId);
    return this.dataSource.transaction(async (manager) => {
      const school = await manager.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
      if (school.retiredAt) throw new AppError(409, 'RECORD_RETIRED', `School ${schoolId} is retired`);
      const plans = manager.getRepository(MobileClassPlanEntity);
      const existing = await plans.findOneBy({ schoolId });
      const audit = { targetType: 'school', targetId: schoolId, communeId: place.communeId, details: fields };
      if (existing) {
        if (version === undefined) throw versionConflict(WHAT, schoolId);
        await updateVersioned(manager, MobileClassPlanEntity, WHAT, existing.id, version, fields);
        await this.audit.record(actor, { action: 'mobile_class_plan.updated', ...audit }, manager);
        return { plan: toMobileClassPlan(await plans.findOneByOrFail({ id: existing.id })), created: false };
      }
      if (version !== undefined) throw versionConflict(WHAT, schoolId);
      const saved = await plans.save(plans.create({ schoolId, ...fields }));
      await this.audit.record(actor, { action: 'mobile_class_plan.created', ...audit }, manager);
      return { plan: toMobileClassPlan(saved), created: true };
    });
  }

  async remove(principal: Principal, schoolId: number, actor: Actor): Promise<void> {
    const place = await placeOfSchool(this.dataSource.manager, schoolId);
    ensureAllowed(principal, 'inventory:write', place, 'School', schoolId);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(MobileClassPlanEntity).delete({ schoolId });
      if (!result.affected) throw notFound(WHAT, schoolId);
      await this.audit.record(actor, { action: 'mobile_class_plan.deleted', targetType: 'school', targetId: schoolId, communeId: place.communeId }, manager);
    });
  }
}
