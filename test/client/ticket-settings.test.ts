import { formatWorkingDuration, parseWorkingDuration } from '../../client/src/features/ticket-settings/working-duration';

describe('working durations of service targets', () => {
  test.each([
    [60, '1 h'],
    [450, '7 h 30'],
    [45, '45 min'],
    [0, '0 min'],
    [65, '1 h 05'],
    [4500, '75 h'],
  ])('%i minutes are shown as %s and read back the same', (minutes, text) => {
    expect(formatWorkingDuration(minutes)).toBe(text);
    expect(parseWorkingDuration(text)).toBe(minutes);
  });

  test.each([
    ['8', 480],
    ['8h', 480],
    [' 7 H 30 ', 450],
    ['7h30', 450],
    ['7:30', 450],
    ['7,5', 450],
    ['7.5 h', 450],
    ['0,25', 15],
    ['90 min', 90],
    ['1 h 30 min', 90],
  ])('%j is read as %i minutes', (typed, minutes) => {
    expect(parseWorkingDuration(typed)).toBe(minutes);
  });

  test.each(['', 'deux heures', '7 h 75', '-1', '7 h 30 h', '1,2,3'])('%j is not a duration', (typed) => {
    expect(parseWorkingDuration(typed)).toBeNull();
  });
});
