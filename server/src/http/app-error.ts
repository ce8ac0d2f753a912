import type { ErrorCode, FieldIssue } from '@preau/shared';

/** The one error type services throw; the error middleware renders it as problem+json. */
export class AppError extends Error {
  /** Seconds to wait, sent as `Retry-After` (429). */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: number | string) => new AppError(404, 'NOT_FOUND', `${what} ${id} does not exist`);

export const versionConflict = (what: string, id: number) =>
  new AppError(409, 'VERSION_CONFLICT', `${what} ${id} was changed by someone else; reload it and apply your change again`);

/** A 422 about one field, shaped like a validation failure so the client shows it next to that field. */
export const fieldError = (path: (string | number)[], message: string, code: ErrorCode = 'VALIDATION_FAILED') =>
  new AppError(422, code, message, [{ path, message }]);

export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', 'Sign in, or send a personal API token as a Bearer token');

export const forbidden = (why: string) => new AppError(403, 'FORBIDDEN', why);
