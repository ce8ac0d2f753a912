import { ref, type Ref } from 'vue';
import { useFieldIssues, type FieldIssueOptions, type SchemaIssue } from './useFieldIssues';

/** What `safeParse` of a shared schema answers, as far as sending needs it. */
type Checked = { success: true } | { success: false; error: { issues: readonly SchemaIssue[] } };

/**
 * Sending a form: checked with the shared schema first (the errors under their fields, the
 * keyboard to the first), then saved, once at a time. A refusal goes under the fields in
 * `fields`, and the rest of it into `formError`.
 */
export function useFormSubmit(form: Readonly<Ref<HTMLElement | null>>, fields: readonly string[], options: FieldIssueOptions = {}) {
  const fieldIssues = useFieldIssues(form, options);
  const busy = ref(false);
  const formError = ref<string>();

  async function submit(check: () => Checked, save: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    formError.value = undefined;
    const checked = check();
    if (!checked.success) {
      fieldIssues.issues.value = fieldIssues.fromSchema(checked.error.issues);
      return fieldIssues.focusFirstInvalid();
    }
    busy.value = true;
    try {
      await save();
    } catch (error) {
      formError.value = fieldIssues.refusal(error, fields);
    } finally {
      busy.value = false;
    }
  }

  return { ...fieldIssues, busy, formError, submit };
}
