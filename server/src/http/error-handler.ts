import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorCode, FieldIssue, Problem } from '@preau/shared';
import type { Logger } from '../logger';
import { AppError } from './app-error';
import { isUniqueViolation } from '../db/driver-errors';
import { bodyReadProblem, isBodyReadError } from './body-read-errors';

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
