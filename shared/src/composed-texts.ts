import { z } from 'zod';
import type { GroupKind, SupportLevel, TicketCategory } from './routing';
import type { TicketStatus } from './tickets';

/** The languages the server's sentences can be read in. French is the stored and e-mailed one. */
export const TextLocale = z.enum(['fr', 'en']);
export type TextLocale = z.infer<typeof TextLocale>;

/**
 * How dates and numbers are written in each language: French as in France, English as in
 * Europe (day before month, 24-hour times), for readers in French schools.
 */
export const INTL_LOCALE: Record<TextLocale, string> = { fr: 'fr-FR', en: 'en-GB' };

const TextParam = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * A sentence the server composed, kept as a key and its parameters so that each reader sees it
 * in their language (`renderRoutingReason`, `renderNotice`). Parameters are codes and values
 * (category and status codes, levels, names, quoted text as typed), never translated words.
 * A key this version does not know renders as null: show the stored French text instead.
 */
export const ComposedText = z.object({
  key: z.string(),
  params: z.record(z.string(), TextParam),
});
export type ComposedText = z.infer<typeof ComposedText>;

type SentencesFor<N extends ComposedText> = { [K in N['key']]: (p: Extract<N, { key: K }>['params']) => string };

/**
 * A family of sentences the server composes and stores as French text (`N`: the union of its
 * keys with their parameters). `render` says one in either language, null for a key or
 * parameters this version does not know. `parse` reads a stored text back into its key and
 * parameters, exactly: a candidate counts only if it renders back to the very same text in one
 * of the `storedIn` languages, so whatever a person wrote is never taken for one.
 */
export function sentenceFamily<N extends ComposedText>(family: {
  sentences: Readonly<Record<TextLocale, SentencesFor<N>>>;
  isValid: (text: ComposedText) => text is N;
  /** What the stored text might be; `parse` keeps the one that renders back to it. */
  candidates: (stored: string) => N[];
  storedIn?: readonly TextLocale[];
}) {
  const render = (text: ComposedText, locale: TextLocale): string | null =>
    family.isValid(text) ? (family.sentences[locale][text.key as N['key']] as (p: N['params']) => string)(text.params) : null;
  const parse = (stored: string | null | undefined): N | null => {
    if (!stored) return null;
    return family.candidates(stored).find((candidate) => (family.storedIn ?? ['fr']).some((locale) => render(candidate, locale) === stored)) ?? null;
  };
  return { render, parse };
}

/** A notification's `ComposedText`; a parameter may itself be a composed routing reason. */
export const ComposedNotice = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([TextParam, ComposedText])),
});
export type ComposedNotice = z.infer<typeof ComposedNotice>;

// Inside sentences, so not the client's labels (those head form fields and badges): the French
// ones are those people have been reading in notifications, e-mails and routing reasons.

/** A ticket category as named inside a sentence. */
export const CATEGORY_WORDS: Readonly<Record<TextLocale, Readonly<Record<TicketCategory, string>>>> = {
  fr: {
    hardware: 'Matériel ou système',
    network: 'Réseau',
    internet: 'Accès à internet',
    printing: 'Impression et copieurs',
    software: 'Logiciel pédagogique',
    ent: 'ENT',
    email: 'Messagerie',
    filtering: 'Filtrage',
    account: 'Comptes et identifiants',
    security: 'Sécurité',
    other: 'Autre',
  },
  // As the English screens name them (client/src/locales/en.json, `ticketCategory`).
  en: {
    hardware: 'Hardware fault',
    network: 'School network',
    internet: 'Internet access',
    printing: 'Printing',
    software: 'Educational software',
    ent: 'Digital workspace (ENT)',
    email: 'Email',
    filtering: 'Web filtering',
    account: 'Account or password',
    security: 'Security (virus, hacking, theft)',
    other: 'Other',
  },
};

