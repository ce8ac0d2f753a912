import { CsvError, parse } from 'csv-parse/sync';
import type { EquipmentCsvColumn, ImportIssue } from '@preau/shared';
import { decodeCsvBytes, sniffSeparator, unreadableFile, type CsvEncoding, type CsvSeparator } from './csv-decode';
import { columnForHeader } from './csv-columns';
import { unguardFormula } from './csv-values';

/** One record of the file; `line` is its row number in a spreadsheet (1-based, blank rows counted). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvTable {
  encoding: CsvEncoding;
  separator: CsvSeparator;
  header: CsvRecord;
  /** The records below the header, blank ones left out. */
  rows: CsvRecord[];
}

/** Bytes → header and rows, cells trimmed. Throws a 422 for what cannot be a CSV table. */
export function readCsvTable(bytes: Uint8Array): CsvTable {
  const { text, encoding } = decodeCsvBytes(bytes);
  const separator = sniffSeparator(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      const near = (err as CsvError & { lines?: number }).lines;
      throw unreadableFile(`The file is not valid CSV${near ? ` near line ${near}` : ''}: ${err.message}`);
    }
    throw err;
  }
  const numbered = records.map((cells, index) => ({ line: index + 1, cells: cells.map((cell) => unguardFormula(cell.trim())) }));
  const filled = numbered.filter((record) => record.cells.some((cell) => cell !== ''));
  const [header, ...rows] = filled;
  if (!header) throw unreadableFile('The file is empty');
  if (rows.length === 0) throw unreadableFile('The file has a header line but no equipment rows');
  return { encoding, separator, header, rows };
}

/** Where each known column sits in the file. */
export interface HeaderMap {
  columns: Map<EquipmentCsvColumn, { index: number; header: string }>;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/** Maps the header cells to columns by alias; unknown columns are warnings, a column given twice an error. */
export function mapHeader(table: Pick<CsvTable, 'header' | 'rows'>): HeaderMap {
  const map: HeaderMap = { columns: new Map(), errors: [], warnings: [] };
  const line = table.header.line;
  table.header.cells.forEach((header, index) => {
    if (header === '') {
      if (table.rows.some((row) => (row.cells[index] ?? '') !== '')) {
        map.warnings.push({ line, message: `Column ${index + 1} has no header: its values are ignored` });
      }
      return;
    }
    const column = columnForHeader(header);
    if (!column) {
      map.warnings.push({ line, column: header, message: `Unknown column "${header}": its values are ignored` });
      return;
    }
    const earlier = map.columns.get(column.field);
    if (earlier) {
      map.errors.push({
        line,
        column: header,
        field: column.field,
        message: `Columns "${earlier.header}" and "${header}" mean the same thing; keep only one`,
      });
      return;
    }
    map.columns.set(column.field, { index, header });
    if (column.readOnly) {
      map.warnings.push({ line, column: header, field: column.field, message: READ_ONLY_REASON[column.field] ?? 'This column is ignored on import' });
    }
  });
  return map;
}

const READ_ONLY_REASON: Partial<Record<EquipmentCsvColumn, string>> = {
  school: 'The school name is for reading only: the UAI column says which school an item is in',
  maintainer: 'Who maintains an item follows from its funding and warranty: this column is ignored',
};
