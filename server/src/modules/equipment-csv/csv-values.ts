const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss' };

/** Text without accents or ligatures: "Œuvre d'Émile" → "OEuvre d'Emile". NFKD also turns the `º` of `Nº` into `o`. */
export function stripAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[œŒæÆß]/g, (letter) => LIGATURES[letter]!);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const PRICE_HINT = 'Write an amount in euros with at most two decimals, e.g. 1234,50';

/**
 * Euros as typed in French spreadsheets → cents: `1 234,50`, `1234.5`, `1 234,50 €`,
 * `1.234,50`. A lone `.` or `,` is the decimal mark; repeated, or followed by the other
 * mark, it separates thousands. `1.234` is refused rather than guessed.
 */
export function parseEuroCents(raw: string): Parsed<number> {
  const compact = raw
    .replace(/[\s'’]/g, '')
    .replace(/€/g, '')
    .replace(/eur(os?)?$/i, '');
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  let decimalMark: ',' | '.' | null = lastComma > lastDot ? ',' : lastDot > lastComma ? '.' : null;
  if (decimalMark && compact.split(decimalMark).length > 2 && !compact.includes(decimalMark === ',' ? '.' : ',')) {
    decimalMark = null;
  }
  const thousandsMark = decimalMark === ',' ? '.' : decimalMark === '.' ? ',' : lastComma >= 0 ? ',' : '.';
  const plain = compact.split(thousandsMark).join('').replace(',', '.');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(plain);
  if (!match) return { ok: false, message: PRICE_HINT };
  const euros = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  const value = euros * 100 + cents;
  if (!Number.isSafeInteger(value)) return { ok: false, message: PRICE_HINT };
  return { ok: true, value };
}

/** Cents → `1234,50`: a decimal comma and no thousands separator, so French spreadsheets read a number. */
export function formatEuroCents(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const FRENCH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** `YYYY-MM-DD` or the French `DD/MM/YYYY` (also with `.` or `-`) → `YYYY-MM-DD`, checking the day exists. */
export function parseCsvDate(raw: string): Parsed<string> {
  const iso = ISO_DATE.exec(raw);
  const french = iso ? null : FRENCH_DATE.exec(raw);
  const parts = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : null;
  if (!parts) return { ok: false, message: 'Write a date as DD/MM/YYYY or YYYY-MM-DD' };
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, message: 'This day does not exist in the calendar' };
  }
  return { ok: true, value: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

// A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text bound for a spreadsheet: a leading quote keeps `=HYPERLINK(…)` in a note from running. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `guardFormula`, so an exported file re-imports unchanged. */
export function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
