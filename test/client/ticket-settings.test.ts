import type { Membership } from '@preau/shared';
import { settingsCommunes } from '../../client/src/features/ticket-settings/settings-communes';
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

describe('communes whose incident settings a reader opens', () => {
  const membership = (role: Membership['role'], organisationKind: Membership['organisationKind'], organisationId: number | null, organisationName: string | null = null): Membership => ({
    id: 1,
    role,
    organisationKind,
    organisationId,
    organisationName,
  });
  const communes = [
    { id: 1, name: 'Saint-Paul', academyId: 10 },
    { id: 2, name: 'Le Port', academyId: 10 },
    { id: 3, name: 'Montpellier', academyId: 20 },
  ];
  const schools = [
    { communeId: 1, communeName: 'Saint-Paul', circonscriptionId: 5 },
    { communeId: 2, communeName: 'Le Port', circonscriptionId: 6 },
  ];

  test('a city manager changes their own commune; a technician only reads theirs', () => {
    expect(settingsCommunes([membership('city_manager', 'commune', 1, 'Saint-Paul')], { communes: null, schools: null })).toEqual([
      { id: 1, name: 'Saint-Paul', configurable: true },
    ]);
    expect(settingsCommunes([membership('city_technician', 'commune', 2, 'Le Port')], { communes: null, schools: null })).toEqual([
      { id: 2, name: 'Le Port', configurable: false },
    ]);
  });

  test("an ERUN reads the communes of their circonscription's schools, the rectorate those of its académie", () => {
    expect(settingsCommunes([membership('erun', 'circonscription', 5)], { communes: null, schools })).toEqual([{ id: 1, name: 'Saint-Paul', configurable: false }]);
    expect(settingsCommunes([membership('rectorate_agent', 'academy', 10)], { communes, schools: null }).map((commune) => commune.id)).toEqual([2, 1]);
  });

  test('an administrator changes every commune; a teacher opens none', () => {
    expect(settingsCommunes([membership('admin', 'global', null)], { communes, schools: null }).every((commune) => commune.configurable)).toBe(true);
    expect(settingsCommunes([membership('admin', 'global', null)], { communes, schools: null })).toHaveLength(3);
    expect(settingsCommunes([membership('teacher', 'school', 7)], { communes, schools })).toEqual([]);
  });
});
