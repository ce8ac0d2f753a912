import { useI18n } from 'vue-i18n';
import type { Locale } from './i18n';
import { SCREEN_INTL_LOCALE } from './intl-locale';

const DATE_FORMATS = {
  // Purchase dates and warranty ends are calendar days: read at UTC midnight, shown without a time zone shift.
  calendarDate: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
  timestamp: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  shortDate: { year: 'numeric', month: 'short', day: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
type DateFormat = keyof typeof DATE_FORMATS;

// Built once per language and format: a long list formats hundreds of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, format: DateFormat): Intl.DateTimeFormat {
  const key = `${locale}:${format}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(SCREEN_INTL_LOCALE[locale], DATE_FORMATS[format]);
    formatters.set(key, found);
  }
  return found;
}

/**
 * Dates and amounts in the reader's language: French as in France, English as in Europe (the
 * notices' en-GB: day before month, 24-hour times).
 */
export function useFormat() {
  const { locale, n } = useI18n();
  const date = (value: Date, format: DateFormat) => formatter(locale.value as Locale, format).format(value);
  return {
    /** A `YYYY-MM-DD` calendar day, e.g. « 16 mars 2026 ». */
    calendarDate: (isoDate: string) => date(new Date(`${isoDate}T00:00:00Z`), 'calendarDate'),
    /** An instant, in the reader's time zone. */
    timestamp: (isoDateTime: string) => date(new Date(isoDateTime), 'timestamp'),
    /** An instant's day, short, e.g. « 16 mars 2026 » or "16 Mar 2026". */
    shortDate: (isoDateTime: string) => date(new Date(isoDateTime), 'shortDate'),
    euros: (cents: number) => n(cents / 100, 'euros'),
    count: (value: number) => n(value),
  };
}
