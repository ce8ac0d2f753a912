import { useI18n } from 'vue-i18n';
import { useFormat } from '../../app/useFormat';
import { usePercent } from '../dashboard/usePercent';

/** The report's figures in the reader's language; `—` where there is nothing to measure. */
export function useReportFormat() {
  const { n } = useI18n();
  const { count, euros } = useFormat();
  const percent = usePercent();
  const orDash = <T>(value: T | null, format: (value: T) => string) => (value === null ? '—' : format(value));
  return {
    count,
    euros,
    percent: (share: number | null) => orDash(share, percent),
    hours: (value: number | null) => orDash(value, (v) => n(v, { maximumFractionDigits: 1 })),
    decimal: (value: number | null) => orDash(value, (v) => n(v, { maximumFractionDigits: 2 })),
  };
}
