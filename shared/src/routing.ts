import { z } from 'zod';
import { ComposedText } from './composed-texts';
import { EquipmentKind, FundingSource } from './equipment';

/**
 * What an incident is about. `hardware` covers devices and their operating systems (the city's
 * job); `software` is academic and educational software (the rectorate's).
 */
export const TicketCategory = z.enum([
  'hardware',
  'network',
  'internet',
  'printing',
  'software',
  'ent',
  'email',
  'filtering',
  'account',
  'security',
  'other',
]);
export type TicketCategory = z.infer<typeof TicketCategory>;

/** How many people the incident stops from working. */
export const Impact = z.enum(['one_person', 'one_class', 'whole_school']);
export type Impact = z.infer<typeof Impact>;

/** Whether it blocks teaching now (`high`) or can wait (`low`). */
export const Urgency = z.enum(['low', 'high']);
export type Urgency = z.infer<typeof Urgency>;

/** P1 is handled first. */
export const Priority = z.enum(['P1', 'P2', 'P3', 'P4']);
export type Priority = z.infer<typeof Priority>;

/**
 * Impact × urgency, the usual diagonal: each step of impact or urgency raises the priority by one.
 *
 * | impact \ urgency | high | low |
 * | --- | --- | --- |
 * | whole_school | P1 | P2 |
 * | one_class | P2 | P3 |
 * | one_person | P3 | P4 |
 */
export const PRIORITY_MATRIX: Readonly<Record<Impact, Readonly<Record<Urgency, Priority>>>> = {
  whole_school: { high: 'P1', low: 'P2' },
  one_class: { high: 'P2', low: 'P3' },
  one_person: { high: 'P3', low: 'P4' },
};

/** The priority of an incident from its impact and urgency (see `PRIORITY_MATRIX`). */
export function priorityOf(impact: Impact, urgency: Urgency): Priority {
  return PRIORITY_MATRIX[impact][urgency];
}

/** Support levels of the incident protocol: 1 circonscription, 2 city technicians or rectorate desk, 3 experts and external parties. */
export const SupportLevel = z.literal([1, 2, 3]);
export type SupportLevel = z.infer<typeof SupportLevel>;

/** Levels an escalation can start from: level 3 is the last. */
export const EscalationLevel = z.literal([1, 2]);
export type EscalationLevel = z.infer<typeof EscalationLevel>;

/**
 * Kinds of support group. Suppliers, editors and copier contractors are external: reached by
 * e-mail, without an account.
 */
export const GroupKind = z.enum([
  'circonscription_level1',
  'commune_technicians',
  'rectorate_desk',
  'rectorate_experts',
  'supplier',
  'software_editor',
  'copier_contractor',
]);
export type GroupKind = z.infer<typeof GroupKind>;

/**
 * The level each kind of group works at (DOMAIN.md, the support levels). A rule routing to a
 * group must name this level, so counts of incidents by level mean the same in every commune.
 */
export const GROUP_LEVEL: Readonly<Record<GroupKind, SupportLevel>> = {
  circonscription_level1: 1,
  commune_technicians: 2,
  rectorate_desk: 2,
  rectorate_experts: 3,
  supplier: 3,
  software_editor: 3,
  copier_contractor: 3,
};

/** When rules are consulted: a new report, or a group asking to pass the ticket one level up. */
export const RoutingTrigger = z.enum(['report', 'escalate']);
export type RoutingTrigger = z.infer<typeof RoutingTrigger>;

const anyOf = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, 'Leave the condition out to match every value').optional();

/**
 * What a rule applies to; every condition given must hold, an absent one matches anything.
 * Conditions on the equipment (kinds, fundings, underWarranty) never match a ticket that names
 * no equipment. `underWarranty` means a named supplier whose warranty has not ended, the same
 * test as the derived maintainer. Unknown keys are rejected: a misspelt condition would
 * otherwise vanish and the rule would match everything.
 */
export const RoutingConditions = z.strictObject({
  categories: anyOf(TicketCategory),
  kinds: anyOf(EquipmentKind),
  fundings: anyOf(FundingSource),
  underWarranty: z.boolean().optional(),
  schoolIds: anyOf(z.number().int().positive()),
  communeIds: anyOf(z.number().int().positive()),
});
export type RoutingConditions = z.infer<typeof RoutingConditions>;

/** French text shown to teachers, directors and support staff. */
const PeopleText = z.string().trim().min(1).max(1000);

