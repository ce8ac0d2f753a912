import { CATEGORY_WORDS } from '@preau/shared';

// French words for the server's French-only writings (steering report, e-mails to external
// parties); sentences read in the app come from `shared/`, in both languages.

export const CATEGORY_LABEL_FR = CATEGORY_WORDS.fr;
