import { Impact, PRIORITY_MATRIX, RoutingRule, Urgency, priorityOf, type RoutingRuleInput } from '@preau/shared';

const valid: RoutingRuleInput = {
  name: 'ENT : assistance du rectorat',
  position: 100,
  trigger: 'escalate',
  fromLevel: 1,
  conditions: { categories: ['ent'] },
  action: { kind: 'route', level: 2, group: 'rectorate_desk' },
  scope: { communeId: null },
};

/** Every issue's path, joined with dots, sorted. */
const issuePaths = (input: unknown) => {
  const result = RoutingRule.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.')).sort();
};

describe('priorityOf', () => {
  it.each([
    ['whole_school', 'high', 'P1'],
    ['whole_school', 'low', 'P2'],
    ['one_class', 'high', 'P2'],
    ['one_class', 'low', 'P3'],
    ['one_person', 'high', 'P3'],
    ['one_person', 'low', 'P4'],
  ] as const)('gives %s × %s urgency %s', (impact, urgency, priority) => {
    expect(priorityOf(impact, urgency)).toBe(priority);
  });

  it('covers every impact and urgency', () => {
    expect(Object.keys(PRIORITY_MATRIX).sort()).toEqual([...Impact.options].sort());
    for (const impact of Impact.options) expect(Object.keys(PRIORITY_MATRIX[impact]).sort()).toEqual([...Urgency.options].sort());
  });
});

describe('RoutingRule schema', () => {
  it('accepts a rule and fills the defaults', () => {
    const rule = RoutingRule.parse({ ...valid, name: '  ENT  ', conditions: undefined });
    expect(rule).toEqual({
      ...valid,
      name: 'ENT',
      conditions: {},
      enabled: true,
      action: { kind: 'route', level: 2, group: 'rectorate_desk', notifyDirector: false, outOfScope: false },
    });
  });

  it('lists a bad level and an unknown category with their paths, together', () => {
    const result = RoutingRule.safeParse({ ...valid, name: '', conditions: { categories: ['ent', 'toaster'] }, action: { ...valid.action, level: 4 } });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code })) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'name', code: 'too_small' },
        { path: 'conditions.categories.1', code: 'invalid_value' },
        { path: 'action.level', code: 'invalid_value' },
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  it('rejects a misspelt condition instead of matching everything', () => {
    expect(issuePaths({ ...valid, conditions: { category: ['ent'] } })).toEqual(['conditions']);
  });

  it('rejects an empty condition list', () => {
    expect(issuePaths({ ...valid, conditions: { categories: [] } })).toEqual(['conditions.categories']);
  });

  it('rejects an unknown group, a bad trigger and a refusal without a message', () => {
    expect(issuePaths({ ...valid, action: { kind: 'route', level: 2, group: 'mayor' } })).toEqual(['action.group']);
    expect(issuePaths({ ...valid, trigger: 'close' })).toEqual(['trigger']);
    expect(issuePaths({ ...valid, action: { kind: 'refuse', message: '  ' } })).toEqual(['action.message']);
  });

  it('keeps each group at its level', () => {
    expect(issuePaths({ ...valid, action: { kind: 'route', level: 3, group: 'rectorate_desk' } })).toEqual(['action.level']);
  });

  it('checks the rule as a whole even when its name is not text', () => {
    expect(issuePaths({ ...valid, name: 42, action: { kind: 'route', level: 3, group: 'rectorate_desk' } })).toEqual(['action.level', 'name']);
  });

  it('starts escalations from level 1 or 2 and sends them up', () => {
    expect(issuePaths({ ...valid, fromLevel: 3, action: { kind: 'route', level: 3, group: 'rectorate_experts' } })).toEqual(['fromLevel']);
    expect(issuePaths({ ...valid, fromLevel: 2 })).toEqual(['action.level']);
  });

  it('never refuses a new report nor gives it a starting level', () => {
    expect(issuePaths({ ...valid, trigger: 'report', fromLevel: undefined, action: { kind: 'refuse', message: 'Non.' } })).toEqual(['action.kind']);
    expect(issuePaths({ ...valid, trigger: 'report' })).toEqual(['fromLevel']);
  });

  it("keeps a commune's rule to that commune", () => {
    expect(RoutingRule.safeParse({ ...valid, scope: { communeId: 10 }, conditions: { communeIds: [10] } }).success).toBe(true);
    expect(issuePaths({ ...valid, scope: { communeId: 10 }, conditions: { communeIds: [10, 11] } })).toEqual(['conditions.communeIds']);
  });
});
