/** Letters used for the UAI check letter: the Latin alphabet without I, O and Q. */
const CHECK_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export type UaiProblem = 'format' | 'corsica_letters' | 'check_letter';

export type UaiCheck =
  | { valid: true; uai: string }
  | { valid: false; problem: UaiProblem; message: string; expectedLetter?: string };

/** The check letter of a UAI's 7-digit stem: the stem modulo 23, read in CHECK_ALPHABET. */
export function uaiCheckLetter(stem: string): string {
  return CHECK_ALPHABET.charAt(Number(stem) % 23);
}

/**
 * Validates a UAI (formerly RNE): 7 digits then the check letter.
 * Input is trimmed and upper-cased first. Corsican schools are registered under the
 * numeric prefixes 620 (Corse-du-Sud, 2A) and 720 (Haute-Corse, 2B); a code written with
 * the letters 2A/2B is not a valid UAI and is rejected with a message saying so.
 */
export function checkUai(input: string): UaiCheck {
  const uai = input.trim().toUpperCase();
  if (/^02[AB]\d{4}[A-Z]$/.test(uai)) {
    return {
      valid: false,
      problem: 'corsica_letters',
      message: 'Corsican UAIs are numeric: 620… for Corse-du-Sud (2A), 720… for Haute-Corse (2B)',
    };
  }
  if (!/^\d{7}[A-Z]$/.test(uai)) {
    return { valid: false, problem: 'format', message: 'A UAI is 7 digits followed by a check letter, e.g. 0341301E' };
  }
  const expected = uaiCheckLetter(uai.slice(0, 7));
  if (uai.charAt(7) !== expected) {
    return {
      valid: false,
      problem: 'check_letter',
      message: `The check letter is wrong: ${uai.slice(0, 7)} must end with ${expected}`,
      expectedLetter: expected,
    };
  }
  return { valid: true, uai };
}
