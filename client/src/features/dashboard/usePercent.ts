import { useI18n } from 'vue-i18n';

/** A share from 0 to 1 as a percentage in the reader's language (« 87,5 % »), to one decimal at most. */
export function usePercent() {
  const { n } = useI18n();
  return (share: number) => n(share, { style: 'percent', maximumFractionDigits: 1 });
}
