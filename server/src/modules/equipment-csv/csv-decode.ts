import iconv from 'iconv-lite';
import { AppError } from '../../http/app-error';

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type CsvSeparator = ';' | ',' | '\t';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);

/** A file that cannot be read as CSV text; the import answers 422 whatever the dry-run flag. */
export const unreadableFile = (message: string) => new AppError(422, 'IMPORT_REJECTED', message, [{ path: ['file'], message }]);

/**
 * Bytes as French offices save them → text. A BOM decides (UTF-8, or UTF-16 from Excel's
 * "Unicode text"); otherwise bytes that are valid UTF-8 are UTF-8, and anything else is
 * Windows-1252, the encoding of Excel's "CSV (séparateur : point-virgule)".
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw unreadableFile('This is a spreadsheet workbook (.xlsx or .ods), not CSV: save it as CSV first');
  }
  let decoded: DecodedText;
  if (startsWith(bytes, UTF8_BOM)) {
    decoded = { text: Buffer.from(bytes.subarray(3)).toString('utf8'), encoding: 'utf-8' };
  } else if (startsWith(bytes, UTF16LE_BOM)) {
    decoded = { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  } else if (startsWith(bytes, UTF16BE_BOM)) {
    decoded = { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  } else if (isValidUtf8(bytes)) {
    decoded = { text: Buffer.from(bytes).toString('utf8'), encoding: 'utf-8' };
  } else {
    decoded = { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
  }
  if (looksBinary(decoded.text)) {
    throw unreadableFile('This file is not CSV text (it contains binary data); export the table as CSV and send that file');
  }
  return decoded;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Control characters other than tab and line ends never occur in a text table. */
function looksBinary(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && code !== TAB && code !== LINE_FEED && code !== CARRIAGE_RETURN) return true;
  }
  return false;
}

const CANDIDATES: readonly CsvSeparator[] = [';', ',', '\t'];
const SAMPLE_RECORDS = 20;

/**
 * Picks the separator of the first non-blank record (the header), counting only separators
 * outside quotes; ties go to the one most frequent in the first records, then to `;`.
 * A French header has no decimal commas, which is why the header decides, not the data.
 */
export function sniffSeparator(text: string): CsvSeparator {
  const records = firstRecords(text, SAMPLE_RECORDS).filter((record) => record.trim() !== '');
  const header = records[0] ?? '';
  const inHeader = (separator: CsvSeparator) => countOutsideQuotes(header, separator);
  const inSample = (separator: CsvSeparator) => records.reduce((sum, record) => sum + countOutsideQuotes(record, separator), 0);
  const ranked = [...CANDIDATES].sort((a, b) => inHeader(b) - inHeader(a) || inSample(b) - inSample(a));
  return inHeader(ranked[0]!) > 0 || inSample(ranked[0]!) > 0 ? ranked[0]! : ';';
}

/** The first `limit` records of the text, splitting on line ends outside quotes. */
function firstRecords(text: string, limit: number): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < text.length && records.length < limit; index++) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      records.push(text.slice(start, index));
      if (char === '\r' && text[index + 1] === '\n') index++;
      start = index + 1;
    }
  }
  if (records.length < limit && start < text.length) records.push(text.slice(start));
  return records;
}

function countOutsideQuotes(record: string, separator: CsvSeparator): number {
  let count = 0;
  let quoted = false;
  for (const char of record) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === separator) count++;
  }
  return count;
}
