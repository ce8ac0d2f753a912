import express, { type RequestHandler } from 'express';

/**
 * What `req.body` holds when a request came with a body that is not JSON. Routes that read their
 * own body (photo uploads, CSV import) replace it as they read the stream; `parse()` refuses it
 * with 415, so only the routes that take JSON turn it away.
 */
export class NonJsonBody {
  /** The media type as sent (`text/plain`), without its parameters; undefined without a Content-Type. */
  constructor(readonly mediaType: string | undefined) {}
}

const hasContent = (headers: { 'content-length'?: string; 'transfer-encoding'?: string }) =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/** `express.json` for the API; a non-empty body of another type is left unread and marked. */
export function jsonBody(limit: string): RequestHandler {
  const json = express.json({ limit });
  return (req, res, next) =>
    json(req, res, (err?: unknown) => {
      if (err) return next(err);
      // Bodiless requests (follow, sign-out) keep an undefined body, whatever their Content-Type.
      if (req.body === undefined && hasContent(req.headers)) req.body = new NonJsonBody(req.headers['content-type']?.split(';')[0]?.trim() || undefined);
      next();
    });
}
