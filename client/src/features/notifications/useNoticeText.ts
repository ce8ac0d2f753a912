import { useI18n } from 'vue-i18n';
import { renderNotice, type Notification, type NoticeText, type TextLocale } from '@preau/shared';

/**
 * A notification's title and body in the reader's language. The stored French is shown as it is
 * in French, and whenever the notification has no key and parameters (written before they were
 * kept) or ones this version cannot read.
 */
export function useNoticeText() {
  const { locale } = useI18n();
  return (item: Notification): NoticeText => {
    const rendered = locale.value !== 'fr' && item.message ? renderNotice(item.message, locale.value as TextLocale) : null;
    return rendered ?? { title: item.title, body: item.body };
  };
}
