import type { RoutingRule, RoutingRuleInput, SupportLevel, TicketCategory } from '@preau/shared';
import { RoutingRule as RoutingRuleSchema } from '@preau/shared';
import type { RoutingContext, RoutingEquipment } from '../rules-engine';

export const TODAY = '2026-03-02';

/** School 100 of commune 10, circonscription 20, académie 1. */
export const PLACE = { schoolId: 100, communeId: 10, circonscriptionId: 20, academyId: 1, today: TODAY } as const;

/** A city-provided laptop whose warranty has ended. */
export const item = (overrides: Partial<RoutingEquipment> = {}): RoutingEquipment => ({
  kind: 'laptop',
  funding: 'commune',
  supplier: 'Dell France',
  warrantyEndsOn: '2025-06-30',
  ...overrides,
});

export const report = (category: TicketCategory, equipment: RoutingEquipment | null = null): RoutingContext => ({
  ...PLACE,
  trigger: 'report',
  category,
  equipment,
});

export const escalation = (currentLevel: SupportLevel, category: TicketCategory, equipment: RoutingEquipment | null = null): RoutingContext => ({
  ...PLACE,
  trigger: 'escalate',
  currentLevel,
  category,
  equipment,
});

/** A valid global rule, parsed like stored ones. */
export const makeRule = (overrides: Partial<RoutingRuleInput>): RoutingRule =>
  RoutingRuleSchema.parse({
    name: 'Règle de test',
    position: 10,
    trigger: 'report',
    action: { kind: 'route', level: 1, group: 'circonscription_level1' },
    scope: { communeId: null },
    ...overrides,
  });
