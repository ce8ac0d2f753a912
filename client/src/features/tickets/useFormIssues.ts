import { ref } from 'vue';
import type { FieldIssue } from '@preau/shared';
import { ApiError } from '../../api/http';
import { useErrorText } from '../../ui/useErrorText';
import type { TicketAction } from './tickets.api';
import { useTicketsStore } from './tickets.store';

/**
 * Keeps the field issues of a refused action for the form that sent it, so the field the server
 * named shows why (several forms of a panel share field names such as `note`).
 */
export function useFormIssues(ticketId: () => number) {
  const store = useTicketsStore();
  const { issueText } = useErrorText();
  const issues = ref<{ form: string; list: FieldIssue[] }>({ form: '', list: [] });

  /** The action as `useTicketAction().run` takes it, recording the issues it is refused with. */
  function sending(form: string, action: TicketAction): () => Promise<unknown> {
    return async () => {
      issues.value = { form, list: [] };
      try {
        return await store.act(ticketId(), action);
      } catch (caught) {
        if (caught instanceof ApiError) issues.value = { form, list: caught.errors };
        throw caught;
      }
    };
  }

  function issueOf(form: string, field: string): string | undefined {
    if (issues.value.form !== form) return undefined;
    const issue = issues.value.list.find((one) => one.path[0] === field);
    return issue && issueText(issue);
  }

  return { sending, issueOf };
}
