import { sentenceFamily, type ComposedText, type TextLocale } from './composed-texts';

/** The notes the server writes in an item's history, as a key and its parameters. */
export interface EquipmentNoteParams {
  /** Created or changed by a CSV import. */
  csvImport: Record<string, never>;
  /** Moved along with the trolley (or other container) holding it. */
  movedWithContainer: { assetTag: string };
  /** Marked broken by a hardware report. */
  reportFiled: { reference: string };
  /** Put back (or taken out of service) when its report was resolved. */
  reportResolved: { reference: string };
  /** Marked broken again by its report's reopening. */
  reportReopened: { reference: string };
}

export type EquipmentNote = { [K in keyof EquipmentNoteParams]: { key: K; params: EquipmentNoteParams[K] } }[keyof EquipmentNoteParams];

const SENTENCES = {
  fr: {
    csvImport: () => 'Import CSV',
    movedWithContainer: (p) => `Déplacé avec ${p.assetTag}`,
    reportFiled: (p) => `Signalement ${p.reference}`,
    reportResolved: (p) => `Résolution ${p.reference}`,
    reportReopened: (p) => `Réouverture ${p.reference}`,
  },
  en: {
    csvImport: () => 'CSV import',
    movedWithContainer: (p) => `Moved with ${p.assetTag}`,
    reportFiled: (p) => `Report ${p.reference}`,
    reportResolved: (p) => `Resolution ${p.reference}`,
    reportReopened: (p) => `Reopening of ${p.reference}`,
  },
} satisfies Record<TextLocale, { [K in keyof EquipmentNoteParams]: (p: EquipmentNoteParams[K]) => string }>;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
/** A ticket's reference (`INC-2026-000123`): so that a person's note such as "Signalement de l'enseignant" is not read as one. */
const isReference = (value: unknown): value is string => typeof value === 'string' && /^INC-\d{4}-\d{6,}$/.test(value);

function isEquipmentNote(text: ComposedText): text is EquipmentNote {
  switch (text.key) {
    case 'csvImport':
      return true;
    case 'movedWithContainer':
      return isText(text.params.assetTag);
    case 'reportFiled':
    case 'reportResolved':
    case 'reportReopened':
      return isReference(text.params.reference);
    default:
      return false;
  }
}

/** Candidates read off a stored note (French, or English as the first versions wrote some). */
function candidates(text: string): EquipmentNote[] {
  const rest = (prefix: string) => (text.startsWith(prefix) ? text.slice(prefix.length) : '');
  const moved = rest('Déplacé avec ') || rest('Moved with ');
  const filed = rest('Signalement ');
  const resolved = rest('Résolution ');
  const reopened = rest('Réouverture ');
  return [
    { key: 'csvImport', params: {} },
    ...(moved ? [{ key: 'movedWithContainer', params: { assetTag: moved } } as const] : []),
    ...(filed ? [{ key: 'reportFiled', params: { reference: filed } } as const] : []),
    ...(resolved ? [{ key: 'reportResolved', params: { reference: resolved } } as const] : []),
    ...(reopened ? [{ key: 'reportReopened', params: { reference: reopened } } as const] : []),
  ];
}

const family = sentenceFamily<EquipmentNote>({ sentences: SENTENCES, isValid: isEquipmentNote, candidates, storedIn: ['fr', 'en'] });
/** The text of a history note; null for a key or parameters this version does not know. */
export const renderEquipmentNote = family.render;
/**
 * The composed form of a stored history note (in French, or in the English the first versions
 * stored), or null when a person wrote it (a retirement's reason, say).
 */
export const parseEquipmentNote = family.parse;
