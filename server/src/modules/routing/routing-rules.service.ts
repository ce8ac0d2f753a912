import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  RoutingPreview,
  RoutingRule,
  RoutingRuleUpdate,
  type FieldIssue,
  type RoutingDecision,
  type RoutingRuleListQuery,
  type RoutingRuleRecord,
} from '@preau/shared';
import { AppError, fieldError, notFound, versionConflict } from '../../http/app-error';
import { parse } from '../../http/validate';
import type { Actor } from '../../http/actor';
import { definedOnly, updateVersioned } from '../../db/versioned-update';
import type { DomainEvents } from '../../events/domain-events';
import type { AuditService } from '../audit/audit.service';
import { scopeCovers, scopeOf, type Principal } from '../auth/principal';
import { placeOfSchool } from '../auth/places';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { routingContext, rulesInForce } from '../tickets/ticket-routing';
import { communesWorkedBy, ensureCommuneReadable, ensureConfigures } from '../ticket-settings/commune-access';
import { decide, orderedRules } from './rules-engine';
import { RoutingRuleEntity, columnsOf, ruleInputOf, ruleOf } from './routing-rule.entity';

/** A row as the API shows it. A row the schema no longer accepts is shown as stored, to be fixed. */
function toRecord(row: RoutingRuleEntity): RoutingRuleRecord {
  const rule = ruleOf(row) ?? (ruleInputOf(row) as unknown as RoutingRule);
  return { ...rule, id: row.id, version: row.version, updatedAt: row.updatedAt.toISOString() };
}

const byPosition = (a: RoutingRuleEntity, b: RoutingRuleEntity) => a.position - b.position || a.id - b.id;

/**
 * The stored routing rules: global ones (administrators) and each commune's (its city managers
 * and administrators), read by everyone who works tickets, and a preview of their decision.
 */
export class RoutingRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * With `communeId`: the rules a ticket of that commune meets, in the order they are tried (the
   * commune's, then the global ones), disabled ones included. Without: the global rules, then
   * those of every commune the reader works for, commune by commune.
   */
  async list(principal: Principal, query: RoutingRuleListQuery): Promise<{ items: RoutingRuleRecord[] }> {
    const manager = this.dataSource.manager;
    const repository = manager.getRepository(RoutingRuleEntity);
    if (query.communeId !== undefined) {
      await ensureCommuneReadable(manager, principal, query.communeId);
      const rows = await repository.find({ where: [{ communeId: IsNull() }, { communeId: query.communeId }] });
      // The engine's own order; it returns the very records it is given.
      return { items: orderedRules(rows.map(toRecord), query.communeId) as RoutingRuleRecord[] };
    }
    const worked = await communesWorkedBy(manager, principal);
    const rows = await repository.find({
      where: worked === null ? {} : [{ communeId: IsNull() }, ...(worked.length > 0 ? [{ communeId: In(worked) }] : [])],
    });
    rows.sort((a, b) => (a.communeId ?? 0) - (b.communeId ?? 0) || byPosition(a, b));
    return { items: rows.map(toRecord) };
  }

  async create(principal: Principal, body: unknown, actor: Actor): Promise<RoutingRuleRecord> {
    const { id: _ignored, ...rule } = parse(RoutingRule, body);
    const created = await this.dataSource.transaction(async (manager) => {
      await ensureConfigures(manager, principal, rule.scope.communeId, ['scope', 'communeId']);
      await checkReferences(manager, rule);
      const saved = await manager.getRepository(RoutingRuleEntity).save(columnsOf(rule));
      await this.audit.record(
        actor,
        { action: 'routing_rule.created', targetType: 'routing_rule', targetId: saved.id, communeId: saved.communeId, details: { rule } },
        manager,
      );
      return toRecord(await manager.getRepository(RoutingRuleEntity).findOneByOrFail({ id: saved.id }));
    });
    this.changed(created.scope.communeId, created.id);
    return created;
  }

  /** Changes the fields sent; the rule they make is checked whole, like a new one. */
  async update(principal: Principal, id: number, body: unknown, actor: Actor): Promise<RoutingRuleRecord> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const row = await this.loadWritable(manager, principal, id);
      const { version, fromLevel, scope, ...changes } = parse(RoutingRuleUpdate, body);
      if (scope && scope.communeId !== row.communeId) {
        throw fieldError(['scope', 'communeId'], 'A rule stays where it was created: create a new rule in the other scope');
      }
      if (version !== row.version) throw versionConflict('Routing rule', id);
      const current = ruleInputOf(row);
      const merged = { ...current, ...definedOnly(changes), fromLevel: fromLevel === undefined ? current.fromLevel : (fromLevel ?? undefined) };
      const rule = parse(RoutingRule, merged);
      await checkReferences(manager, rule);
      await updateVersioned(manager, RoutingRuleEntity, 'Routing rule', id, version, columnsOf(rule));
      await this.audit.record(
        actor,
        {
          action: 'routing_rule.updated',
          targetType: 'routing_rule',
          targetId: id,
          communeId: row.communeId,
          details: { changes: { ...definedOnly(changes), ...(fromLevel === undefined ? {} : { fromLevel }) } },
        },
        manager,
      );
      return toRecord(await manager.getRepository(RoutingRuleEntity).findOneByOrFail({ id }));
    });
    this.changed(updated.scope.communeId, id);
    return updated;
  }

  async remove(principal: Principal, id: number, actor: Actor): Promise<void> {
    const communeId = await this.dataSource.transaction(async (manager) => {
      const row = await this.loadWritable(manager, principal, id);
      await manager.getRepository(RoutingRuleEntity).delete({ id });
      await this.audit.record(
        actor,
        { action: 'routing_rule.deleted', targetType: 'routing_rule', targetId: id, communeId: row.communeId, details: { rule: toRecord(row) } },
        manager,
      );
      return row.communeId;
    });
    this.changed(communeId, id);
  }

  /** Once committed: the screens showing these rules read them again. */
  private changed(communeId: number | null, ruleId: number): void {
    this.events.publish({ name: 'routing-rules:changed', payload: { communeId, ruleId } });
  }

  /** What the rules in force decide for a ticket like this one; nothing is filed. */
  async preview(principal: Principal, body: unknown): Promise<RoutingDecision> {
    const input = parse(RoutingPreview, body);
    const manager = this.dataSource.manager;
    const place = await placeOfSchool(manager, input.schoolId);
    if (!place || !scopeCovers(scopeOf(principal, 'tickets:work'), place)) {
      throw fieldError(['schoolId'], `School ${input.schoolId} does not exist`);
    }
    if (input.equipmentId !== null) {
      const item = await manager.getRepository(EquipmentEntity).findOne({ where: { id: input.equipmentId }, select: { id: true, schoolId: true } });
      if (item?.schoolId !== input.schoolId) throw fieldError(['equipmentId'], `Item ${input.equipmentId} is not in this school`);
    }
    const trigger = input.trigger === 'report' ? ({ trigger: 'report' } as const) : ({ trigger: 'escalate', currentLevel: input.currentLevel } as const);
    const context = await routingContext(manager, input, trigger);
    return decide(await rulesInForce(manager, place.communeId), context);
  }

  /** The rule, if the principal may change it: 404 when unseen, 403 when seen but not theirs. */
  private async loadWritable(manager: EntityManager, principal: Principal, id: number): Promise<RoutingRuleEntity> {
    const row = await manager.getRepository(RoutingRuleEntity).findOneBy({ id });
    if (!row) throw notFound('Routing rule', id);
    try {
      await ensureConfigures(manager, principal, row.communeId);
    } catch (error) {
      // The commune is hidden, so is its rule.
      if (error instanceof AppError && error.status === 404) throw notFound('Routing rule', id);
      throw error;
    }
    return row;
  }
}

