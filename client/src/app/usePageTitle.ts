import { toValue, watchEffect, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';

/** Names the browser tab after the page, which is also what screen readers announce on arrival. */
export function usePageTitle(title: MaybeRefOrGetter<string | undefined>): void {
  const { t } = useI18n();
  watchEffect(() => {
    const page = toValue(title);
    document.title = page ? t('app.pageTitle', { page }) : t('app.name');
  });
}
