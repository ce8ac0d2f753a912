import { inject, provide, reactive, ref, watch, type InjectionKey } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FieldIssue, Impact, TicketCategory, TicketCreate, TicketDetail, Urgency } from '@preau/shared';
import { ApiError } from '../../api/http';
import { useFieldIssues } from '../../ui/useFieldIssues';
import { useAuthStore } from '../auth/auth.store';
import { forgetDraft, keepDraft, keptDraft, type Submission } from './report-draft-storage';
import { newIdempotencyKey } from './tickets.api';
import { useTicketsStore } from './tickets.store';
import { PHOTO_MAX_BYTES, isAcceptedPhoto, TICKET_TEXT_MAX } from './ticket-options';

export type ReportStep = 1 | 2 | 3;

export interface ReportDraft {
  schoolId: number | null;
  /** An item of the school, or a service (internet, ENT, mail…) named by its category alone. */
  about: 'item' | 'service';
  equipmentId: number | null;
  category: TicketCategory | '';
  title: string;
  description: string;
  photo: File | null;
  impact: Impact | '';
  urgency: Urgency | '';
  availability: string;
}

/** Which step asks for each field: a server issue sends the user back there. */
const STEP_OF: Record<string, ReportStep> = {
  schoolId: 1,
  equipmentId: 1,
  category: 2,
  title: 2,
  description: 2,
  file: 2,
  impact: 3,
  urgency: 3,
  availability: 3,
};

export interface ReportOutcome {
  ticket: TicketDetail;
  /** Why the photo did not go with the report; the ticket page lets the user add it again. */
  photoError?: unknown;
  /**
   * An earlier send had reached the server although its answer was lost, and the draft was edited
   * since: the ticket is that earlier report, without the later edits.
   */
  sentEarlier?: true;
}

