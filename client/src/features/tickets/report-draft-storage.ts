import type { TicketCreate } from '@preau/shared';
import type { ReportDraft, ReportStep } from './useReportForm';

/**
 * The report being written, kept in the tab's session storage after every change: when the
 * session expires mid-report, signing in again brings the teacher back to it, not to an empty
 * form. Only for the same person (school computers are shared) and for a few hours. The photo,
 * a file, cannot be kept: it is chosen again. Once sent, the submission's idempotency key and
 * what went under it are kept too: a send whose answer was lost, then the page reloaded, does
 * not file the report a second time.
 */
const KEY = 'preau.report-draft';
const MAX_AGE_MS = 12 * 3_600_000;

type KeptDraft = Omit<ReportDraft, 'photo'>;
/** One submission of the report: its `Idempotency-Key` and the versions sent under it, newest first. */
export interface Submission {
  key: string;
  sent: TicketCreate[];
}
interface Saved {
  userId: number;
  savedAt: number;
  step: ReportStep;
  draft: KeptDraft;
  hadPhoto: boolean;
  submission?: Submission;
}

export function keepDraft(userId: number, draft: ReportDraft, step: ReportStep, submission: Submission): void {
  const { photo, ...kept } = draft;
  const saved: Saved = { userId, savedAt: Date.now(), step, draft: kept, hadPhoto: photo !== null, ...(submission.sent.length > 0 ? { submission } : {}) };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // Storage full or refused (private mode): the form works without it.
  }
}

/** The kept draft of this person, if recent; anything else found is dropped. */
export function keptDraft(userId: number): { draft: KeptDraft; step: ReportStep; hadPhoto: boolean; submission: Submission | null } | null {
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
  const submission = typeof saved.submission?.key === 'string' && Array.isArray(saved.submission.sent) ? saved.submission : null;
  return { draft: saved.draft, step: saved.step, hadPhoto: saved.hadPhoto === true, submission };
}

export function forgetDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
