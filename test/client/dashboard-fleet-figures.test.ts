import type { FleetFigures, Membership, MissingBaseItem } from '@preau/shared';
import { needsOrganisationLists, pickableScopes } from '../../client/src/app/pickable-scopes';
import { parseScopeValue, scopeQuery, scopeValue } from '../../client/src/app/scope-query';
import { horizontalBarOption, incidentsByAge, incidentsByLevel, kindStatusTable, requirementRows, summariseMissing } from '../../client/src/features/dashboard/fleet-figures';

// The dashboard client's arrangement of the API's figures, which its charts and their tables share.
describe('Dashboard figures for charts and tables', () => {
  const rows: FleetFigures['byKindAndStatus'] = [
    { kind: 'tablet', status: 'in_service', count: 12 },
    { kind: 'desktop', status: 'broken', count: 2 },
    { kind: 'desktop', status: 'in_service', count: 30 },
    { kind: 'tablet', status: 'lost', count: 1 },
    { kind: 'copier', status: 'in_service', count: 0 },
  ];

  test('items by kind and state: kinds and states that hold items, in the catalogue and lifecycle order, one count per pair', () => {
    const table = kindStatusTable(rows);
    expect(table.kinds).toEqual(['desktop', 'tablet']);
    expect(table.statuses).toEqual(['in_service', 'broken', 'lost']);
    // counts[status][kind]
    expect(table.counts).toEqual([
      [30, 12],
      [2, 0],
      [0, 1],
    ]);
    expect(table.totalsByKind).toEqual([32, 13]);
  });

  test('an empty scope gives an empty table, not a chart of zeros', () => {
    expect(kindStatusTable([])).toEqual({ kinds: [], statuses: [], counts: [], totalsByKind: [] });
  });

  test('the stacked chart draws one series per state, each with one value per kind, as the table lists them', () => {
    const table = kindStatusTable(rows);
    const option = horizontalBarOption(
      'description',
      table.kinds,
      table.statuses.map((status, s) => ({ name: status, data: table.counts[s]!, stack: 'items' })),
    );
    expect(option.aria).toMatchObject({ enabled: true, label: { description: 'description' }, decal: { show: true } });
    expect(option.yAxis.data).toEqual(['desktop', 'tablet']);
    expect(option.series.map((series) => [series.name, series.data, series.stack])).toEqual([
      ['in_service', [30, 12], 'items'],
      ['broken', [2, 0], 'items'],
      ['lost', [0, 1], 'items'],
    ]);
    expect(option.legend).toBeDefined();
    // One series needs no legend (the title says it) and no patterns.
    const single = horizontalBarOption('d', ['a'], [{ name: 'only', data: [1] }]);
    expect(single.legend).toBeUndefined();
    expect(single.aria.decal.show).toBe(false);
  });

  test('open incidents by level 1 to 3 and by age from the newest to the oldest, missing ages counted as none', () => {
    const open = { total: 6, byLevel: { 1: 3, 2: 2, 3: 1 }, byAge: { day: 1, week: 0, month: 4 } as Record<'day' | 'week' | 'month' | 'older', number> };
    expect(incidentsByLevel(open)).toEqual([
      { level: 1, count: 3 },
      { level: 2, count: 2 },
      { level: 3, count: 1 },
    ]);
    expect(incidentsByAge(open)).toEqual([
      { age: 'day', count: 1 },
      { age: 'week', count: 0 },
      { age: 'month', count: 4 },
      { age: 'older', count: 0 },
    ]);
  });

  test('base equipment: for each requirement, the schools lacking it and the others', () => {
    const result = requirementRows({ schools: 5, missingByRequirement: { telephone: 2, class_display: 5 } as never });
    expect(result).toHaveLength(7);
    expect(result.find((row) => row.requirement === 'telephone')).toEqual({ requirement: 'telephone', missing: 2, present: 3 });
    expect(result.find((row) => row.requirement === 'class_display')).toEqual({ requirement: 'class_display', missing: 5, present: 0 });
    expect(result.find((row) => row.requirement === 'internet')).toEqual({ requirement: 'internet', missing: 0, present: 5 });
  });

  test('a school’s missing equipment: the school’s own first, then each class requirement with its classrooms in natural name order', () => {
    const missing: MissingBaseItem[] = [
      { requirement: 'teacher_laptop', roomId: 12, roomName: 'CM2' },
      { requirement: 'internet', roomId: null, roomName: null },
      { requirement: 'class_display', roomId: 12, roomName: 'CM2' },
      { requirement: 'teacher_laptop', roomId: 10, roomName: 'CE1' },
      { requirement: 'director_computer', roomId: null, roomName: null },
      { requirement: 'class_display', roomId: 11, roomName: 'Classe 10' },
      { requirement: 'class_display', roomId: 9, roomName: 'Classe 9' },
    ];
    expect(summariseMissing(missing)).toEqual({
      school: ['director_computer', 'internet'],
      classes: [
        {
          requirement: 'class_display',
          rooms: [
            { roomId: 9, roomName: 'Classe 9' },
            { roomId: 11, roomName: 'Classe 10' },
            { roomId: 12, roomName: 'CM2' },
          ],
        },
        {
          requirement: 'teacher_laptop',
          rooms: [
            { roomId: 10, roomName: 'CE1' },
            { roomId: 12, roomName: 'CM2' },
          ],
        },
      ],
    });
    expect(summariseMissing([])).toEqual({ school: [], classes: [] });
  });

  test('a scope goes to a select value and back, and to the API query', () => {
    expect(scopeValue({})).toBe('');
    expect(scopeValue({ communeId: 12 })).toBe('commune:12');
    expect(parseScopeValue('commune:12')).toEqual({ kind: 'commune', id: 12 });
    expect(parseScopeValue('circonscription:3')).toEqual({ kind: 'circonscription', id: 3 });
    expect(scopeQuery(parseScopeValue('academy:7'))).toEqual({ academyId: 7 });
    expect(parseScopeValue('')).toBeNull();
    expect(parseScopeValue('school:4')).toBeNull();
    expect(parseScopeValue('commune:abc')).toBeNull();
    expect(scopeQuery(null)).toEqual({});
  });

  describe('the scopes a reader may pick', () => {
    const lists = {
      academies: [
        { id: 1, name: 'La Réunion' },
        { id: 2, name: 'Mayotte' },
      ],
      communes: [
        { id: 10, name: 'Saint-Denis', academyId: 1 },
        { id: 11, name: 'Le Port', academyId: 1 },
        { id: 20, name: 'Mamoudzou', academyId: 2 },
      ],
      circonscriptions: [
        { id: 100, name: 'Saint-Denis 1', academyId: 1 },
        { id: 200, name: 'Mamoudzou Nord', academyId: 2 },
      ],
    };
    const membership = (role: Membership['role'], organisationKind: Membership['organisationKind'], organisationId: number | null, organisationName: string | null): Membership => ({
      id: 1,
      role,
      organisationKind,
      organisationId,
      organisationName,
    });
    const values = (groups: ReturnType<typeof pickableScopes>) => groups.map((group) => [group.kind, group.choices.map((choice) => choice.name)]);

    test('a city manager picks their commune only, named from the membership, without any list', () => {
      const manager = [membership('city_manager', 'commune', 11, 'Le Port')];
      expect(needsOrganisationLists(manager)).toBe(false);
      expect(pickableScopes(manager, { academies: null, communes: null, circonscriptions: null })).toEqual([
        { kind: 'commune', choices: [{ value: 'commune:11', name: 'Le Port' }] },
      ]);
      // Lists that hold more (the circonscriptions of its schools) add nothing the server would refuse.
      expect(values(pickableScopes(manager, lists))).toEqual([['commune', ['Le Port']]]);
    });

    test('a rectorate agent picks their académie, or one of its communes or circonscriptions, in name order', () => {
      const agent = [membership('rectorate_agent', 'academy', 1, 'La Réunion')];
      expect(needsOrganisationLists(agent)).toBe(true);
      expect(values(pickableScopes(agent, lists))).toEqual([
        ['academy', ['La Réunion']],
        ['commune', ['Le Port', 'Saint-Denis']],
        ['circonscription', ['Saint-Denis 1']],
      ]);
    });

    test('an administrator picks anything; a teacher’s membership gives nothing', () => {
      const admin = [membership('admin', 'global', null, null)];
      expect(values(pickableScopes(admin, lists))).toEqual([
        ['academy', ['La Réunion', 'Mayotte']],
        ['commune', ['Le Port', 'Mamoudzou', 'Saint-Denis']],
        ['circonscription', ['Mamoudzou Nord', 'Saint-Denis 1']],
      ]);
      const erunAndTeacher = [membership('erun', 'circonscription', 100, 'Saint-Denis 1'), membership('teacher', 'school', 5, 'École A')];
      expect(needsOrganisationLists(erunAndTeacher)).toBe(false);
      expect(values(pickableScopes(erunAndTeacher, lists))).toEqual([['circonscription', ['Saint-Denis 1']]]);
    });
  });
});