function createReportForm() {
  const { t } = useI18n();
  const store = useTicketsStore();
  const fields = useFieldIssues();

  const draft = reactive<ReportDraft>({
    schoolId: null,
    about: 'item',
    equipmentId: null,
    category: 'hardware',
    title: '',
    description: '',
    photo: null,
    impact: '',
    urgency: '',
    availability: '',
  });
  const step = ref<ReportStep>(1);
  const submitting = ref(false);
  const userId = useAuthStore().user?.id;
  /** A report left unfinished in this tab (an expired session, say) came back; `photo`: with a photo to choose again. */
  const resumed = ref<false | { photo: boolean }>(false);

  /** Kept across retries of one submission (and page reloads), so a lost answer never files the report twice. */
  let submission: Submission = { key: newIdempotencyKey(), sent: [] };
  const started = () => Boolean(draft.title.trim() || draft.description.trim() || draft.impact || draft.urgency || draft.availability.trim());
  const keep = () => {
    if (userId !== undefined && started()) keepDraft(userId, draft, step.value, submission);
  };
  watch([draft, step], keep);

  /** Takes back the kept draft, unless the page was opened for another item (a label's QR code). */
  function resumeKept(openedFor: number | null): void {
    const kept = userId === undefined ? null : keptDraft(userId);
    if (!kept || (openedFor !== null && kept.draft.equipmentId !== openedFor)) return;
    Object.assign(draft, kept.draft);
    step.value = kept.step;
    if (kept.submission) submission = kept.submission;
    resumed.value = { photo: kept.hadPhoto };
  }

  /** Starts again from an empty report (the school and item the page opened with stay). */
  function discardKept(): void {
    forgetDraft();
    Object.assign(draft, { category: 'hardware', title: '', description: '', photo: null, impact: '', urgency: '', availability: '' });
    step.value = 1;
    resumed.value = false;
    submission = { key: newIdempotencyKey(), sent: [] };
  }

  fields.clearOnChange({
    schoolId: () => draft.schoolId,
    equipmentId: () => [draft.equipmentId, draft.about],
    category: () => draft.category,
    title: () => draft.title,
    description: () => draft.description,
    file: () => draft.photo,
    impact: () => draft.impact,
    urgency: () => draft.urgency,
  });

  const issue = (path: string, key: string, values: Record<string, unknown> = {}): FieldIssue => ({ path: [path], message: t(key, values) });

  function checkStep(which: ReportStep): FieldIssue[] {
    const found: FieldIssue[] = [];
    if (which === 1) {
      if (draft.schoolId === null) found.push(issue('schoolId', 'report.errors.school'));
      if (draft.about === 'item' && draft.equipmentId === null) found.push(issue('equipmentId', 'report.errors.item'));
      if (draft.about === 'service' && !draft.category) found.push(issue('equipmentId', 'report.errors.service'));
    }
    if (which === 2) {
      if (!draft.category) found.push(issue('category', 'common.required'));
      const title = draft.title.trim();
      if (title.length < 3) found.push(issue('title', 'report.errors.title'));
      if (title.length > 150) found.push(issue('title', 'report.errors.tooLong', { max: 150 }));
      if (draft.description.trim().length > TICKET_TEXT_MAX) found.push(issue('description', 'report.errors.tooLong', { max: TICKET_TEXT_MAX }));
      if (draft.photo && !isAcceptedPhoto(draft.photo)) found.push(issue('file', 'report.errors.photoType'));
      else if (draft.photo && draft.photo.size > PHOTO_MAX_BYTES) found.push(issue('file', 'report.errors.photoSize', { max: 10 }));
    }
    if (which === 3) {
      if (!draft.impact) found.push(issue('impact', 'report.errors.impact'));
      if (!draft.urgency) found.push(issue('urgency', 'report.errors.urgency'));
      if (draft.availability.trim().length > 500) found.push(issue('availability', 'report.errors.tooLong', { max: 500 }));
    }
    return found;
  }

  /** Moves on when the current step is complete; otherwise marks what is missing. */
  function next(): boolean {
    const found = checkStep(step.value);
    fields.issues.value = found;
    if (found.length > 0) return false;
    if (step.value < 3) step.value = (step.value + 1) as ReportStep;
    return true;
  }

  function back(): void {
    fields.issues.value = [];
    if (step.value > 1) step.value = (step.value - 1) as ReportStep;
  }

  /**
   * Sends the report under the submission's key. When the server says the key already filed
   * another version of it (an earlier send whose answer was lost, edited since), that earlier
   * report is the one filed: it is fetched by sending it again, rather than filing a second one.
   */
  async function sendOnce(report: TicketCreate): Promise<{ ticket: TicketDetail; sentEarlier: boolean }> {
    // The server refuses the key with another report: what went under it is kept, newest first.
    submission.sent = [report, ...submission.sent.filter((sent) => JSON.stringify(sent) !== JSON.stringify(report))];
    keep();
    const { key } = submission;
    try {
      return { ticket: await store.report(report, key), sentEarlier: false };
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED')) throw error;
      for (const earlier of submission.sent.slice(1)) {
        // Refused (another version, or a send the server never kept): try the one before.
        const ticket = await store.report(earlier, key).catch((again: unknown) => {
          if (again instanceof ApiError && again.status >= 400 && again.status < 500) return null;
          throw again;
        });
        if (ticket) return { ticket, sentEarlier: true };
      }
      throw error;
    }
  }

  /** Files the report, then sends the photo; a refusal of the report goes back to the step of its first field. */
  async function submit(): Promise<ReportOutcome | null> {
    if (submitting.value) return null;
    for (const which of [1, 2, 3] as const) {
      const found = checkStep(which);
      if (found.length > 0) {
        fields.issues.value = found;
        step.value = which;
        return null;
      }
    }
    submitting.value = true;
    try {
      const report: TicketCreate = {
        schoolId: draft.schoolId!,
        equipmentId: draft.about === 'item' ? draft.equipmentId : null,
        category: draft.category as TicketCategory,
        title: draft.title.trim(),
        description: draft.description.trim(),
        impact: draft.impact as Impact,
        urgency: draft.urgency as Urgency,
        availability: draft.availability.trim() || null,
      };
      const { ticket, sentEarlier } = await sendOnce(report);
      submission = { key: newIdempotencyKey(), sent: [] };
      forgetDraft();
      let photoError: unknown;
      if (draft.photo) await store.attachPhoto(ticket.id, draft.photo).catch((error: unknown) => (photoError = error));
      return { ticket, photoError, ...(sentEarlier ? { sentEarlier } : {}) };
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        fields.fromServer(error.errors, Object.keys(STEP_OF));
        const steps = error.errors.map((one) => STEP_OF[String(one.path[0])]).filter((one): one is ReportStep => one !== undefined);
        if (steps.length > 0) step.value = Math.min(...steps) as ReportStep;
      }
      throw error;
    } finally {
      submitting.value = false;
    }
  }

  return { draft, step, submitting, resumed, errorAt: fields.errorAt, next, back, submit, resumeKept, discardKept };
}

export type ReportForm = ReturnType<typeof createReportForm>;
const KEY: InjectionKey<ReportForm> = Symbol('report-form');

/** The report's state, shared by the view and its three steps. */
export function provideReportForm(): ReportForm {
  const form = createReportForm();
  provide(KEY, form);
  return form;
}

export function useReportForm(): ReportForm {
  const form = inject(KEY);
  if (!form) throw new Error('useReportForm() outside a report form');
  return form;
}
