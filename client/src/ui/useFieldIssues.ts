import { shallowRef } from 'vue';
import type { FieldIssue } from '@preau/shared';
import { useErrorText } from './useErrorText';

interface SchemaIssue {
  path: PropertyKey[];
  message: string;
  code: string;
}

/** The field errors of a form, from the server's 422 or from checking with the same shared schema first. */
export function useFieldIssues() {
  const { issueText } = useErrorText();
  const issues = shallowRef<FieldIssue[]>([]);

  /** The text to show under one field (`displayName`, `memberships.0.role`), or undefined. */
  const errorAt = (path: string): string | undefined =>
    issues.value
      .filter((issue) => issue.path.join('.') === path)
      .map(issueText)
      .join(' ') || undefined;

  /** Forgets what was said about a field once its value changes, so no stale error stays next to it. */
  function clearAt(...paths: string[]): void {
    if (issues.value.some((issue) => paths.includes(issue.path.join('.')))) {
      issues.value = issues.value.filter((issue) => !paths.includes(issue.path.join('.')));
    }
  }

  function fromSchema(schemaIssues: readonly SchemaIssue[]): FieldIssue[] {
    return schemaIssues.map((issue) => ({
      path: issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
      message: issue.message,
      code: issue.code,
    }));
  }

  return { issues, errorAt, clearAt, fromSchema };
}
