import { useI18n } from 'vue-i18n';
import type { TextLocale } from '@preau/shared';
import { ruleNameText } from '../tickets/timeline-text';

/** Rule names in the reader's language where Préau wrote them (its default rules, its fallbacks). */
export function useRuleName() {
  const { t, locale } = useI18n();
  return { ruleName: (name: string) => ruleNameText(name, { t, locale: () => locale.value as TextLocale }) };
}