/** A kind of support group as the object of "handed to …". */
export const GROUP_WORDS: Readonly<Record<TextLocale, Readonly<Record<GroupKind, string>>>> = {
  fr: {
    circonscription_level1: 'le niveau 1 de la circonscription (ERUN et correspondants numériques)',
    commune_technicians: 'les techniciens de la commune',
    rectorate_desk: "l'assistance du rectorat",
    rectorate_experts: 'les experts du rectorat',
    supplier: 'le fournisseur, au titre de la garantie',
    software_editor: "l'éditeur du logiciel",
    copier_contractor: 'le prestataire de maintenance des copieurs',
  },
  en: {
    circonscription_level1: "the district's level 1 support (ERUN and digital-learning contacts)",
    commune_technicians: "the town's technicians",
    rectorate_desk: "the rectorate's help desk",
    rectorate_experts: "the rectorate's experts",
    supplier: 'the supplier, under warranty',
    software_editor: 'the software publisher',
    copier_contractor: 'the copier maintenance contractor',
  },
};

/** A ticket status inside a sentence (lower case). */
export const STATUS_WORDS: Readonly<Record<TextLocale, Readonly<Record<TicketStatus, string>>>> = {
  fr: { new: 'nouveau', assigned: 'attribué', in_progress: 'en cours', waiting: 'en attente', resolved: 'résolu', closed: 'clos' },
  en: { new: 'new', assigned: 'assigned', in_progress: 'in progress', waiting: 'waiting', resolved: 'resolved', closed: 'closed' },
};

/** Quoted text longer than this is cut, with an ellipsis. */
export const QUOTE_MAX = 1500;

export function clip(text: string, max = QUOTE_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The words every composed sentence is built with, in one language. */
export interface SentenceWords {
  locale: TextLocale;
  /** Typed text in quotation marks, trimmed and clipped; '' for none. */
  quote(text: string | null | undefined): string;
  /** `what` about the ticket titled `title` (a notification's title). */
  about(what: string, title: string): string;
  /** A group as stored (`Techniciens — Villeurbanne`) at its level; the level is left out when unknown. */
  groupAt(label: string, level: number | null): string;
  category(category: TicketCategory): string;
  /** A category in the middle of a sentence. */
  categoryInline(category: TicketCategory): string;
  status(code: string): string;
  /** The school, category and priority of a ticket, in brackets in notifications. */
  summary(p: { school: string; category: TicketCategory; priority: string }): string;
  /** Paragraphs, empty ones left out. */
  join(...parts: (string | false | null | undefined)[]): string;
}

const join = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join('\n\n');
const isStatus = (code: string, words: Readonly<Record<TicketStatus, string>>): code is TicketStatus => Object.hasOwn(words, code);

export const SENTENCE_WORDS: Readonly<Record<TextLocale, SentenceWords>> = {
  fr: {
    locale: 'fr',
    quote: (text) => (text ? `« ${clip(text.trim())} »` : ''),
    about: (what, title) => `${what} : ${title}`,
    groupAt: (label, level) => (level === null ? label : `${label} (niveau ${level})`),
    category: (category) => CATEGORY_WORDS.fr[category],
    categoryInline: (category) => CATEGORY_WORDS.fr[category].toLowerCase(),
    status: (code) => (isStatus(code, STATUS_WORDS.fr) ? STATUS_WORDS.fr[code] : code),
    summary: (p) => `${p.school}, ${CATEGORY_WORDS.fr[p.category].toLowerCase()}, priorité ${p.priority}`,
    join,
  },
  en: {
    locale: 'en',
    quote: (text) => (text ? `“${clip(text.trim())}”` : ''),
    about: (what, title) => `${what}: ${title}`,
    groupAt: (label, level) => (level === null ? label : `${label} (level ${level})`),
    category: (category) => CATEGORY_WORDS.en[category],
    // Only the first letter: "digital workspace (ENT)".
    categoryInline: (category) => lowerFirst(CATEGORY_WORDS.en[category]),
    status: (code) => (isStatus(code, STATUS_WORDS.en) ? STATUS_WORDS.en[code] : code),
    summary: (p) => `${p.school}, ${lowerFirst(CATEGORY_WORDS.en[p.category])}, priority ${p.priority}`,
    join,
  },
};

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The level in a stored group-at-level text (`Techniciens — Villeurbanne (niveau 2)`), split off; a text without it comes back whole. */
export function splitGroupAt(text: string): { label: string; level: SupportLevel | null } {
  const match = /^(.*) \(niveau ([123])\)$/s.exec(text);
  return match ? { label: match[1]!, level: Number(match[2]) as SupportLevel } : { label: text, level: null };
}
