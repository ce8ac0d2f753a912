import type { RequestHandler } from 'express';
import multer from 'multer';
import { Id } from '@preau/shared';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import { parse } from '../../http/validate';
import { actorOf } from '../../http/actor';
import { SIGNED_IN, principalOf, type ApiRouter } from '../../http/access';
import type { TicketAttachmentsService } from './attachments.service';
import { inlineDisposition } from './attachment-names';
import { ACCEPTED_PHOTOS } from './clean-photo';

const MULTIPART = 'multipart/form-data';

export function attachmentsRoutes(api: ApiRouter, service: TicketAttachmentsService, config: Readonly<Config>): void {
  const id = (raw: unknown, name = 'id') => parse(Id, raw, name);

  // Whoever sees the ticket (the reporter, the director, support staff): checked on the ticket.
  api.post(
    '/tickets/:id/attachments',
    SIGNED_IN,
    // Before the upload is read: a hidden, closed or full ticket is refused without taking the file.
    async (req, _res, next) => {
      await service.ensureCanAttach(principalOf(req), id(req.params.id));
      next();
    },
    readPhotoUpload(config.attachmentMaxBytes),
    async (req, res) => {
      if (!req.file) throw noFile();
      const attachment = await service.attach(principalOf(req), id(req.params.id), { bytes: req.file.buffer, name: req.file.originalname }, actorOf(req));
      res.status(201).location(attachment.url).json(attachment);
    },
  );

  api.get('/tickets/:id/attachments', SIGNED_IN, async (req, res) => res.json(await service.list(principalOf(req), id(req.params.id))));

  api.get('/tickets/:id/attachments/:attachmentId', SIGNED_IN, async (req, res) => {
    const file = await service.open(principalOf(req), id(req.params.id), id(req.params.attachmentId, 'attachmentId'));
    res.set({
      'Content-Type': file.mediaType,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': inlineDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      // Photos of a school's rooms: kept by no cache, the browser's disk included.
      'Cache-Control': 'private, no-store',
      // Opened on its own, the response can run nothing, whatever a browser makes of it.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(file.bytes);
  });
}

const noFile = () =>
  new AppError(422, 'VALIDATION_FAILED', 'Send the photo in a form field named "file"', [{ path: ['file'], message: 'No file was sent' }]);

/** One file in the multipart field `file`, kept in memory up to `maxBytes` (413 beyond). */
function readPhotoUpload(maxBytes: number): RequestHandler {
  const multipart = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20, fieldSize: 10_000 },
    // Browsers send file names in UTF-8 (`Élève.jpg`); busboy's default would read them as Latin-1.
    defParamCharset: 'utf8',
  }).single('file');
  const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return (req, res, next) => {
    const type = req.is(MULTIPART);
    if (type === null || req.headers['content-length'] === '0') return next(noFile());
    if (type === false) return next(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the photo (${ACCEPTED_PHOTOS}) as ${MULTIPART}, in a field named "file"`));
    return multipart(req, res, (err: unknown) => next(err ? uploadError(err, megabytes) : undefined));
  };
}

function uploadError(err: unknown, megabytes: number): AppError {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new AppError(413, 'PAYLOAD_TOO_LARGE', `A photo may weigh up to ${megabytes} MB`);
    const message = err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT' ? 'Send one photo, in a form field named "file"' : err.message;
    return new AppError(422, 'VALIDATION_FAILED', message, [{ path: ['file'], message }]);
  }
  return new AppError(400, 'MALFORMED_REQUEST', 'The multipart body could not be read');
}
