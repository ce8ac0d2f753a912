import { RoutingDecision, deriveMaintainer, renderRoutingReason } from '@preau/shared';
import {
  FALLBACK_ESCALATION_RULE_NAME,
  FALLBACK_REPORT_RULE_NAME,
  decide,
  isUnderWarranty,
  orderedRules,
  resolveGroup,
  type RoutingContext,
} from '../rules-engine';
import { PLACE, TODAY, escalation, item, makeRule, report } from './routing-fixtures';

const toDesk = { kind: 'route', level: 2, group: 'rectorate_desk' } as const;
const toCommune = { kind: 'route', level: 2, group: 'commune_technicians' } as const;

describe('decide', () => {
  it('takes the first matching rule by position, whatever the list order', () => {
    const late = makeRule({ id: 1, name: 'Tardive', position: 50 });
    const early = makeRule({ id: 2, name: 'Précoce', position: 5 });
    const skipped = makeRule({ id: 3, name: 'Autre catégorie', position: 1, conditions: { categories: ['ent'] } });
    expect(decide([late, skipped, early], report('hardware')).rule).toEqual({ id: 2, name: 'Précoce' });
  });

  it('breaks a tie of positions by the lower id', () => {
    const rules = [makeRule({ id: 9, name: 'Neuf' }), makeRule({ id: 4, name: 'Quatre' })];
    expect(decide(rules, report('hardware')).rule.name).toBe('Quatre');
  });

  it("tries the school's commune rules before global ones, and ignores other communes' rules", () => {
    const fromOne = { trigger: 'escalate', fromLevel: 1 } as const;
    const global = makeRule({ ...fromOne, id: 1, name: 'Globale', position: 1, action: toDesk });
    const own = makeRule({ ...fromOne, id: 2, name: 'Commune 10', position: 900, action: toCommune, scope: { communeId: PLACE.communeId } });
    const other = makeRule({ ...fromOne, id: 3, name: 'Commune 11', position: 0, action: toCommune, scope: { communeId: 11 } });
    expect(orderedRules([global, own, other], PLACE.communeId).map((rule) => rule.id)).toEqual([2, 1]);
    expect(decide([global, own, other], escalation(1, 'ent')).rule.name).toBe('Commune 10');
    // A commune rule that does not match hands over to the global rules.
    const narrow = makeRule({ ...own, conditions: { categories: ['network'] } });
    expect(decide([global, narrow, other], escalation(1, 'ent')).rule.name).toBe('Globale');
  });

  it('skips disabled rules', () => {
    const off = makeRule({ id: 1, name: 'Désactivée', position: 1, enabled: false, action: toCommune });
    const on = makeRule({ id: 2, name: 'Active', position: 2 });
    expect(decide([off, on], report('hardware')).rule.name).toBe('Active');
    expect(decide([off], report('hardware')).rule.name).toBe(FALLBACK_REPORT_RULE_NAME);
  });

  it('matches the trigger and the level an escalation starts from', () => {
    const toExperts = { kind: 'route', level: 3, group: 'rectorate_experts' } as const;
    const fromTwo = makeRule({ name: 'Depuis le niveau 2', trigger: 'escalate', fromLevel: 2, action: toExperts });
    expect(decide([fromTwo], escalation(1, 'filtering')).rule.name).toBe(FALLBACK_ESCALATION_RULE_NAME);
    expect(decide([fromTwo], report('filtering')).rule.name).toBe(FALLBACK_REPORT_RULE_NAME);
    expect(decide([fromTwo], escalation(2, 'filtering')).group).toBe('rectorate_experts');
  });

  it('never lets an escalation rule without a starting level send a ticket sideways or down', () => {
    const anyLevel = makeRule({ name: 'Tout niveau', trigger: 'escalate', action: toDesk });
    expect(decide([anyLevel], escalation(1, 'ent')).group).toBe('rectorate_desk');
    expect(decide([anyLevel], escalation(2, 'ent')).refused).toBeDefined();
  });

  it('matches kind, funding, warranty, school and commune conditions', () => {
    const rule = makeRule({
      name: 'Tout à la fois',
      conditions: { kinds: ['tablet'], fundings: ['state_subsidy'], underWarranty: false, schoolIds: [100], communeIds: [10] },
    });
    const tablet = item({ kind: 'tablet', funding: 'state_subsidy' });
    expect(decide([rule], report('hardware', tablet)).rule.name).toBe('Tout à la fois');
    const nearMisses = [
      item({ funding: 'state_subsidy' }),
      item({ kind: 'tablet' }),
      item({ kind: 'tablet', funding: 'state_subsidy', warrantyEndsOn: TODAY }),
      null,
    ];
    for (const equipment of nearMisses) {
      expect(decide([rule], report('hardware', equipment)).rule.name).toBe(FALLBACK_REPORT_RULE_NAME);
    }
    expect(decide([rule], { ...report('hardware', tablet), schoolId: 101 }).rule.name).toBe(FALLBACK_REPORT_RULE_NAME);
    expect(decide([rule], { ...report('hardware', tablet), communeId: 11 }).rule.name).toBe(FALLBACK_REPORT_RULE_NAME);
  });

  it('skips a rule routing to the supplier when the item names none', () => {
    const toSupplier = makeRule({ name: 'Fournisseur', trigger: 'escalate', fromLevel: 2, action: { kind: 'route', level: 3, group: 'supplier' } });
    expect(decide([toSupplier], escalation(2, 'hardware', item({ supplier: null }))).group).toBeNull();
    expect(decide([toSupplier], escalation(2, 'hardware')).group).toBeNull();
    expect(decide([toSupplier], escalation(2, 'hardware', item())).group).toBe('supplier');
  });

  it('uses the message of a rule as the reason and keeps the ticket in place on a refusal', () => {
    const refuse = makeRule({ id: 7, name: 'Refus', trigger: 'escalate', fromLevel: 2, action: { kind: 'refuse', message: 'Pas par ici.' } });
    expect(decide([refuse], escalation(2, 'network'))).toEqual({
      rule: { id: 7, name: 'Refus' },
      level: 2,
      group: null,
      outOfScope: false,
      notifyDirector: false,
      reason: 'Pas par ici.',
      reasonText: null,
      refused: { message: 'Pas par ici.' },
    });
  });

  describe('with no rule that applies', () => {
    it('sends a report to level 1 of the circonscription', () => {
      const decision = decide([], report('other'));
      expect(decision).toEqual({
        rule: { id: null, name: FALLBACK_REPORT_RULE_NAME },
        level: 1,
        group: 'circonscription_level1',
        outOfScope: false,
        notifyDirector: false,
        reason: 'Confié au niveau 1 : le niveau 1 de la circonscription (ERUN et correspondants numériques).',
        reasonText: { key: 'routed', params: { level: 1, group: 'circonscription_level1', supplier: null, notifyDirector: false } },
      });
      expect(RoutingDecision.parse(decision)).toEqual(decision);
      expect(renderRoutingReason(decision.reasonText!, 'en')).toBe("Handed to level 1: the district's level 1 support (ERUN and digital-learning contacts).");
    });

    it('refuses an escalation, saying what to do, and leaves the level as it was', () => {
      const decision = decide([], escalation(2, 'internet'));
      expect(decision).toMatchObject({ rule: { id: null, name: FALLBACK_ESCALATION_RULE_NAME }, level: 2, group: null });
      expect(decision.refused?.message).toBe(
        "Aucune règle ne prévoit d'escalade depuis le niveau 2 pour un incident « Accès à internet ». Précisez la catégorie du ticket ou réaffectez-le à la main.",
      );
      expect(decision.reasonText).toEqual({ key: 'noEscalationRule', params: { level: 2, category: 'internet' } });
      expect(renderRoutingReason(decision.reasonText!, 'en')).toBe(
        "No rule provides an escalation from level 2 for the category “Internet access”. Correct the ticket's category or hand it over manually.",
      );
      const last = decide([], escalation(3, 'ent'));
      expect(last.refused?.message).toMatch(/déjà au niveau 3/);
      expect(last.reasonText).toEqual({ key: 'lastLevel', params: {} });
    });
  });
});

