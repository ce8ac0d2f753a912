import type { ComposedText, TextLocale } from './composed-texts';

/** The service targets the deadline sweep watches. */
export type DeadlineTarget = 'first_response' | 'resolution';

/** The timeline entries the deadline sweep writes, as a key and its parameters. */
export interface SweepNoteParams {
  deadlineNear: { target: DeadlineTarget };
  deadlinePassed: { target: DeadlineTarget };
  /** A resolved ticket closed by itself `days` after its resolution. */
  autoClosed: { days: number };
}

export type SweepNote = { [K in keyof SweepNoteParams]: { key: K; params: SweepNoteParams[K] } }[keyof SweepNoteParams];

const TARGET_WORDS: Readonly<Record<TextLocale, Readonly<Record<DeadlineTarget, string>>>> = {
  fr: { first_response: 'première réponse', resolution: 'résolution' },
  en: { first_response: 'first response', resolution: 'resolution' },
};

type Sentences = { [K in keyof SweepNoteParams]: (p: SweepNoteParams[K]) => string };

const SENTENCES: Readonly<Record<TextLocale, Sentences>> = {
  fr: {
    deadlineNear: (p) => `Échéance de ${TARGET_WORDS.fr[p.target]} proche`,
    deadlinePassed: (p) => `Délai de ${TARGET_WORDS.fr[p.target]} dépassé`,
    autoClosed: (p) => `Clôture automatique ${p.days} ${p.days > 1 ? 'jours' : 'jour'} après la résolution`,
  },
  en: {
    deadlineNear: (p) => `${p.target === 'first_response' ? 'First response' : 'Resolution'} due soon`,
    deadlinePassed: (p) => `${p.target === 'first_response' ? 'First response' : 'Resolution'} overdue`,
    autoClosed: (p) => `Closed automatically ${p.days} ${p.days > 1 ? 'days' : 'day'} after resolution`,
  },
};

const isTarget = (value: unknown): value is DeadlineTarget => value === 'first_response' || value === 'resolution';

function isSweepNote(text: ComposedText): text is SweepNote {
  switch (text.key) {
    case 'deadlineNear':
    case 'deadlinePassed':
      return isTarget(text.params.target);
    case 'autoClosed':
      return Number.isInteger(text.params.days) && (text.params.days as number) > 0;
    default:
      return false;
  }
}

/** The sentence of a sweep's timeline entry; null for a key or parameters this version does not know. */
export function renderSweepNote(note: ComposedText, locale: TextLocale): string | null {
  if (!isSweepNote(note)) return null;
  return (SENTENCES[locale][note.key] as (p: SweepNote['params']) => string)(note.params);
}

/** Candidates read off the French sentence; each is kept only if it gives that sentence back. */
function candidates(text: string): SweepNote[] {
  const target = (Object.keys(TARGET_WORDS.fr) as DeadlineTarget[]).find((key) => text.includes(TARGET_WORDS.fr[key]));
  const days = /^Clôture automatique (\d+) jours? après la résolution$/.exec(text);
  return [
    ...(target ? [{ key: 'deadlineNear', params: { target } } as const, { key: 'deadlinePassed', params: { target } } as const] : []),
    ...(days ? [{ key: 'autoClosed', params: { days: Number(days[1]) } } as const] : []),
  ];
}

/** The composed form of a sweep entry's stored French, or null when it is not one (exact: it must render back to the same text). */
export function parseSweepNote(text: string | null | undefined): SweepNote | null {
  if (!text) return null;
  return candidates(text).find((note) => renderSweepNote(note, 'fr') === text) ?? null;
}
