import { DEFAULT_RULE_MESSAGES, DEFAULT_RULE_NAMES, RoutingDecision, RoutingRule, TicketCategory, defaultRuleText } from '@preau/shared';
import { DEFAULT_ROUTING_RULES } from '../default-rules';
import { FALLBACK_ESCALATION_RULE_NAME, decide, type RoutingContext } from '../rules-engine';
import { TODAY, escalation, item, report } from './routing-fixtures';

const route = (context: RoutingContext) => {
  const decision = decide(DEFAULT_ROUTING_RULES, context);
  // Every decision must be a valid response body.
  expect(RoutingDecision.safeParse(decision).success).toBe(true);
  return decision;
};

const tested: string[] = [];
/** One test per default rule, titled with the rule's name; the last test checks none is missing. */
const protocolRule = (name: string, body: () => void) => {
  tested.push(name);
  it(name, body);
};

const UNDER_WARRANTY = { supplier: 'Dell France', warrantyEndsOn: TODAY };
const CITY: TicketCategory[] = ['hardware', 'network', 'internet', 'printing'];
const ACADEMIC: TicketCategory[] = ['ent', 'email', 'filtering', 'account', 'software'];

describe('default routing rules (the support protocol)', () => {
  describe('a new report', () => {
    protocolRule('Sécurité : directement aux techniciens de la commune, direction prévenue', () => {
      const decision = route(report('security'));
      expect(decision).toMatchObject({ level: 2, group: 'commune_technicians', notifyDirector: true, outOfScope: false });
      expect(decision.rule).toEqual({ id: null, name: 'Sécurité : directement aux techniciens de la commune, direction prévenue' });
      expect(decision.reason).toBe("Confié au niveau 2 : les techniciens de la commune. La direction de l'école est prévenue.");
      // The city's network is at stake whoever paid for the device.
      expect(route(report('security', item({ funding: 'donation' }))).group).toBe('commune_technicians');
    });

    protocolRule('Matériel non fourni par la ville : enregistré et traité au niveau 1', () => {
      for (const funding of ['school_funds', 'donation'] as const) {
        for (const category of CITY) {
          const decision = route(report(category, item({ funding })));
          expect(decision).toMatchObject({ level: 1, group: 'circonscription_level1', outOfScope: true, notifyDirector: false });
          expect(decision.rule.name).toBe('Matériel non fourni par la ville : enregistré et traité au niveau 1');
          expect(decision.reason).toMatch(/fonds propres de l'école ou reçu en don/);
          expect(decision.reason).toMatch(/signalement est bien enregistré/);
        }
      }
      // The rectorate's services do not depend on who paid for the tablet.
      expect(route(report('ent', item({ kind: 'tablet', funding: 'donation' }))).outOfScope).toBe(false);
      expect(route(report('hardware', item({ funding: 'state_subsidy' }))).outOfScope).toBe(false);
    });

    protocolRule('Nouveau signalement : niveau 1 de la circonscription', () => {
      const others = TicketCategory.options.filter((category) => category !== 'security');
      for (const category of others) {
        const decision = route(report(category));
        expect(decision).toMatchObject({ level: 1, group: 'circonscription_level1', outOfScope: false, notifyDirector: false });
        expect(decision.rule.name).toBe('Nouveau signalement : niveau 1 de la circonscription');
      }
      // Even under warranty, a report starts with the circonscription's diagnosis.
      expect(route(report('hardware', item(UNDER_WARRANTY))).level).toBe(1);
    });
  });

  describe('level 1 escalates', () => {
    protocolRule('Sécurité diagnostiquée au niveau 1 : techniciens de la commune, direction prévenue', () => {
      const decision = route(escalation(1, 'security'));
      expect(decision).toMatchObject({ level: 2, group: 'commune_technicians', notifyDirector: true });
      expect(decision.rule.name).toBe('Sécurité diagnostiquée au niveau 1 : techniciens de la commune, direction prévenue');
      expect(route(escalation(2, 'security')).group).not.toBe('commune_technicians');
    });

    protocolRule("Matériel non fourni par la ville : pas d'escalade vers la commune", () => {
      for (const funding of ['school_funds', 'donation'] as const) {
        for (const category of CITY) {
          const decision = route(escalation(1, category, item({ funding })));
          expect(decision).toMatchObject({ level: 1, group: null, outOfScope: true });
          expect(decision.rule.name).toBe("Matériel non fourni par la ville : pas d'escalade vers la commune");
          expect(decision.refused?.message).toMatch(/^Escalade vers les techniciens de la commune refusée/);
          expect(decision.reason).toBe(decision.refused?.message);
        }
      }
      // Refusing the commune does not block the rectorate.
      expect(route(escalation(1, 'ent', item({ kind: 'tablet', funding: 'donation' }))).group).toBe('rectorate_desk');
    });

    protocolRule('Matériel, réseau, internet, impression : techniciens de la commune', () => {
      for (const category of CITY) {
        for (const equipment of [null, item(), item({ funding: 'state_subsidy' })]) {
          const decision = route(escalation(1, category, equipment));
          expect(decision).toMatchObject({ level: 2, group: 'commune_technicians', notifyDirector: false });
          expect(decision.refused).toBeUndefined();
        }
      }
      // The city's technicians diagnose first, even under warranty.
      expect(route(escalation(1, 'hardware', item(UNDER_WARRANTY))).group).toBe('commune_technicians');
    });

    protocolRule('ENT, messagerie, filtrage, comptes, logiciels pédagogiques : assistance du rectorat', () => {
      for (const category of ACADEMIC) {
        expect(route(escalation(1, category))).toMatchObject({ level: 2, group: 'rectorate_desk' });
      }
    });
  });

  describe('level 2 escalates', () => {
    protocolRule('Panne matérielle sous garantie : fournisseur', () => {
      const decision = route(escalation(2, 'hardware', item(UNDER_WARRANTY)));
      expect(decision).toMatchObject({ level: 3, group: 'supplier' });
      expect(decision.reason).toBe('Confié au niveau 3 : le fournisseur Dell France, au titre de la garantie.');
      expect(route(escalation(2, 'printing', item({ kind: 'printer', ...UNDER_WARRANTY }))).group).toBe('supplier');
      // The day after the warranty ends, the supplier is out.
      const expired = route(escalation(2, 'hardware', item({ warrantyEndsOn: '2026-03-01' })));
      expect(expired.group).toBeNull();
      expect(expired.rule.name).toBe(FALLBACK_ESCALATION_RULE_NAME);
      // Nobody to write to without a supplier's name.
      expect(route(escalation(2, 'hardware', item({ ...UNDER_WARRANTY, supplier: null }))).group).toBeNull();
    });

    protocolRule('Panne de copieur : prestataire de maintenance des copieurs', () => {
      const copier = item({ kind: 'copier', supplier: 'Ricoh' });
      for (const category of ['printing', 'hardware'] as const) {
        expect(route(escalation(2, category, copier))).toMatchObject({ level: 3, group: 'copier_contractor' });
      }
      // Under warranty the supplier comes first, as for the derived maintainer.
      expect(route(escalation(2, 'printing', item({ kind: 'copier', ...UNDER_WARRANTY }))).group).toBe('supplier');
      expect(route(escalation(2, 'network', copier)).group).toBeNull();
    });

    protocolRule('ENT et logiciels pédagogiques : éditeur', () => {
      for (const category of ['ent', 'software'] as const) {
        expect(route(escalation(2, category))).toMatchObject({ level: 3, group: 'software_editor' });
      }
    });

    protocolRule('Filtrage et cas experts : experts du rectorat', () => {
      for (const category of ['filtering', 'email', 'account', 'security'] as const) {
        expect(route(escalation(2, category))).toMatchObject({ level: 3, group: 'rectorate_experts' });
      }
    });
  });

  it('has one test per default rule', () => {
    expect(tested.sort()).toEqual(DEFAULT_ROUTING_RULES.map((rule) => rule.name).sort());
  });

  it('are valid, enabled, global rules in distinct positions', () => {
    for (const rule of DEFAULT_ROUTING_RULES) {
      expect(RoutingRule.safeParse(rule).success).toBe(true);
      expect(rule).toMatchObject({ enabled: true, scope: { communeId: null } });
    }
    const positions = DEFAULT_ROUTING_RULES.map((rule) => rule.position);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('leave the other escalations to a person, saying what to do', () => {
    expect(route(escalation(1, 'other')).refused?.message).toMatch(/« Autre ».*Précisez la catégorie/);
    expect(route(escalation(2, 'network')).refused?.message).toMatch(/depuis le niveau 2 pour un incident « Réseau »/);
    expect(route(escalation(3, 'ent')).refused?.message).toMatch(/déjà au niveau 3/);
  });

  it('read in English, each name and message, in the order of the rules; what someone wrote stays as written', () => {
    expect(DEFAULT_ROUTING_RULES.map((rule) => rule.name)).toEqual(Object.values(DEFAULT_RULE_NAMES).map((name) => name.fr));
    const messages = DEFAULT_ROUTING_RULES.flatMap((rule) => (rule.action.message ? [rule.action.message] : []));
    expect(messages).toEqual(Object.values(DEFAULT_RULE_MESSAGES).map((message) => message.fr));
    for (const text of [...DEFAULT_ROUTING_RULES.map((rule) => rule.name), ...messages]) {
      expect(defaultRuleText(text, 'fr')).toBe(text);
      expect(defaultRuleText(text, 'en')).not.toBe(text);
    }
    expect(defaultRuleText(DEFAULT_RULE_NAMES.copier.fr, 'en')).toBe('Copier fault: copier maintenance contractor');
    // A default name changed by an administrator, by one character, is theirs.
    expect(defaultRuleText(`${DEFAULT_RULE_NAMES.copier.fr}.`, 'en')).toBe(`${DEFAULT_RULE_NAMES.copier.fr}.`);
  });
});
