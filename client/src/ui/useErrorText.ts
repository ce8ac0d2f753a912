import { useI18n } from 'vue-i18n';
import type { FieldIssue } from '@preau/shared';
import { ApiError } from '../api/http';

/** Readable text for what went wrong, in the reader's language, from the error's stable code. */
export function useErrorText() {
  const { t, te } = useI18n();

  function errorText(error: unknown): string {
    if (error instanceof ApiError && te(`errors.${error.code}`)) return t(`errors.${error.code}`);
    return t('errors.UNEXPECTED_RESPONSE');
  }

  // The server words its field messages in English; known issue codes get translated text instead.
  function issueText(issue: FieldIssue): string {
    return issue.code && te(`fieldIssues.${issue.code}`) ? t(`fieldIssues.${issue.code}`) : issue.message;
  }

  return { errorText, issueText };
}
