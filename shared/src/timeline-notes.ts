import { sentenceFamily, type ComposedText, type TextLocale } from './composed-texts';

/** The service targets the deadline sweep watches. */
export type DeadlineTarget = 'first_response' | 'resolution';

/** The timeline entries the server writes itself (the deadline sweep's, a resolution's note), as a key and its parameters. */
export interface TimelineNoteParams {
  deadlineNear: { target: DeadlineTarget };
  deadlinePassed: { target: DeadlineTarget };
  /** A resolved ticket closed by itself `days` after its resolution. */
  autoClosed: { days: number };
  /** At a resolution, the item stays broken: other open reports (`references`, comma-separated) still say so. */
  itemStillBroken: { assetTag: string; references: string };
}

export type TimelineNote = { [K in keyof TimelineNoteParams]: { key: K; params: TimelineNoteParams[K] } }[keyof TimelineNoteParams];

const TARGET_WORDS: Readonly<Record<TextLocale, Readonly<Record<DeadlineTarget, string>>>> = {
  fr: { first_response: 'première réponse', resolution: 'résolution' },
  en: { first_response: 'first response', resolution: 'resolution' },
};

const SENTENCES = {
  fr: {
    deadlineNear: (p) => `Échéance de ${TARGET_WORDS.fr[p.target]} proche`,
    deadlinePassed: (p) => `Délai de ${TARGET_WORDS.fr[p.target]} dépassé`,
    autoClosed: (p) => `Clôture automatique ${p.days} ${p.days > 1 ? 'jours' : 'jour'} après la résolution`,
    itemStillBroken: (p) => `${p.assetTag} n'est pas remis en service : ${p.references} le signale encore en panne.`,
  },
  en: {
    deadlineNear: (p) => `${p.target === 'first_response' ? 'First response' : 'Resolution'} due soon`,
    deadlinePassed: (p) => `${p.target === 'first_response' ? 'First response' : 'Resolution'} overdue`,
    autoClosed: (p) => `Closed automatically ${p.days} ${p.days > 1 ? 'days' : 'day'} after resolution`,
    itemStillBroken: (p) => `${p.assetTag} is not put back in service: ${p.references} still reports it broken.`,
  },
} satisfies Record<TextLocale, { [K in keyof TimelineNoteParams]: (p: TimelineNoteParams[K]) => string }>;

const isTarget = (value: unknown): value is DeadlineTarget => value === 'first_response' || value === 'resolution';

function isTimelineNote(text: ComposedText): text is TimelineNote {
  switch (text.key) {
    case 'deadlineNear':
    case 'deadlinePassed':
      return isTarget(text.params.target);
    case 'autoClosed':
      return Number.isInteger(text.params.days) && (text.params.days as number) > 0;
    case 'itemStillBroken':
      return typeof text.params.assetTag === 'string' && typeof text.params.references === 'string';
    default:
      return false;
  }
}

/** Candidates read off the French sentence; each is kept only if it gives that sentence back. */
function candidates(text: string): TimelineNote[] {
  const target = (Object.keys(TARGET_WORDS.fr) as DeadlineTarget[]).find((key) => text.includes(TARGET_WORDS.fr[key]));
  const days = /^Clôture automatique (\d+) jours? après la résolution$/.exec(text);
  const stillBroken = /^(.+) n'est pas remis en service : (.+) le signale encore en panne\.$/s.exec(text);
  return [
    ...(target ? [{ key: 'deadlineNear', params: { target } } as const, { key: 'deadlinePassed', params: { target } } as const] : []),
    ...(days ? [{ key: 'autoClosed', params: { days: Number(days[1]) } } as const] : []),
    ...(stillBroken ? [{ key: 'itemStillBroken', params: { assetTag: stillBroken[1]!, references: stillBroken[2]! } } as const] : []),
  ];
}

const family = sentenceFamily<TimelineNote>({ sentences: SENTENCES, isValid: isTimelineNote, candidates });
/** The sentence of a timeline entry the server wrote; null for a key or parameters this version does not know. */
export const renderTimelineNote = family.render;
/** The composed form of such an entry's stored French, or null when it is not one. */
export const parseTimelineNote = family.parse;