describe('isUnderWarranty', () => {
  it('agrees with the derived maintainer, the last day included', () => {
    const commune = { id: 10, name: 'Saint-Denis' };
    const cases = [
      item({ warrantyEndsOn: TODAY }),
      item({ warrantyEndsOn: '2026-03-01' }),
      item({ warrantyEndsOn: null }),
      item({ supplier: null, warrantyEndsOn: TODAY }),
    ];
    expect(cases.map((equipment) => isUnderWarranty(equipment, TODAY))).toEqual([true, false, false, false]);
    for (const equipment of cases) {
      expect(deriveMaintainer({ ...equipment, commune }, TODAY).party === 'supplier').toBe(isUnderWarranty(equipment, TODAY));
    }
  });
});

describe('resolveGroup', () => {
  const decided = (group: RoutingDecision['group'], context: RoutingContext = report('ent')) =>
    resolveGroup({ rule: { id: null, name: 'Test' }, level: 1, group, outOfScope: false, notifyDirector: false, reason: '', reasonText: null }, context);

  it("names the school's circonscription, commune or académie", () => {
    expect(decided('circonscription_level1')).toEqual({ kind: 'circonscription_level1', circonscriptionId: 20 });
    expect(decided('commune_technicians')).toEqual({ kind: 'commune_technicians', communeId: 10 });
    expect(decided('copier_contractor')).toEqual({ kind: 'copier_contractor', communeId: 10 });
    expect(decided('rectorate_desk')).toEqual({ kind: 'rectorate_desk', academyId: 1 });
    expect(decided('rectorate_experts')).toEqual({ kind: 'rectorate_experts', academyId: 1 });
    expect(decided('software_editor')).toEqual({ kind: 'software_editor', academyId: 1, communeId: 10, category: 'ent' });
  });

  it("names the item's supplier", () => {
    expect(decided('supplier', escalation(2, 'hardware', item()))).toEqual({ kind: 'supplier', supplier: 'Dell France', communeId: 10 });
    expect(() => decided('supplier', escalation(2, 'hardware', null))).toThrow(/names no item with a supplier/);
  });

  it('names nobody for a refusal', () => {
    expect(decided(null)).toBeNull();
  });
});
