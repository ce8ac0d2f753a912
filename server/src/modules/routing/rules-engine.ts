import { BUILT_IN_RULES, renderRoutingReason, type Equipment, type RoutingAction, type RoutingDecision, type RoutingReason, type RoutingRule, type SupportLevel, type TicketCategory } from '@preau/shared';

/** What routing reads of an item; an `Equipment` read model fits as it is. */
export type RoutingEquipment = Pick<Equipment, 'kind' | 'funding' | 'supplier' | 'warrantyEndsOn'>;

interface ContextBase {
  category: TicketCategory;
  /** The item the ticket is about, if any. */
  equipment: RoutingEquipment | null;
  schoolId: number;
  /** The school's commune. */
  communeId: number;
  /** The school's circonscription. */
  circonscriptionId: number;
  /** The académie of the school's circonscription: its rectorate serves the school. */
  academyId: number;
  /** `YYYY-MM-DD`, for the warranty. */
  today: string;
}

/** A ticket as routing sees it: a new report, or an escalation from the level it is at. */
export type RoutingContext = ContextBase & ({ trigger: 'report' } | { trigger: 'escalate'; currentLevel: SupportLevel });

/** The concrete group a decision names, still abstract: the database layer maps it to people or an address. */
export type RoutingTarget =
  | { kind: 'circonscription_level1'; circonscriptionId: number }
  | { kind: 'commune_technicians'; communeId: number }
  | { kind: 'copier_contractor'; communeId: number }
  | { kind: 'rectorate_desk'; academyId: number }
  | { kind: 'rectorate_experts'; academyId: number }
  /** The académie's ENT editor, or the editor of the software the ticket names. */
  | { kind: 'software_editor'; academyId: number; communeId: number; category: TicketCategory }
  /** The item's supplier, under the commune's purchase. */
  | { kind: 'supplier'; supplier: string; communeId: number };

export const FALLBACK_REPORT_RULE_NAME = BUILT_IN_RULES.fallbackReport;
export const FALLBACK_ESCALATION_RULE_NAME = BUILT_IN_RULES.fallbackEscalation;

/** The same test as `deriveMaintainer`: a named supplier and a warranty not yet ended (its last day included). */
export function isUnderWarranty(equipment: RoutingEquipment, today: string): boolean {
  return Boolean(equipment.supplier) && equipment.warrantyEndsOn !== null && equipment.warrantyEndsOn >= today;
}

/**
 * The order rules are tried in for a school of `communeId`: that commune's rules by position, then
 * the global rules by position, so a commune overrides the defaults without renumbering them.
 * Other communes' rules are left out. Equal positions fall back to the lower id.
 */
export function orderedRules(rules: readonly RoutingRule[], communeId: number): RoutingRule[] {
  const byPosition = (a: RoutingRule, b: RoutingRule) =>
    a.position - b.position || (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER);
  const own = rules.filter((rule) => rule.scope.communeId === communeId).sort(byPosition);
  const global = rules.filter((rule) => rule.scope.communeId === null).sort(byPosition);
  return [...own, ...global];
}

function conditionsHold(rule: RoutingRule, context: RoutingContext): boolean {
  const { categories, kinds, fundings, underWarranty, schoolIds, communeIds } = rule.conditions;
  if (categories && !categories.includes(context.category)) return false;
  if (schoolIds && !schoolIds.includes(context.schoolId)) return false;
  if (communeIds && !communeIds.includes(context.communeId)) return false;
  const { equipment } = context;
  if (kinds || fundings || underWarranty !== undefined) {
    if (!equipment) return false;
    if (kinds && !kinds.includes(equipment.kind)) return false;
    if (fundings && !fundings.includes(equipment.funding)) return false;
    if (underWarranty !== undefined && isUnderWarranty(equipment, context.today) !== underWarranty) return false;
  }
  return true;
}

