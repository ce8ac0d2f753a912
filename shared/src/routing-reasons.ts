import { CATEGORY_WORDS, GROUP_WORDS, TextLocale, sentenceFamily, type ComposedText } from './composed-texts';
import { GroupKind, SupportLevel, TicketCategory } from './routing';

/**
 * The names the server gives decisions no stored rule made, as the timeline and the ticket show
 * them in French (stored rules' names are data, written by administrators, and stay as written).
 */
export const BUILT_IN_RULES = {
  /** A new report no rule matched goes to level 1 of its circonscription. */
  fallbackReport: 'Par défaut : niveau 1 de la circonscription',
  /** An escalation no rule provides for is refused. */
  fallbackEscalation: "Par défaut : pas d'escalade prévue",
  /** A person handed the ticket to another group. */
  manualHandover: 'Réaffectation à la main',
} as const;
export type BuiltInRule = keyof typeof BUILT_IN_RULES;

/** The routing reasons the server composes; a rule's own `message` is kept as written instead. */
export interface RoutingReasonParams {
  /** A rule (or, with no rule, the default) handed the ticket to a kind of group. */
  routed: { level: SupportLevel; group: GroupKind; supplier: string | null; notifyDirector: boolean };
  /** Someone handed the ticket over by hand; `groupLabel` is the group's stored name. */
  handedOver: { level: SupportLevel; groupLabel: string };
  /** An escalation asked from level 3. */
  lastLevel: Record<string, never>;
  /** No rule escalates this category from this level. */
  noEscalationRule: { level: SupportLevel; category: TicketCategory };
}

export type RoutingReason = { [K in keyof RoutingReasonParams]: { key: K; params: RoutingReasonParams[K] } }[keyof RoutingReasonParams];

const who = (locale: TextLocale, p: RoutingReasonParams['routed']) => {
  if (p.group !== 'supplier' || !p.supplier) return GROUP_WORDS[locale][p.group];
  return locale === 'fr' ? `le fournisseur ${p.supplier}, au titre de la garantie` : `the supplier ${p.supplier}, under warranty`;
};

const SENTENCES = {
  fr: {
    routed: (p) => `Confié au niveau ${p.level} : ${who('fr', p)}.${p.notifyDirector ? " La direction de l'école est prévenue." : ''}`,
    handedOver: (p) => `Confié à la main au niveau ${p.level} : ${p.groupLabel}.`,
    lastLevel: () => 'Ce ticket est déjà au niveau 3, le dernier : il ne peut pas monter plus haut.',
    noEscalationRule: (p) =>
      `Aucune règle ne prévoit d'escalade depuis le niveau ${p.level} pour un incident « ${CATEGORY_WORDS.fr[p.category]} ». ` +
      'Précisez la catégorie du ticket ou réaffectez-le à la main.',
  },
  en: {
    routed: (p) => `Handed to level ${p.level}: ${who('en', p)}.${p.notifyDirector ? ' The head teacher has been informed.' : ''}`,
    handedOver: (p) => `Handed over manually to level ${p.level}: ${p.groupLabel}.`,
    lastLevel: () => 'This ticket is already at level 3, the last one: it cannot go any higher.',
    noEscalationRule: (p) =>
      `No rule provides an escalation from level ${p.level} for the category “${CATEGORY_WORDS.en[p.category]}”. ` +
      "Correct the ticket's category or hand it over manually.",
  },
} satisfies Record<TextLocale, { [K in keyof RoutingReasonParams]: (p: RoutingReasonParams[K]) => string }>;

function isRoutingReason(text: ComposedText): text is RoutingReason {
  const p = text.params;
  const level = SupportLevel.safeParse(p.level).success;
  switch (text.key) {
    case 'routed':
      return level && GroupKind.safeParse(p.group).success && (typeof p.supplier === 'string' || p.supplier === null) && typeof p.notifyDirector === 'boolean';
    case 'handedOver':
      return level && typeof p.groupLabel === 'string';
    case 'lastLevel':
      return true;
    case 'noEscalationRule':
      return level && TicketCategory.safeParse(p.category).success;
    default:
      return false;
  }
}

const reverse = <K extends string>(words: Readonly<Record<K, string>>, text: string): K | undefined =>
  (Object.keys(words) as K[]).find((key) => words[key] === text);

/** Candidates read off the French sentence; each is kept only if it gives that sentence back. */
function candidates(text: string): RoutingReason[] {
  const routed = /^Confié au niveau ([123]) : (.+?)\.( La direction de l'école est prévenue\.)?$/s.exec(text);
  if (routed) {
    const level = Number(routed[1]) as SupportLevel;
    const notifyDirector = routed[3] !== undefined;
    const group = reverse(GROUP_WORDS.fr, routed[2]!);
    const supplier = /^le fournisseur (.+), au titre de la garantie$/s.exec(routed[2]!)?.[1];
    if (group) return [{ key: 'routed', params: { level, group, supplier: null, notifyDirector } }];
    if (supplier) return [{ key: 'routed', params: { level, group: 'supplier', supplier, notifyDirector } }];
  }
  const handedOver = /^Confié à la main au niveau ([123]) : (.+)\.$/s.exec(text);
  if (handedOver) return [{ key: 'handedOver', params: { level: Number(handedOver[1]) as SupportLevel, groupLabel: handedOver[2]! } }];
  const noRule = /^Aucune règle ne prévoit d'escalade depuis le niveau ([123]) pour un incident « (.+) »\. /.exec(text);
  const category = noRule && reverse(CATEGORY_WORDS.fr, noRule[2]!);
  if (noRule && category) return [{ key: 'noEscalationRule', params: { level: Number(noRule[1]) as SupportLevel, category } }];
  return [{ key: 'lastLevel', params: {} }];
}

const family = sentenceFamily<RoutingReason>({ sentences: SENTENCES, isValid: isRoutingReason, candidates });
/** The sentence of a composed routing reason; null for a key or parameters this version does not know. */
export const renderRoutingReason = family.render;
/**
 * The composed form of a stored French routing reason, or null when it is not one the server
 * composes (a rule's own message, written by administrators, stays as written).
 */
export const parseRoutingReason = family.parse;
