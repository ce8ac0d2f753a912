import express, { type RequestHandler } from 'express';
import multer from 'multer';
import { EquipmentExportQuery, EquipmentImportQuery } from '@preau/shared';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import { parse } from '../../http/validate';
import { actorOf } from '../../http/actor';
import { SIGNED_IN, can, principalOf, type ApiRouter } from '../../http/access';
import type { EquipmentCsvService } from './equipment-csv.service';

const MULTIPART = 'multipart/form-data';
/** What browsers and scripts send a CSV file as; Windows browsers say it is an Excel file. */
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'text/tab-separated-values', 'application/vnd.ms-excel', 'application/octet-stream'];

export function equipmentCsvRoutes(api: ApiRouter, service: EquipmentCsvService, config: Readonly<Config>): void {
  api.get('/equipment/export.csv', SIGNED_IN, async (req, res) => {
    const file = await service.exportCsv(principalOf(req), parse(EquipmentExportQuery, req.query, 'query'));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(file.content);
  });

  api.post(
    '/equipment/import',
    can('inventory:write'),
    // Query first: a wrong key or scope is refused before the upload is read.
    (req, _res, next) => {
      parse(EquipmentImportQuery, req.query, 'query');
      next();
    },
    readCsvUpload(config.importMaxBytes),
    async (req, res) => {
      const query = parse(EquipmentImportQuery, req.query, 'query');
      const bytes = req.file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
      if (!bytes) throw noFile();
      res.json(await service.importCsv(principalOf(req), bytes, query, actorOf(req)));
    },
  );
}

const noFile = () =>
  new AppError(422, 'VALIDATION_FAILED', 'Send the CSV file in a form field named "file", or as a text/csv body', [
    { path: ['file'], message: 'No file was sent' },
  ]);

/** Accepts the file as a multipart upload (field `file`) or as the raw body, both within `maxBytes`. */
function readCsvUpload(maxBytes: number): RequestHandler {
  const multipart = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1 } }).single('file');
  const raw = express.raw({ type: () => true, limit: maxBytes });
  return (req, res, next) => {
    const type = req.is([MULTIPART, ...CSV_TYPES]);
    if (type === null || req.headers['content-length'] === '0') return next(noFile());
    if (type === false) {
      return next(
        new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the CSV file as ${MULTIPART} (field "file") or with Content-Type text/csv`),
      );
    }
    if (type === MULTIPART) return multipart(req, res, (err: unknown) => next(err ? multipartError(err) : undefined));
    return raw(req, res, (err: unknown) => next(err ? rawBodyError(err) : undefined));
  };
}

/** A too-large file stays as it is: the error middleware answers 413 for it. */
function multipartError(err: unknown): unknown {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return err;
    const message = err.code === 'LIMIT_UNEXPECTED_FILE' ? `Send one file, in a form field named "file" (got "${err.field}")` : err.message;
    return new AppError(422, 'VALIDATION_FAILED', message, [{ path: ['file'], message }]);
  }
  return new AppError(400, 'MALFORMED_REQUEST', 'The multipart body could not be read');
}

function rawBodyError(err: unknown): unknown {
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return err;
  if (type === 'encoding.unsupported') return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file without content encoding');
  return new AppError(400, 'MALFORMED_REQUEST', 'The request body could not be read');
}
