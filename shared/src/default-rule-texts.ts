import type { TextLocale } from './composed-texts';

// The default routing rules' names and messages (the protocol of DOMAIN.md, seeded as global
// rules), in French as stored and in English. Stored rules are data: once someone changes one of
// these texts, it is shown as they wrote it.

/** The names of the default rules, in the order of `DEFAULT_ROUTING_RULES`. */
export const DEFAULT_RULE_NAMES = {
  securityReport: {
    fr: 'Sécurité : directement aux techniciens de la commune, direction prévenue',
    en: 'Security: straight to the town technicians, director informed',
  },
  notCityFundedReport: {
    fr: 'Matériel non fourni par la ville : enregistré et traité au niveau 1',
    en: 'Equipment not provided by the town: recorded and handled at level 1',
  },
  newReport: {
    fr: 'Nouveau signalement : niveau 1 de la circonscription',
    en: "New report: the district's level 1",
  },
  securityEscalation: {
    fr: 'Sécurité diagnostiquée au niveau 1 : techniciens de la commune, direction prévenue',
    en: 'Security diagnosed at level 1: town technicians, director informed',
  },
  notCityFundedEscalation: {
    fr: "Matériel non fourni par la ville : pas d'escalade vers la commune",
    en: 'Equipment not provided by the town: no escalation to the town',
  },
  cityCategories: {
    fr: 'Matériel, réseau, internet, impression : techniciens de la commune',
    en: 'Hardware, network, internet, printing: town technicians',
  },
  academicCategories: {
    fr: 'ENT, messagerie, filtrage, comptes, logiciels pédagogiques : assistance du rectorat',
    en: 'ENT, email, filtering, accounts, educational software: rectorate help desk',
  },
  underWarranty: {
    fr: 'Panne matérielle sous garantie : fournisseur',
    en: 'Hardware fault under warranty: supplier',
  },
  copier: {
    fr: 'Panne de copieur : prestataire de maintenance des copieurs',
    en: 'Copier fault: copier maintenance contractor',
  },
  editor: {
    fr: 'ENT et logiciels pédagogiques : éditeur',
    en: 'ENT and educational software: software publisher',
  },
  experts: {
    fr: 'Filtrage et cas experts : experts du rectorat',
    en: 'Filtering and expert cases: rectorate experts',
  },
} as const satisfies Record<string, Record<TextLocale, string>>;

/** What the default rules tell people about equipment the city does not maintain. */
export const DEFAULT_RULE_MESSAGES = {
  notCityFundedReport: {
    fr:
      "Ce matériel n'a pas été fourni par la ville : il a été acheté sur les fonds propres de l'école ou reçu en don. " +
      "La ville n'entretient que le matériel qu'elle a fourni, ses techniciens ne pourront donc pas intervenir dessus. " +
      'Votre signalement est bien enregistré et le niveau 1 de la circonscription vous répondra.',
    en:
      "This equipment was not provided by the town: it was bought with the school's own funds or donated. " +
      'The town only maintains the equipment it provided, so its technicians will not be able to work on it. ' +
      "Your report is recorded and the district's level 1 will answer you.",
  },
  notCityFundedEscalation: {
    fr:
      'Escalade vers les techniciens de la commune refusée : ce matériel a été acheté sur les fonds propres ' +
      "de l'école ou reçu en don, et la ville n'entretient que le matériel qu'elle a fourni. " +
      "Le niveau 1 de la circonscription reste chargé de répondre à l'école.",
    en:
      "Escalation to the town technicians refused: this equipment was bought with the school's own funds " +
      'or donated, and the town only maintains the equipment it provided. ' +
      "The district's level 1 remains in charge of answering the school.",
  },
} as const satisfies Record<string, Record<TextLocale, string>>;

const ENGLISH_OF = new Map<string, string>(
  [...Object.values(DEFAULT_RULE_NAMES), ...Object.values(DEFAULT_RULE_MESSAGES)].map((text) => [text.fr, text.en]),
);

/**
 * A default rule's name or message in `locale` when `text` is one, word for word; anything else
 * (a rule someone wrote, or changed) as written.
 */
export function defaultRuleText(text: string, locale: TextLocale): string {
  return locale === 'fr' ? text : (ENGLISH_OF.get(text) ?? text);
}
