import { DEFAULT_RULE_MESSAGES, DEFAULT_RULE_NAMES, RoutingRule, type RoutingRuleInput, type TicketCategory } from '@preau/shared';

// The incident protocol of DOMAIN.md as global rules. Positions leave gaps so an administrator can
// slip a rule in between; a commune's own rules are tried before all of these anyway. Their names
// and messages live in shared, in French and English, for screens in the reader's language.

/** What the city's technicians take at level 2. */
const CITY_CATEGORIES: TicketCategory[] = ['hardware', 'network', 'internet', 'printing'];
/** What the rectorate's assistance desk takes at level 2. */
const ACADEMIC_CATEGORIES: TicketCategory[] = ['ent', 'email', 'filtering', 'account', 'software'];
const NOT_CITY_FUNDED = ['school_funds', 'donation'] as const;

const GLOBAL = { communeId: null };

// Parsed at load: a default rule the schema rejects fails the first test, not a ticket.
const rule = (input: RoutingRuleInput): RoutingRule => RoutingRule.parse(input);

/** The default routing rules, reproducing the support protocol; tried in `position` order. */
export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = Object.freeze([
  // A new report.
  rule({
    name: DEFAULT_RULE_NAMES.securityReport.fr,
    position: 10,
    trigger: 'report',
    conditions: { categories: ['security'] },
    action: { kind: 'route', level: 2, group: 'commune_technicians', notifyDirector: true },
    scope: GLOBAL,
  }),
  rule({
    name: DEFAULT_RULE_NAMES.notCityFundedReport.fr,
    position: 20,
    trigger: 'report',
    conditions: { categories: CITY_CATEGORIES, fundings: [...NOT_CITY_FUNDED] },
    action: { kind: 'route', level: 1, group: 'circonscription_level1', outOfScope: true, message: DEFAULT_RULE_MESSAGES.notCityFundedReport.fr },
    scope: GLOBAL,
  }),
  rule({
    name: DEFAULT_RULE_NAMES.newReport.fr,
    position: 30,
    trigger: 'report',
    action: { kind: 'route', level: 1, group: 'circonscription_level1' },
    scope: GLOBAL,
  }),

  // Level 1 escalates.
  rule({
    name: DEFAULT_RULE_NAMES.securityEscalation.fr,
    position: 110,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: ['security'] },
    action: { kind: 'route', level: 2, group: 'commune_technicians', notifyDirector: true },
    scope: GLOBAL,
  }),
  rule({
    name: DEFAULT_RULE_NAMES.notCityFundedEscalation.fr,
    position: 120,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: CITY_CATEGORIES, fundings: [...NOT_CITY_FUNDED] },
    action: { kind: 'refuse', message: DEFAULT_RULE_MESSAGES.notCityFundedEscalation.fr, outOfScope: true },
    scope: GLOBAL,
  }),
  rule({
    name: DEFAULT_RULE_NAMES.cityCategories.fr,
    position: 130,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: CITY_CATEGORIES },
    action: { kind: 'route', level: 2, group: 'commune_technicians' },
    scope: GLOBAL,
  }),
  rule({
    name: DEFAULT_RULE_NAMES.academicCategories.fr,
    position: 140,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: ACADEMIC_CATEGORIES },
    action: { kind: 'route', level: 2, group: 'rectorate_desk' },
    scope: GLOBAL,
  }),

  // Level 2 escalates.
  rule({
    name: DEFAULT_RULE_NAMES.underWarranty.fr,
    position: 210,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['hardware', 'printing'], underWarranty: true },
    action: { kind: 'route', level: 3, group: 'supplier' },
    scope: GLOBAL,
  }),
  rule({
    name: DEFAULT_RULE_NAMES.copier.fr,
    position: 220,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['hardware', 'printing'], kinds: ['copier'] },
    action: { kind: 'route', level: 3, group: 'copier_contractor' },
    scope: GLOBAL,
  }),
  rule({
    name: DEFAULT_RULE_NAMES.editor.fr,
    position: 230,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['ent', 'software'] },
    action: { kind: 'route', level: 3, group: 'software_editor' },
    scope: GLOBAL,
  }),
  rule({
    name: DEFAULT_RULE_NAMES.experts.fr,
    position: 240,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['filtering', 'email', 'account', 'security'] },
    action: { kind: 'route', level: 3, group: 'rectorate_experts' },
    scope: GLOBAL,
  }),
]);
