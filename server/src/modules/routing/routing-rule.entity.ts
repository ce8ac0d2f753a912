import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RoutingRule, type EscalationLevel, type RoutingRuleInput, type RoutingTrigger } from '@preau/shared';
import { BaseEntity } from '../../db/base.entity';
import { CommuneEntity } from '../organisations/commune.entity';

/**
 * A routing rule as stored; `RoutingRule` (shared) is its validated form. A null commune is a
 * global rule. The global defaults are inserted by the migration that creates the table.
 */
@Entity('routing_rule')
// Routing a ticket reads the enabled rules of one commune and the global ones.
@Index(['communeId', 'enabled'])
export class RoutingRuleEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 150 })
  name!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 10 })
  trigger!: RoutingTrigger;

  @Column({ type: 'int', nullable: true })
  fromLevel!: EscalationLevel | null;

  /** `RoutingConditions` as JSON. */
  @Column({ type: 'text' })
  conditions!: string;

  /** `RoutingAction` as JSON. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'int', nullable: true })
  communeId!: number | null;

  @ManyToOne(() => CommuneEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commune_id' })
  commune?: CommuneEntity;
}

/** The row in the shape `RoutingRule` parses, unchecked (JSON that does not parse becomes null). */
export function ruleInputOf(row: RoutingRuleEntity): Record<keyof RoutingRuleInput, unknown> {
  const json = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  };
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    trigger: row.trigger,
    fromLevel: row.fromLevel ?? undefined,
    conditions: json(row.conditions),
    action: json(row.action),
    enabled: row.enabled,
    scope: { communeId: row.communeId },
  };
}

/** The row as a rule, checked again by the schema; null for a row it does not accept. */
export function ruleOf(row: RoutingRuleEntity): RoutingRule | null {
  const parsed = RoutingRule.safeParse(ruleInputOf(row));
  return parsed.success ? parsed.data : null;
}

/** The columns of a checked rule. */
export function columnsOf(rule: RoutingRule): Pick<RoutingRuleEntity, 'name' | 'position' | 'trigger' | 'fromLevel' | 'conditions' | 'action' | 'enabled' | 'communeId'> {
  return {
    name: rule.name,
    position: rule.position,
    trigger: rule.trigger,
    fromLevel: rule.fromLevel ?? null,
    conditions: JSON.stringify(rule.conditions),
    action: JSON.stringify(rule.action),
    enabled: rule.enabled,
    communeId: rule.scope.communeId,
  };
}
