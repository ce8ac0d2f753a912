import { RoutingRule, type RoutingRuleInput, type TicketCategory } from '@preau/shared';

// The incident protocol of DOMAIN.md as global rules. Positions leave gaps so an administrator can
// slip a rule in between; a commune's own rules are tried before all of these anyway.

/** What the city's technicians take at level 2. */
const CITY_CATEGORIES: TicketCategory[] = ['hardware', 'network', 'internet', 'printing'];
/** What the rectorate's assistance desk takes at level 2. */
const ACADEMIC_CATEGORIES: TicketCategory[] = ['ent', 'email', 'filtering', 'account', 'software'];
const NOT_CITY_FUNDED = ['school_funds', 'donation'] as const;

const NOT_MAINTAINED_REPORT =
  "Ce matériel n'a pas été fourni par la ville : il a été acheté sur les fonds propres de l'école ou reçu en don. " +
  "La ville n'entretient que le matériel qu'elle a fourni, ses techniciens ne pourront donc pas intervenir dessus. " +
  'Votre signalement est bien enregistré et le niveau 1 de la circonscription vous répondra.';

const NOT_MAINTAINED_ESCALATION =
  'Escalade vers les techniciens de la commune refusée : ce matériel a été acheté sur les fonds propres ' +
  "de l'école ou reçu en don, et la ville n'entretient que le matériel qu'elle a fourni. " +
  "Le niveau 1 de la circonscription reste chargé de répondre à l'école.";

const GLOBAL = { communeId: null };

// Parsed at load: a default rule the schema rejects fails the first test, not a ticket.
const rule = (input: RoutingRuleInput): RoutingRule => RoutingRule.parse(input);

/** The default routing rules, reproducing the support protocol; tried in `position` order. */
export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = Object.freeze([
  // A new report.
  rule({
    name: 'Sécurité : directement aux techniciens de la commune, direction prévenue',
    position: 10,
    trigger: 'report',
    conditions: { categories: ['security'] },
    action: { kind: 'route', level: 2, group: 'commune_technicians', notifyDirector: true },
    scope: GLOBAL,
  }),
  rule({
    name: 'Matériel non fourni par la ville : enregistré et traité au niveau 1',
    position: 20,
    trigger: 'report',
    conditions: { categories: CITY_CATEGORIES, fundings: [...NOT_CITY_FUNDED] },
    action: { kind: 'route', level: 1, group: 'circonscription_level1', outOfScope: true, message: NOT_MAINTAINED_REPORT },
    scope: GLOBAL,
  }),
  rule({
    name: 'Nouveau signalement : niveau 1 de la circonscription',
    position: 30,
    trigger: 'report',
    action: { kind: 'route', level: 1, group: 'circonscription_level1' },
    scope: GLOBAL,
  }),

  // Level 1 escalates.
  rule({
    name: 'Sécurité diagnostiquée au niveau 1 : techniciens de la commune, direction prévenue',
    position: 110,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: ['security'] },
    action: { kind: 'route', level: 2, group: 'commune_technicians', notifyDirector: true },
    scope: GLOBAL,
  }),
  rule({
    name: "Matériel non fourni par la ville : pas d'escalade vers la commune",
    position: 120,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: CITY_CATEGORIES, fundings: [...NOT_CITY_FUNDED] },
    action: { kind: 'refuse', message: NOT_MAINTAINED_ESCALATION, outOfScope: true },
    scope: GLOBAL,
  }),
  rule({
    name: 'Matériel, réseau, internet, impression : techniciens de la commune',
    position: 130,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: CITY_CATEGORIES },
    action: { kind: 'route', level: 2, group: 'commune_technicians' },
    scope: GLOBAL,
  }),
  rule({
    name: 'ENT, messagerie, filtrage, comptes, logiciels pédagogiques : assistance du rectorat',
    position: 140,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: ACADEMIC_CATEGORIES },
    action: { kind: 'route', level: 2, group: 'rectorate_desk' },
    scope: GLOBAL,
  }),

  // Level 2 escalates.
  rule({
    name: 'Panne matérielle sous garantie : fournisseur',
    position: 210,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['hardware', 'printing'], underWarranty: true },
    action: { kind: 'route', level: 3, group: 'supplier' },
    scope: GLOBAL,
  }),
  rule({
    name: 'Panne de copieur : prestataire de maintenance des copieurs',
    position: 220,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['hardware', 'printing'], kinds: ['copier'] },
    action: { kind: 'route', level: 3, group: 'copier_contractor' },
    scope: GLOBAL,
  }),
  rule({
    name: 'ENT et logiciels pédagogiques : éditeur',
    position: 230,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['ent', 'software'] },
    action: { kind: 'route', level: 3, group: 'software_editor' },
    scope: GLOBAL,
  }),
  rule({
    name: 'Filtrage et cas experts : experts du rectorat',
    position: 240,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['filtering', 'email', 'account', 'security'] },
    action: { kind: 'route', level: 3, group: 'rectorate_experts' },
    scope: GLOBAL,
  }),
]);
