import type { Cell, CellFormat } from './report-tables';

/** A number with a decimal comma and at most `digits` decimals, no thousands separator (spreadsheets read it as a number). */
export function frenchNumber(value: number, digits: number): string {
  return String(Math.round(value * 10 ** digits) / 10 ** digits).replace('.', ',');
}

/**
 * For print: thousands separated by a no-break space, decimal comma. Not `toLocaleString`, whose
 * narrow no-break space (U+202F) the PDF's standard fonts cannot draw.
 */
export function thousands(value: number, digits = 0): string {
  const [whole, decimals] = value.toFixed(digits).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return decimals ? `${grouped},${decimals}` : grouped;
}

/** A cell as printed in the PDF: euros with their sign, shares as percentages, `—` for no value. */
export function printedCell(value: Cell, format: CellFormat): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'euros':
      return `${thousands(value / 100, 2)}\u00a0€`;
    case 'percent':
      return `${frenchNumber(value * 100, 1)}\u00a0%`;
    case 'hours':
      return frenchNumber(value, 1);
    case 'decimal':
      return Number.isInteger(value) ? thousands(value) : thousands(value, 2).replace(/,?0+$/, '');
    default:
      return thousands(value);
  }
}