/**
 * Hand the ticket to a group. `outOfScope` marks equipment the city does not maintain; `message`,
 * when given, is the reason shown to people instead of the generated one.
 */
export const RouteAction = z.strictObject({
  kind: z.literal('route'),
  level: SupportLevel,
  group: GroupKind,
  notifyDirector: z.boolean().default(false),
  outOfScope: z.boolean().default(false),
  message: PeopleText.optional(),
});

/** Refuse an escalation with a message saying why; the ticket stays where it is. */
export const RefuseAction = z.strictObject({
  kind: z.literal('refuse'),
  message: PeopleText,
  outOfScope: z.boolean().default(false),
});

export const RoutingAction = z.discriminatedUnion('kind', [RouteAction, RefuseAction]);
export type RoutingAction = z.infer<typeof RoutingAction>;

const routingRuleFields = z.object({
  /** Absent on the built-in default rules. */
  id: z.number().int().positive().optional(),
  /** Shown with every decision the rule makes, so written for people. */
  name: z.string().trim().min(1).max(150),
  /** Lower first; within a commune's rules, then within the global ones. */
  position: z.number().int().min(0).max(1_000_000),
  trigger: RoutingTrigger,
  /** For an escalation rule: the level it escalates from; absent means any level. */
  fromLevel: EscalationLevel.optional(),
  conditions: RoutingConditions.default({}),
  action: RoutingAction,
  enabled: z.boolean().default(true),
  /** `communeId: null` is a global rule, edited by administrators only. */
  scope: z.object({ communeId: z.number().int().positive().nullable() }),
});

const checkedFields = routingRuleFields.pick({ trigger: true, fromLevel: true, conditions: true, action: true, scope: true });

/**
 * An ordered routing rule: the first enabled rule whose trigger and conditions match decides.
 * Rules of a commune are tried before global rules (see the routing engine).
 */
export const RoutingRule = routingRuleFields.superRefine(
  (rule, ctx) => {
    const { action } = rule;
    if (rule.trigger === 'report' && rule.fromLevel !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['fromLevel'], message: 'Only an escalation rule starts from a level' });
    }
    if (rule.trigger === 'report' && action.kind === 'refuse') {
      ctx.addIssue({ code: 'custom', path: ['action', 'kind'], message: 'A new report is always recorded: route it, do not refuse it' });
    }
    if (action.kind === 'route' && GROUP_LEVEL[action.group] !== action.level) {
      ctx.addIssue({
        code: 'custom',
        path: ['action', 'level'],
        message: `The group ${action.group} works at level ${GROUP_LEVEL[action.group]}`,
      });
    }
    if (rule.trigger === 'escalate' && action.kind === 'route' && rule.fromLevel !== undefined && action.level <= rule.fromLevel) {
      ctx.addIssue({ code: 'custom', path: ['action', 'level'], message: 'An escalation goes above the level it starts from' });
    }
    const ownCommune = rule.scope.communeId;
    if (ownCommune !== null && rule.conditions.communeIds?.some((id) => id !== ownCommune)) {
      ctx.addIssue({ code: 'custom', path: ['conditions', 'communeIds'], message: "A commune's rule applies to that commune only" });
    }
  },
  // Run even when the name or position is wrong, so one answer lists every problem.
  { when: (payload) => checkedFields.safeParse(payload.value).success },
);
export type RoutingRule = z.output<typeof RoutingRule>;
export type RoutingRuleInput = z.input<typeof RoutingRule>;

/** The outcome of routing, with the rule that fired (`id: null` for a built-in rule or the fallback). */
export const RoutingDecision = z.object({
  rule: z.object({ id: z.number().int().nullable(), name: z.string() }),
  /** The level the ticket is at after the decision; unchanged when an escalation is refused. */
  level: SupportLevel,
  /** Null when an escalation is refused: the ticket keeps its group. */
  group: GroupKind.nullable(),
  /** The equipment is not maintained by the city (school funds or donation). */
  outOfScope: z.boolean(),
  /** A plain French sentence saying why, shown to the reporter and the groups. */
  reason: z.string(),
  /**
   * The same when the engine composed it, as a key and parameters (`renderRoutingReason`);
   * null when it is the rule's own message, shown as written.
   */
  reasonText: ComposedText.nullable(),
  notifyDirector: z.boolean(),
  refused: z.object({ message: z.string() }).optional(),
});
export type RoutingDecision = z.infer<typeof RoutingDecision>;
