import { nextTick, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import type { FieldIssue } from '@preau/shared';
import { ApiError } from '../api/http';
import { useErrorText } from './useErrorText';

export interface SchemaIssue {
  path: PropertyKey[];
  message: string;
  code: string;
}

export interface FieldIssueOptions {
  /** A form's own words for some issues (what a field takes); undefined keeps the generic text. */
  message?: (issue: FieldIssue) => string | undefined;
}

/** Whether `path` is `prefix` or one of its items (`conditions.schoolIds.2` under `conditions.schoolIds`). */
const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/**
 * The field errors of a form, from the server's 422 or from checking with the same shared schema first.
 * `form` is the form element, for `focusFirstInvalid`.
 */
export function useFieldIssues(form?: Readonly<Ref<HTMLElement | null>>, options: FieldIssueOptions = {}) {
  const { errorText, issueText: genericText } = useErrorText();
  const issueText = (issue: FieldIssue) => options.message?.(issue) ?? genericText(issue);
  const issues = shallowRef<FieldIssue[]>([]);

  const textOf = (matches: (path: string) => boolean): string | undefined =>
    issues.value
      .filter((issue) => matches(issue.path.join('.')))
      .map(issueText)
      .join(' ') || undefined;

  /** The text to show under one field (`displayName`, `memberships.0.role`), or undefined. */
  const errorAt = (path: string): string | undefined => textOf((other) => other === path);

  /** The text to show under a list: its own errors and its items'. */
  const errorUnder = (prefix: string): string | undefined => textOf((path) => isUnder(path, prefix));

  /** Forgets what was said about a field once its value changes, so no stale error stays next to it. */
  function clearAt(...paths: string[]): void {
    if (issues.value.some((issue) => paths.includes(issue.path.join('.')))) {
      issues.value = issues.value.filter((issue) => !paths.includes(issue.path.join('.')));
    }
  }

  /** Forgets the errors of a list and its items, once removing or unticking one has moved the others. */
  function clearUnder(prefix: string): void {
    if (issues.value.some((issue) => isUnder(issue.path.join('.'), prefix))) {
      issues.value = issues.value.filter((issue) => !isUnder(issue.path.join('.'), prefix));
    }
  }

  /** Clears a field's errors whenever its value changes; the keys are the fields' paths. */
  function clearOnChange(fields: Record<string, WatchSource>): void {
    for (const [path, source] of Object.entries(fields)) watch(source, () => clearAt(path));
  }

  /** Shows the server's issues under their fields; gives back those about a field not in `shown`. */
  function fromServer(serverIssues: readonly FieldIssue[], shown: readonly string[]): FieldIssue[] {
    issues.value = [...serverIssues];
    return serverIssues.filter((issue) => !shown.includes(issue.path.join('.')));
  }

  /** Takes the keyboard to the first field marked invalid, once the marks are on screen. */
  async function focusFirstInvalid(): Promise<void> {
    await nextTick();
    form?.value?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  function fromSchema(schemaIssues: readonly SchemaIssue[]): FieldIssue[] {
    return schemaIssues.map((issue) => ({
      path: issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
      message: issue.message,
      code: issue.code,
    }));
  }

  /**
   * After a refused save: the server's field issues go under the fields in `shown` (the keyboard
   * to the first), and the answer is the form's own message, with the issues about other fields.
   */
  function refusal(error: unknown, shown: readonly string[]): string {
    if (!(error instanceof ApiError) || error.errors.length === 0) return errorText(error);
    const elsewhere = fromServer(error.errors, shown);
    void focusFirstInvalid();
    return [errorText(error), ...elsewhere.map(issueText)].join(' ');
  }

  return { issues, errorAt, errorUnder, clearAt, clearUnder, clearOnChange, fromSchema, fromServer, focusFirstInvalid, refusal };
}
