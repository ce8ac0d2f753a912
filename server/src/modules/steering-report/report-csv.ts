import { stringify } from 'csv-stringify/sync';
import type { SteeringReport } from '@preau/shared';
import { formatEuroCents, guardFormula } from '../equipment-csv/csv-values';
import { frenchNumber } from './report-format';
import { REPORT_TITLE, reportSections, type Cell, type CellFormat, type ReportColumn } from './report-tables';

const UTF8_BOM = '\uFEFF';

function csvCell(value: Cell, format: CellFormat): string {
  if (value === null) return '';
  if (typeof value === 'string') return guardFormula(value);
  switch (format) {
    case 'euros':
      return formatEuroCents(value);
    case 'percent':
      return frenchNumber(value * 100, 1);
    case 'hours':
      return frenchNumber(value, 1);
    case 'decimal':
      return frenchNumber(value, 2);
    default:
      return String(value);
  }
}

const csvHeader = (column: ReportColumn) => (column.format === 'percent' ? `${column.header} (%)` : column.header);

/**
 * The report as one CSV for French spreadsheets (UTF-8 with a BOM, `;`, decimal commas, CRLF):
 * the title, then each section — its title, its definition, and its tables, each a title line,
 * a header line and its rows — separated by blank lines.
 */
export function renderReportCsv(report: SteeringReport): Buffer {
  const lines: string[][] = [[REPORT_TITLE]];
  for (const section of reportSections(report)) {
    lines.push([], [section.title.toUpperCase()], [section.definition]);
    for (const table of section.tables) {
      lines.push([], [table.title], table.columns.map(csvHeader));
      for (const row of [...table.rows, ...(table.totalRow ? [table.totalRow] : [])]) {
        lines.push(row.map((value, i) => csvCell(value, table.columns[i]!.format)));
      }
    }
  }
  const text = stringify(lines, { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
  return Buffer.from(UTF8_BOM + text, 'utf8');
}
