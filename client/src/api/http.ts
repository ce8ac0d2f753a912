import type { ErrorCode, FieldIssue, Problem } from '@preau/shared';

export const API_BASE = '/api/v1';

/** Failures the client detects itself, beside the server's own codes. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** Any failed API call: the server's problem+json, or what the client saw instead of one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly detail: string | undefined;
  readonly errors: FieldIssue[];
  /** From `Retry-After` on a 429: how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: ErrorCode | ClientErrorCode,
    detail?: string,
    errors: FieldIssue[] = [],
    retryAfterSeconds?: number,
  ) {
    super(detail ?? code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The issues about one field, its path written with dots (`status`, `funding.programme`). */
  issuesAt(path: string): FieldIssue[] {
    return this.errors.filter((issue) => issue.path.join('.') === path);
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

/** An API URL with its query string; empty values are left out so URLs stay short. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) {
      if (one === undefined || one === null || one === '') continue;
      params.append(key, String(one));
    }
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

// The session's CSRF token, sent with every write. The auth store keeps it current: it changes at sign-in.
let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the server says the session is over (expired, or signed out elsewhere). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface RequestOptions {
  query?: Query;
  /** JSON, or a `FormData` sent as multipart (the browser writes its Content-Type and boundary). */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

async function request<T>(method: string, path: string, { query, body, signal, headers }: RequestOptions = {}): Promise<T> {
  const multipart = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json, application/problem+json',
        ...(body === undefined || multipart ? {} : { 'Content-Type': 'application/json' }),
        ...(SAFE_METHODS.has(method) || !csrfToken ? {} : { 'X-CSRF-Token': csrfToken }),
        ...headers,
      },
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'NETWORK_ERROR');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (error.code === 'UNAUTHENTICATED') onUnauthenticated?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'UNEXPECTED_RESPONSE');
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('application/problem+json')) {
    const body: unknown = await response.json().catch(() => null);
    if (isProblem(body)) return new ApiError(body.status, body.code, body.detail, body.errors ?? [], retryAfter(response));
  }
  return new ApiError(response.status, 'UNEXPECTED_RESPONSE');
}

// Only the delay-seconds form: the server never sends an HTTP date here.
function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}

// A structural check rather than the zod schema, to keep zod out of the first download.
function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.code === 'string' &&
    (candidate.errors === undefined || Array.isArray(candidate.errors))
  );
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...options, body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};
