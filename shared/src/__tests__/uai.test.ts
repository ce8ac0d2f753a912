import { checkUai, uaiCheckLetter } from '../uai';

describe('UAI validation', () => {
  it.each(['0341301E', '0131204N', '0132397K', '0132009N', '0132568W'])('accepts the seeds code %s', (uai) => {
    expect(checkUai(uai)).toEqual({ valid: true, uai });
  });

  it('normalises case and spaces', () => {
    expect(checkUai(' 0341301e ')).toEqual({ valid: true, uai: '0341301E' });
  });

  it('says when only the check letter is wrong, and which letter is right', () => {
    expect(checkUai('0341301F')).toEqual({
      valid: false,
      problem: 'check_letter',
      message: 'The check letter is wrong: 0341301 must end with E',
      expectedLetter: 'E',
    });
  });

  it('rejects malformed codes', () => {
    for (const bad of ['', '034130E', '03413011E', 'ABCDEFGH', '0341301']) {
      expect(checkUai(bad)).toMatchObject({ valid: false, problem: 'format' });
    }
  });

  it('skips I, O and Q in the check alphabet', () => {
    const letters = new Set(Array.from({ length: 23 }, (_, remainder) => uaiCheckLetter(String(remainder))));
    expect(letters.size).toBe(23);
    expect([...letters].filter((l) => 'IOQ'.includes(l))).toEqual([]);
  });

  it('accepts Corsican numeric prefixes and explains that 2A/2B letters are not UAIs', () => {
    const stem = '6200001';
    expect(checkUai(stem + uaiCheckLetter(stem)).valid).toBe(true);
    expect(checkUai('02A0001X')).toMatchObject({ valid: false, problem: 'corsica_letters' });
  });
});
