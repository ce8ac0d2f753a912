import { z } from 'zod';

/** Stable error codes carried by every problem+json body; the client translates `errors.<CODE>`. */
export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'DUPLICATE',
  'VERSION_CONFLICT',
  'CONTAINER_NOT_EMPTY',
  'INVALID_CONTAINMENT',
  'CONTAINED_ITEM_LOCATION',
  'ROOM_OUTSIDE_SCHOOL',
  'RECORD_RETIRED',
  'RECORD_IN_USE',
  'IMPORT_REJECTED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'MALFORMED_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_TOKEN_INVALID',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'TOO_MANY_ATTEMPTS',
  'SSO_NOT_CONFIGURED',
  'SSO_FAILED',
  'INVALID_TRANSITION',
  /** Reopening a resolved ticket after the commune's reopening period. */
  'REOPEN_PERIOD_OVER',
  'ESCALATION_REFUSED',
  /** An `Idempotency-Key` already used for a different request. */
  'IDEMPOTENCY_KEY_REUSED',
  /** A support worker acting on a ticket another group holds. */
  'NOT_HOLDING_GROUP',
  'INTERNAL_ERROR',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One invalid field: `path` is the JSON path (`["funding","programme"]`), `message` says why. */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string().optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** RFC 9457 problem details, with Préau's domain `code` and, for 422, every field issue. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: ErrorCode,
  errors: z.array(FieldIssue).optional(),
});
export type Problem = z.infer<typeof Problem>;
