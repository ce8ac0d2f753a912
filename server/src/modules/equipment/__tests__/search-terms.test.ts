import { likePrefix, prefixUpperBound, queryWords, searchTermsFor } from '../search-terms';

describe('search terms', () => {
  it('indexes whole values and their words, lower-case without accents', () => {
    const terms = searchTermsFor({ assetTag: 'SDN-2024-0012', serial: '5CG1234XYZ', model: 'Écran TNI 75"', hostname: null });
    expect(terms).toEqual(expect.arrayContaining(['sdn-2024-0012', 'sdn', '2024', '0012', '5cg1234xyz', 'ecran tni 75"', 'ecran', 'tni', '75']));
    expect(terms).not.toContain('');
  });

  it('splits queries into at most five distinct normalised words', () => {
    expect(queryWords('  Écran  écran TNI ')).toEqual(['ecran', 'tni']);
    expect(queryWords('a b c d e f g')).toHaveLength(5);
    expect(queryWords('   ')).toEqual([]);
  });

  it('bounds a prefix range just above every string that starts with it', () => {
    const upper = prefixUpperBound('abc');
    expect(upper).toBe('abd');
    expect('abczzz' < upper && 'abc' >= 'abc').toBe(true);
    expect('abd' < upper).toBe(false);
  });

  it('escapes LIKE wildcards', () => {
    expect(likePrefix('50%_a\\b')).toBe('50\\%\\_a\\\\b%');
  });
});