/**
 * Schools and communes the conditions name must exist, and a commune's rule may only name
 * that commune's schools. Checked at each write; a school later moved leaves a rule that no
 * longer matches it, which is harmless.
 */
async function checkReferences(manager: EntityManager, rule: RoutingRule): Promise<void> {
  const issues: FieldIssue[] = [];
  const { schoolIds = [], communeIds = [] } = rule.conditions;
  const ownCommune = rule.scope.communeId;
  if (schoolIds.length > 0) {
    const rows: { id: number | string; communeId: number | string }[] = await manager.query(
      `SELECT id, commune_id AS communeId FROM school WHERE id IN (${schoolIds.map(() => '?').join(', ')})`,
      schoolIds,
    );
    const communeOf = new Map(rows.map((row) => [Number(row.id), Number(row.communeId)]));
    schoolIds.forEach((schoolId, index) => {
      const communeId = communeOf.get(schoolId);
      if (communeId === undefined || (ownCommune !== null && communeId !== ownCommune)) {
        const message = ownCommune === null ? `School ${schoolId} does not exist` : `School ${schoolId} is not a school of this commune`;
        issues.push({ path: ['conditions', 'schoolIds', index], message });
      }
    });
  }
  if (communeIds.length > 0) {
    const rows: { id: number | string }[] = await manager.query(
      `SELECT id FROM commune WHERE id IN (${communeIds.map(() => '?').join(', ')})`,
      communeIds,
    );
    const existing = new Set(rows.map((row) => Number(row.id)));
    communeIds.forEach((communeId, index) => {
      if (!existing.has(communeId)) issues.push({ path: ['conditions', 'communeIds', index], message: `Commune ${communeId} does not exist` });
    });
  }
  if (issues.length > 0) {
    throw new AppError(422, 'VALIDATION_FAILED', `Invalid body: ${issues.map((issue) => issue.path.join('.')).join(', ')}`, issues);
  }
}
