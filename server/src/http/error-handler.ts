import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorCode, FieldIssue, Problem } from '@preau/shared';
import type { Logger } from '../logger';
import { AppError } from './app-error';
import { isUniqueViolation } from '../db/driver-errors';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function problem(status: number, code: ErrorCode, detail: string, instance: string, errors?: FieldIssue[]): Problem {
  return {
    type: `https://preau.example/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance,
    code,
    ...(errors ? { errors } : {}),
  };
}

/** What body-parser throws (http-errors): a 4xx with a `type`, or a decompression error with its zlib `errno`. */
interface BodyReadError {
  status: number;
  expose: boolean;
  type?: string;
  errno?: number;
  body?: string;
  charset?: string;
  encoding?: string;
}

function isBodyReadError(err: unknown): err is BodyReadError {
  const e = err as Partial<BodyReadError> | null;
  return (
    e?.expose === true &&
    (e.status === 400 || e.status === 413 || e.status === 415) &&
    (typeof e.type === 'string' || typeof e.errno === 'number')
  );
}

/** The JSON type of a body (`null`, `string`…), or undefined when it is not JSON at all. */
function jsonTypeOf(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value === null ? 'null' : typeof value;
  } catch {
    return undefined;
  }
}

interface BodyProblem {
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldIssue[];
}

function bodyReadProblem(err: BodyReadError, contentEncoding: string | undefined): BodyProblem {
  switch (err.type) {
    case 'entity.parse.failed': {
      // Valid JSON refused all the same: express.json's strict mode takes only objects and arrays.
      const received = typeof err.body === 'string' ? jsonTypeOf(err.body) : undefined;
      if (received) {
        const message = `Expected a JSON object, received ${received}`;
        return { status: 422, code: 'VALIDATION_FAILED', detail: 'The request body must be a JSON object', errors: [{ path: [], message, code: 'invalid_type' }] };
      }
      return { status: 400, code: 'MALFORMED_REQUEST', detail: 'The request body is not valid JSON' };
    }
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: `The charset "${err.charset}" is not supported: send the body in UTF-8` };
    case 'encoding.unsupported':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: `The content encoding "${err.encoding}" is not supported: send the body uncompressed, or as gzip, deflate or br`,
      };
    case 'request.aborted':
      return { status: 400, code: 'MALFORMED_REQUEST', detail: 'The request body was cut off before its end' };
    case 'request.size.invalid':
      return { status: 400, code: 'MALFORMED_REQUEST', detail: 'The request body does not match its Content-Length' };
    case undefined:
      return { status: 400, code: 'MALFORMED_REQUEST', detail: `The request body could not be decompressed: it is not valid ${contentEncoding ?? 'compressed data'}` };
  }
  // entity.too.large, and whatever else body-parser may add: by its status.
  if (err.status === 413) return { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is too large' };
  if (err.status === 415) return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The request body is of a type this route does not take' };
  return { status: 400, code: 'MALFORMED_REQUEST', detail: 'The request body could not be read' };
}

/** Maps anything thrown in a route to RFC 9457 problem+json; a 5xx body never carries internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let body: Problem;
    if (err instanceof AppError) {
      body = problem(err.status, err.code, err.message, req.originalUrl, err.issues);
      if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      if (err.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="preau"');
    } else if (isUniqueViolation(err)) {
      body = problem(409, 'DUPLICATE', 'A record with the same unique value already exists', req.originalUrl);
    } else if (err?.code === 'LIMIT_FILE_SIZE') {
      body = problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large', req.originalUrl);
    } else if (err instanceof URIError && (err as URIError & { status?: number }).status === 400) {
      // The router could not decode a path parameter (`/tickets/%E0`).
      body = problem(400, 'MALFORMED_REQUEST', 'The address holds a malformed %-escape', req.originalUrl);
    } else if (isBodyReadError(err)) {
      const { status, code, detail, errors } = bodyReadProblem(err, req.get('Content-Encoding'));
      body = problem(status, code, detail, req.originalUrl, errors);
    } else {
      logger.error({ err, url: req.originalUrl }, 'unhandled error');
      body = problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred', req.originalUrl);
    }
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) =>
  next(new AppError(404, 'ROUTE_NOT_FOUND', `No API route for ${req.method} ${req.path}`));
