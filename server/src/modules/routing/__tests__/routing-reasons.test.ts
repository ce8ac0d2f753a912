import { GroupKind, TicketCategory, parseRoutingReason, renderRoutingReason, type RoutingReason, type SupportLevel } from '@preau/shared';
import { DEFAULT_ROUTING_RULES } from '../default-rules';
import { decide, type RoutingContext } from '../rules-engine';
import { TODAY, escalation, item, report } from './routing-fixtures';

const LEVELS: SupportLevel[] = [1, 2, 3];

describe('routing reasons in French and English', () => {
  it('says every composed reason in both languages', () => {
    const cases: [RoutingReason, string, string][] = [
      [
        { key: 'routed', params: { level: 2, group: 'commune_technicians', supplier: null, notifyDirector: true } },
        "Confié au niveau 2 : les techniciens de la commune. La direction de l'école est prévenue.",
        "Handed to level 2: the town's technicians. The head teacher has been informed.",
      ],
      [
        { key: 'routed', params: { level: 3, group: 'supplier', supplier: 'Dell France', notifyDirector: false } },
        'Confié au niveau 3 : le fournisseur Dell France, au titre de la garantie.',
        'Handed to level 3: the supplier Dell France, under warranty.',
      ],
      [
        { key: 'routed', params: { level: 3, group: 'supplier', supplier: null, notifyDirector: false } },
        'Confié au niveau 3 : le fournisseur, au titre de la garantie.',
        'Handed to level 3: the supplier, under warranty.',
      ],
      [
        { key: 'handedOver', params: { level: 2, groupLabel: 'Assistance du rectorat — Lyon' } },
        'Confié à la main au niveau 2 : Assistance du rectorat — Lyon.',
        'Handed over manually to level 2: Assistance du rectorat — Lyon.',
      ],
      [
        { key: 'lastLevel', params: {} },
        'Ce ticket est déjà au niveau 3, le dernier : il ne peut pas monter plus haut.',
        'This ticket is already at level 3, the last one: it cannot go any higher.',
      ],
      [
        { key: 'noEscalationRule', params: { level: 1, category: 'other' } },
        "Aucune règle ne prévoit d'escalade depuis le niveau 1 pour un incident « Autre ». Précisez la catégorie du ticket ou réaffectez-le à la main.",
        "No rule provides an escalation from level 1 for the category “Other”. Correct the ticket's category or hand it over manually.",
      ],
    ];
    for (const [reason, fr, en] of cases) {
      expect(renderRoutingReason(reason, 'fr')).toBe(fr);
      expect(renderRoutingReason(reason, 'en')).toBe(en);
      expect(parseRoutingReason(fr)).toEqual(reason);
    }
  });

  it('has English words for every group and category', () => {
    for (const group of GroupKind.options) {
      const en = renderRoutingReason({ key: 'routed', params: { level: 1, group, supplier: null, notifyDirector: false } }, 'en')!;
      expect(en).toMatch(/^Handed to level 1: the [a-z]/);
      expect(en).not.toMatch(/undefined|[éèà]/);
    }
    for (const category of TicketCategory.options) {
      expect(renderRoutingReason({ key: 'noEscalationRule', params: { level: 2, category } }, 'en')).not.toMatch(/undefined|[éèà]/);
    }
  });

  it('reads back every reason it composes, and nothing else', () => {
    for (const level of LEVELS) {
      for (const group of GroupKind.options) {
        for (const notifyDirector of [false, true]) {
          const reason: RoutingReason = { key: 'routed', params: { level, group, supplier: group === 'supplier' ? 'Lenovo, Inc.' : null, notifyDirector } };
          expect(parseRoutingReason(renderRoutingReason(reason, 'fr'))).toEqual(reason);
        }
      }
      for (const category of TicketCategory.options) {
        const reason: RoutingReason = { key: 'noEscalationRule', params: { level, category } };
        expect(parseRoutingReason(renderRoutingReason(reason, 'fr'))).toEqual(reason);
      }
    }
    // An administrator's message is data: shown as written, in any language.
    for (const rule of DEFAULT_ROUTING_RULES) {
      if (rule.action.message) expect(parseRoutingReason(rule.action.message)).toBeNull();
    }
    expect(parseRoutingReason('Confié au niveau 2 : les plombiers.')).toBeNull();
    expect(parseRoutingReason('Confié au niveau 4 : les techniciens de la commune.')).toBeNull();
    expect(parseRoutingReason('')).toBeNull();
    expect(parseRoutingReason(null)).toBeNull();
  });

  it('renders nothing for a key or parameters it does not know, so the stored text is shown', () => {
    expect(renderRoutingReason({ key: 'fromTheFuture', params: {} }, 'en')).toBeNull();
    expect(renderRoutingReason({ key: 'routed', params: { level: 7, group: 'commune_technicians', supplier: null, notifyDirector: false } }, 'en')).toBeNull();
    expect(renderRoutingReason({ key: 'noEscalationRule', params: { level: 1, category: 'plumbing' } }, 'fr')).toBeNull();
  });
});

describe('the default rules’ reasons', () => {
  const contexts: RoutingContext[] = [
    ...TicketCategory.options.map((category) => report(category)),
    report('hardware', item({ funding: 'donation' })),
    ...TicketCategory.options.flatMap((category) => LEVELS.map((level) => escalation(level, category))),
    escalation(1, 'hardware', item({ funding: 'school_funds' })),
    escalation(2, 'hardware', item({ supplier: 'Dell France', warrantyEndsOn: TODAY })),
    escalation(2, 'printing', item({ kind: 'copier', supplier: null })),
  ];

  it('keep the composed form of what the engine composes, and leave the rules’ own messages as written', () => {
    let composed = 0;
    for (const context of contexts) {
      const decision = decide(DEFAULT_ROUTING_RULES, context);
      if (decision.reasonText) {
        composed++;
        expect(renderRoutingReason(decision.reasonText, 'fr')).toBe(decision.reason);
        expect(parseRoutingReason(decision.reason)).toEqual(decision.reasonText);
        expect(renderRoutingReason(decision.reasonText, 'en')).toMatch(/^(Handed to level|No rule|This ticket)/);
      } else {
        expect(parseRoutingReason(decision.reason)).toBeNull();
      }
    }
    expect(composed).toBeGreaterThan(contexts.length / 2);
  });

  it('say in English where the security report and the warranty repair went', () => {
    const security = decide(DEFAULT_ROUTING_RULES, report('security'));
    expect(security.reasonText).toEqual({ key: 'routed', params: { level: 2, group: 'commune_technicians', supplier: null, notifyDirector: true } });
    expect(renderRoutingReason(security.reasonText!, 'en')).toBe("Handed to level 2: the town's technicians. The head teacher has been informed.");
    const warranty = decide(DEFAULT_ROUTING_RULES, escalation(2, 'hardware', item({ supplier: 'Dell France', warrantyEndsOn: TODAY })));
    expect(renderRoutingReason(warranty.reasonText!, 'en')).toBe('Handed to level 3: the supplier Dell France, under warranty.');
    const donated = decide(DEFAULT_ROUTING_RULES, report('hardware', item({ funding: 'donation' })));
    expect(donated.reasonText).toBeNull();
    expect(donated.reason).toMatch(/fonds propres/);
  });
});
