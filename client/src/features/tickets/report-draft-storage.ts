import type { ReportDraft, ReportStep } from './useReportForm';

/**
 * The report being written, kept in the tab's session storage after every change: when the
 * session expires mid-report, signing in again brings the teacher back to it, not to an empty
 * form. Only for the same person (school computers are shared) and for a few hours. The photo,
 * a file, cannot be kept: it is chosen again.
 */
const KEY = 'preau.report-draft';
const MAX_AGE_MS = 12 * 3_600_000;

type KeptDraft = Omit<ReportDraft, 'photo'>;
interface Saved {
  userId: number;
  savedAt: number;
  step: ReportStep;
  draft: KeptDraft;
  hadPhoto: boolean;
}

export function keepDraft(userId: number, draft: ReportDraft, step: ReportStep): void {
  const { photo, ...kept } = draft;
  const saved: Saved = { userId, savedAt: Date.now(), step, draft: kept, hadPhoto: photo !== null };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // Storage full or refused (private mode): the form works without it.
  }
}

/** The kept draft of this person, if recent; anything else found is dropped. */
export function keptDraft(userId: number): { draft: KeptDraft; step: ReportStep; hadPhoto: boolean } | null {
  let saved: Saved | null = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Saved | null;
  } catch {
    saved = null;
  }
  if (!saved || saved.userId !== userId || Date.now() - saved.savedAt > MAX_AGE_MS || typeof saved.draft !== 'object') {
    forgetDraft();
    return null;
  }
  return { draft: saved.draft, step: saved.step, hadPhoto: saved.hadPhoto === true };
}

export function forgetDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
