import { INTL_LOCALE } from '@preau/shared';
import { SCREEN_INTL_LOCALE } from '../../client/src/app/intl-locale';

describe('the Intl locale of each language', () => {
  it('is the same on the screens as in the notices', () => {
    expect(SCREEN_INTL_LOCALE).toEqual(INTL_LOCALE);
  });
});
