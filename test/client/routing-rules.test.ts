import { RoutingRule, type RoutingRuleRecord } from '@preau/shared';
import { draftOf, moveChanges, newDraft, nextPosition, ruleOfDraft, updateOfDraft } from '../../client/src/features/routing-rules/rule-draft';
import { communeChoice, MATCHES_SHOWN } from '../../client/src/features/routing-rules/commune-choice';
import { DEFAULT_ROUTING_RULES } from '../../server/src/modules/routing/default-rules';

const stored = (rule: RoutingRule, id: number): RoutingRuleRecord => ({ ...rule, id, version: 3, updatedAt: '2026-12-01T10:00:00.000Z' });

describe('the routing rule form’s draft', () => {
  test.each(DEFAULT_ROUTING_RULES.map((rule, index) => [rule.name, rule, index + 1] as const))('%s reads back unchanged', (_name, rule, id) => {
    // Every default rule, routed, refused, with or without a level or conditions, survives the form untouched.
    expect(RoutingRule.parse(ruleOfDraft(draftOf(stored(rule, id))))).toEqual(rule);
  });

  test('a new rule routes a new report to level 1 with no condition', () => {
    const rule = RoutingRule.parse({ ...ruleOfDraft(newDraft(7, 40)), name: 'Tout au niveau 1' });
    expect(rule).toMatchObject({ position: 40, trigger: 'report', conditions: {}, action: { kind: 'route', level: 1, group: 'circonscription_level1' }, scope: { communeId: 7 } });
  });

  test('the level follows the group, an empty list is no condition, and a refusal keeps its reason', () => {
    const draft = {
      ...newDraft(7, 10),
      name: 'Copieurs sous garantie',
      trigger: 'escalate' as const,
      fromLevel: '2' as const,
      categories: ['printing' as const],
      warranty: 'yes' as const,
      group: 'supplier' as const,
    };
    expect(ruleOfDraft(draft)).toMatchObject({ fromLevel: 2, conditions: { categories: ['printing'], underWarranty: true, kinds: undefined }, action: { level: 3, group: 'supplier' } });
    const refusal = ruleOfDraft({ ...draft, actionKind: 'refuse', message: '  Pas de sous-traitance.  ', warranty: 'no' });
    expect(refusal.action).toEqual({ kind: 'refuse', message: 'Pas de sous-traitance.', outOfScope: false });
    expect(refusal.conditions?.underWarranty).toBe(false);
    // A new report is always routed, whatever the form last held for an escalation.
    expect(ruleOfDraft({ ...draft, trigger: 'report', actionKind: 'refuse' }).action.kind).toBe('route');
    expect(ruleOfDraft({ ...draft, trigger: 'report' })).not.toHaveProperty('fromLevel');
  });

  test('a typed order that is not a whole number is left for the schema to refuse on its field', () => {
    const checked = RoutingRule.safeParse(ruleOfDraft({ ...newDraft(7, 10), name: 'Règle', position: '1,5' }));
    expect(checked.success).toBe(false);
    expect(checked.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['position']);
  });

  test('a change sends the version and removes a level the rule no longer starts from', () => {
    const rule = stored(DEFAULT_ROUTING_RULES[5]!, 6);
    const update = updateOfDraft({ ...draftOf(rule), fromLevel: '' }, rule.version);
    expect(update).toMatchObject({ version: 3, fromLevel: null, name: rule.name });
    expect(update).not.toHaveProperty('scope');
  });
});

describe('moving a rule among its siblings', () => {
  const rules = [
    { id: 1, version: 1, position: 10 },
    { id: 2, version: 4, position: 20 },
    { id: 3, version: 2, position: 30 },
  ];

  test('swaps two positions', () => {
    expect(moveChanges(rules, 2, -1)).toEqual([
      { id: 2, version: 4, position: 10 },
      { id: 1, version: 1, position: 20 },
    ]);
    expect(moveChanges(rules, 2, 1)).toEqual([
      { id: 2, version: 4, position: 30 },
      { id: 3, version: 2, position: 20 },
    ]);
  });

  test('does nothing past either end', () => {
    expect(moveChanges(rules, 1, -1)).toEqual([]);
    expect(moveChanges(rules, 3, 1)).toEqual([]);
    expect(moveChanges(rules, 99, 1)).toEqual([]);
  });

  test('numbers the siblings again by tens when positions are equal, changing only those that move', () => {
    const tied = [
      { id: 1, version: 1, position: 10 },
      { id: 5, version: 1, position: 20 },
      { id: 6, version: 1, position: 20 },
    ];
    // 1, 6, 5 by tens: 6 keeps its 20, only 5 moves to 30.
    expect(moveChanges(tied, 6, -1)).toEqual([{ id: 5, version: 1, position: 30 }]);
    expect(moveChanges(tied, 1, 1)).toEqual([
      { id: 5, version: 1, position: 10 },
      { id: 1, version: 1, position: 20 },
      { id: 6, version: 1, position: 30 },
    ]);
  });

  test('puts a new rule after every sibling', () => {
    expect(nextPosition(rules)).toBe(40);
    expect(nextPosition([])).toBe(10);
  });
});

describe('the communes a global rule offers to tick', () => {
  const few = [
    { id: 1, name: 'Saint-Denis' },
    { id: 2, name: 'Saint-Paul' },
  ];
  const many = Array.from({ length: 80 }, (_, index) => ({ id: index + 1, name: `Commune ${String(index + 1).padStart(2, '0')}` })).concat([{ id: 100, name: 'Saint-Benoît' }]);

  it('shows a short list whole, unsearched', () => {
    expect(communeChoice(few, [], '')).toEqual({ searchable: false, offered: few, more: 0, noMatch: false });
  });

  it('offers nothing but the chosen communes of a long list until a search, then the matches after them', () => {
    expect(communeChoice(many, [3], '')).toEqual({ searchable: true, offered: [many[2]], more: 0, noMatch: false });
    const found = communeChoice(many, [3], 'commune 1');
    expect(found.offered.map((commune) => commune.id)).toEqual([3, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('finds names without case or accents, and says when nothing matches', () => {
    expect(communeChoice(many, [], 'SAINT-BENOIT').offered).toEqual([{ id: 100, name: 'Saint-Benoît' }]);
    expect(communeChoice(many, [], 'Saint-Pierre')).toMatchObject({ offered: [], noMatch: true });
  });

  it('keeps a chosen commune offered whatever the search, so a search never unticks it', () => {
    expect(communeChoice(many, [100], 'commune 0').offered[0]).toEqual({ id: 100, name: 'Saint-Benoît' });
  });

  it(`shows ${MATCHES_SHOWN} matches at most, and says how many more there are`, () => {
    const broad = communeChoice(many, [], 'commune');
    expect(broad.offered).toHaveLength(MATCHES_SHOWN);
    expect(broad.more).toBe(80 - MATCHES_SHOWN);
  });
});
