import { createI18n, type PluralizationRule } from 'vue-i18n';
import fr from '../locales/fr.json';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageSchema = typeof fr;

const STORAGE_KEY = 'preau.locale';

// French counts 0 like 1 ("0 élément"); English does not ("0 items").
const frenchPlural: PluralizationRule = (choice, choicesLength) => {
  const count = Math.abs(choice);
  if (choicesLength === 3) return count === 0 ? 0 : count === 1 ? 1 : 2;
  return count <= 1 ? 0 : 1;
};

const numberFormats = {
  euros: { style: 'currency', currency: 'EUR' },
} as const;

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'fr',
  fallbackLocale: 'fr',
  messages: { fr } as Record<Locale, MessageSchema>,
  pluralRules: { fr: frenchPlural },
  numberFormats: { fr: numberFormats, en: numberFormats },
});

// Only French ships in the first download; other languages load when chosen.
const loaders: Record<Exclude<Locale, 'fr'>, () => Promise<MessageSchema>> = {
  en: () => import('../locales/en.json').then((module) => module.default satisfies MessageSchema),
};

function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

export function savedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLocale(saved) ? saved : 'fr';
  } catch {
    return 'fr';
  }
}

export async function setLocale(locale: Locale): Promise<void> {
  if (locale !== 'fr' && !i18n.global.availableLocales.includes(locale)) {
    i18n.global.setLocaleMessage(locale, await loaders[locale]());
  }
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts until the tab closes.
  }
}