/** Whether the rule applies: enabled, same trigger, right level, conditions hold, and its target exists. */
export function ruleApplies(rule: RoutingRule, context: RoutingContext): boolean {
  if (!rule.enabled || rule.trigger !== context.trigger) return false;
  const { action } = rule;
  if (context.trigger === 'escalate') {
    if (rule.fromLevel !== undefined && rule.fromLevel !== context.currentLevel) return false;
    // A rule without `fromLevel` must not send a ticket sideways or down.
    if (action.kind === 'route' && action.level <= context.currentLevel) return false;
  }
  // Without a supplier's name there is nobody to write to; let a later rule decide.
  if (action.kind === 'route' && action.group === 'supplier' && !context.equipment?.supplier) return false;
  return conditionsHold(rule, context);
}

/** A composed reason with its French sentence, the one stored and e-mailed. */
const composed = (reasonText: RoutingReason) => ({ reason: renderRoutingReason(reasonText, 'fr')!, reasonText });

/** The rule's own message as written, or the composed sentence. */
function routedReason(action: Extract<RoutingAction, { kind: 'route' }>, context: RoutingContext): Pick<RoutingDecision, 'reason' | 'reasonText'> {
  if (action.message) return { reason: action.message, reasonText: null };
  const supplier = action.group === 'supplier' ? (context.equipment?.supplier ?? null) : null;
  return composed({ key: 'routed', params: { level: action.level, group: action.group, supplier: supplier || null, notifyDirector: action.notifyDirector } });
}

function fallback(context: RoutingContext): RoutingDecision {
  if (context.trigger === 'report') {
    return {
      rule: { id: null, name: FALLBACK_REPORT_RULE_NAME },
      level: 1,
      group: 'circonscription_level1',
      outOfScope: false,
      notifyDirector: false,
      ...composed({ key: 'routed', params: { level: 1, group: 'circonscription_level1', supplier: null, notifyDirector: false } }),
    };
  }
  const refusal = composed(
    context.currentLevel === 3 ? { key: 'lastLevel', params: {} } : { key: 'noEscalationRule', params: { level: context.currentLevel, category: context.category } },
  );
  return {
    rule: { id: null, name: FALLBACK_ESCALATION_RULE_NAME },
    level: context.currentLevel,
    group: null,
    outOfScope: false,
    notifyDirector: false,
    ...refusal,
    refused: { message: refusal.reason },
  };
}

/**
 * Routes a ticket: the first applicable rule in `orderedRules` order decides. With none, a new
 * report goes to level 1 of the school's circonscription (a report is never lost) and an
 * escalation is refused with a message saying what to do.
 */
export function decide(rules: readonly RoutingRule[], context: RoutingContext): RoutingDecision {
  const rule = orderedRules(rules, context.communeId).find((candidate) => ruleApplies(candidate, context));
  if (!rule) return fallback(context);
  const fired = { id: rule.id ?? null, name: rule.name };
  const { action } = rule;
  if (action.kind === 'refuse') {
    // Report rules cannot refuse (the schema says so); only an escalation reaches here.
    const level = context.trigger === 'escalate' ? context.currentLevel : 1;
    return {
      rule: fired,
      level,
      group: null,
      outOfScope: action.outOfScope,
      notifyDirector: false,
      reason: action.message,
      reasonText: null,
      refused: { message: action.message },
    };
  }
  return {
    rule: fired,
    level: action.level,
    group: action.group,
    outOfScope: action.outOfScope,
    notifyDirector: action.notifyDirector,
    ...routedReason(action, context),
  };
}

/** Which group of its kind takes the ticket: null when the decision refused and nobody new takes it. */
export function resolveGroup(decision: RoutingDecision, context: RoutingContext): RoutingTarget | null {
  switch (decision.group) {
    case null:
      return null;
    case 'circonscription_level1':
      return { kind: decision.group, circonscriptionId: context.circonscriptionId };
    case 'commune_technicians':
    case 'copier_contractor':
      return { kind: decision.group, communeId: context.communeId };
    case 'rectorate_desk':
    case 'rectorate_experts':
      return { kind: decision.group, academyId: context.academyId };
    case 'software_editor':
      return { kind: decision.group, academyId: context.academyId, communeId: context.communeId, category: context.category };
    case 'supplier': {
      const supplier = context.equipment?.supplier;
      // decide() never routes to a supplier without a name; a hand-made decision might.
      if (!supplier) throw new Error('A decision routes to the supplier, but the ticket names no item with a supplier');
      return { kind: 'supplier', supplier, communeId: context.communeId };
    }
  }
}
