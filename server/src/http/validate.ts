import type { z } from 'zod';
import type { FieldIssue } from '@preau/shared';
import { AppError } from './app-error';
import { NonJsonBody } from './json-body';

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    message: issue.message,
    code: issue.code,
  }));
}

/** Parses untrusted input with a shared schema; every failing field is reported, not just the first. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  if (input instanceof NonJsonBody) {
    const sent = input.mediaType ? `it was sent as ${input.mediaType}` : 'it was sent without a Content-Type';
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the ${where} as application/json: ${sent}`);
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = toFieldIssues(result.error);
    const fields = issues.map((issue) => issue.path.join('.') || where).join(', ');
    throw new AppError(422, 'VALIDATION_FAILED', `Invalid ${where}: ${fields}`, issues);
  }
  return result.data;
}
