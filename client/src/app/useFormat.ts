import { useI18n } from 'vue-i18n';

/** Dates and amounts in the reader's language (fr-FR by default). */
export function useFormat() {
  const { d, n } = useI18n();
  return {
    /** A `YYYY-MM-DD` calendar day, e.g. « 16 mars 2026 ». */
    calendarDate: (isoDate: string) => d(new Date(`${isoDate}T00:00:00Z`), 'calendarDate'),
    /** An instant, in the reader's time zone. */
    timestamp: (isoDateTime: string) => d(new Date(isoDateTime), 'timestamp'),
    euros: (cents: number) => n(cents / 100, 'euros'),
    count: (value: number) => n(value),
  };
}
