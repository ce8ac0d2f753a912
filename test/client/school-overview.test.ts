import { overviewBySchool, overviewTotals } from '../../client/src/features/home/school-overview';

describe('Home page overview of schools', () => {
  const schools = [
    { id: 1, name: 'École A', uai: '9740001A' },
    { id: 2, name: 'École B', uai: '9740002B' },
    { id: 3, name: 'École C', uai: '9740003C' },
    { id: 4, name: 'École D', uai: '9740004D' },
  ];

  it('counts per school and puts those needing attention first, the quiet ones by name after', () => {
    const rows = overviewBySchool(
      schools,
      [
        { level: 1, school: { id: 3 } },
        { level: 2, school: { id: 3 } },
        { level: 1, school: { id: 4 } },
        { level: 1, school: { id: 99 } },
      ],
      [{ schoolId: 2 }, { schoolId: 4 }, { schoolId: null }],
    );
    expect(rows.map((row) => row.name)).toEqual(['École C', 'École D', 'École B', 'École A']);
    expect(rows[0]).toMatchObject({ openByLevel: { 1: 1, 2: 1, 3: 0 }, outOfService: 0 });
    expect(rows[1]).toMatchObject({ openByLevel: { 1: 1, 2: 0, 3: 0 }, outOfService: 1 });
    expect(overviewTotals(rows)).toEqual({ openByLevel: { 1: 2, 2: 1, 3: 0 }, outOfService: 2 });
  });
});
