/**
 * The Intl locale of each language of the screens: the notices' own (`INTL_LOCALE` in shared),
 * copied here because anything imported from `@preau/shared` brings the shared schemas (zod)
 * into the first load. A test keeps the two equal.
 */
export const SCREEN_INTL_LOCALE = { fr: 'fr-FR', en: 'en-GB' } as const;
