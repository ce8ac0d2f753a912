import type { ErrorCode, FieldIssue } from '@preau/shared';

/**
 * The errors of reading a request body (express.json, body-parser), as the problem each one
 * answers: the client sent something the API cannot read, never a server fault.
 */

/** What body-parser throws (http-errors): a 4xx with a `type`, or a decompression error with its zlib `errno`. */
export interface BodyReadError {
  status: number;
  expose: boolean;
  type?: string;
  errno?: number;
  body?: string;
  charset?: string;
  encoding?: string;
}

export function isBodyReadError(err: unknown): err is BodyReadError {
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

export interface BodyProblem {
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldIssue[];
}

export function bodyReadProblem(err: BodyReadError, contentEncoding: string | undefined): BodyProblem {
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
