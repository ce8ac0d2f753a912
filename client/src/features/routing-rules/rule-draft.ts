import {
  GROUP_LEVEL,
  type EquipmentKind,
  type FundingSource,
  type GroupKind,
  type RoutingRuleInput,
  type RoutingRuleRecord,
  type RoutingRuleUpdate,
  type RoutingTrigger,
  type TicketCategory,
} from '@preau/shared';
import { wholeNumberOrText } from '../../ui/typed-number';

export type WarrantyChoice = 'any' | 'yes' | 'no';

/** A routing rule as its form edits it: lists for the conditions (empty: any value), text for the number. */
export interface RuleDraft {
  name: string;
  position: string;
  trigger: RoutingTrigger;
  /** '' for any level. */
  fromLevel: '' | '1' | '2';
  categories: TicketCategory[];
  kinds: EquipmentKind[];
  fundings: FundingSource[];
  warranty: WarrantyChoice;
  schoolIds: number[];
  /** Not edited by the form (a commune's rule applies to its commune anyway); kept as they were. */
  communeIds: number[];
  actionKind: 'route' | 'refuse';
  group: GroupKind;
  notifyDirector: boolean;
  outOfScope: boolean;
  /** A route's optional message, a refusal's reason. */
  message: string;
  enabled: boolean;
  communeId: number | null;
}

export function newDraft(communeId: number | null, position: number): RuleDraft {
  return {
    name: '',
    position: String(position),
    trigger: 'report',
    fromLevel: '',
    categories: [],
    kinds: [],
    fundings: [],
    warranty: 'any',
    schoolIds: [],
    communeIds: [],
    actionKind: 'route',
    group: 'circonscription_level1',
    notifyDirector: false,
    outOfScope: false,
    message: '',
    enabled: true,
    communeId,
  };
}

export function draftOf(rule: RoutingRuleRecord): RuleDraft {
  const { conditions, action } = rule;
  return {
    name: rule.name,
    position: String(rule.position),
    trigger: rule.trigger,
    fromLevel: rule.fromLevel === undefined ? '' : rule.fromLevel === 1 ? '1' : '2',
    categories: [...(conditions.categories ?? [])],
    kinds: [...(conditions.kinds ?? [])],
    fundings: [...(conditions.fundings ?? [])],
    warranty: conditions.underWarranty === undefined ? 'any' : conditions.underWarranty ? 'yes' : 'no',
    schoolIds: [...(conditions.schoolIds ?? [])],
    communeIds: [...(conditions.communeIds ?? [])],
    actionKind: action.kind,
    group: action.kind === 'route' ? action.group : 'circonscription_level1',
    notifyDirector: action.kind === 'route' && action.notifyDirector,
    outOfScope: action.outOfScope,
    message: action.message ?? '',
    enabled: rule.enabled,
    communeId: rule.scope.communeId,
  };
}

/** A copy the form can change without touching the original's lists. */
export function copyDraft(draft: RuleDraft): RuleDraft {
  return {
    ...draft,
    categories: [...draft.categories],
    kinds: [...draft.kinds],
    fundings: [...draft.fundings],
    schoolIds: [...draft.schoolIds],
    communeIds: [...draft.communeIds],
  };
}

const given = <T>(values: readonly T[]): T[] | undefined => (values.length > 0 ? [...values] : undefined);

/** The rule the draft makes, to check with `RoutingRule` and send; a new report is always routed. */
export function ruleOfDraft(draft: RuleDraft): RoutingRuleInput {
  const escalation = draft.trigger === 'escalate';
  const message = draft.message.trim();
  return {
    name: draft.name,
    position: wholeNumberOrText(draft.position) as number,
    trigger: draft.trigger,
    ...(escalation && draft.fromLevel ? { fromLevel: draft.fromLevel === '1' ? 1 : 2 } : {}),
    conditions: {
      categories: given(draft.categories),
      kinds: given(draft.kinds),
      fundings: given(draft.fundings),
      ...(draft.warranty === 'any' ? {} : { underWarranty: draft.warranty === 'yes' }),
      schoolIds: given(draft.schoolIds),
      communeIds: given(draft.communeIds),
    },
    action:
      escalation && draft.actionKind === 'refuse'
        ? { kind: 'refuse', message, outOfScope: draft.outOfScope }
        : {
            kind: 'route',
            level: GROUP_LEVEL[draft.group],
            group: draft.group,
            notifyDirector: draft.notifyDirector,
            outOfScope: draft.outOfScope,
            ...(message ? { message } : {}),
          },
    enabled: draft.enabled,
    scope: { communeId: draft.communeId },
  };
}

/** The change of a stored rule into the draft's: every field, `fromLevel: null` to remove it; the scope stays. */
export function updateOfDraft(draft: RuleDraft, version: number): RoutingRuleUpdate {
  const { scope: _scope, fromLevel, ...rule } = ruleOfDraft(draft);
  return { ...rule, version, fromLevel: fromLevel ?? null };
}

interface Ordered {
  id: number;
  version: number;
  position: number;
}

export interface PositionChange {
  id: number;
  version: number;
  position: number;
}

/**
 * The position changes that move a rule one place up (-1) or down (+1) among its siblings, the
 * rules of its scope and trigger in the order they are tried. Two positions swap; where some are
 * equal (ordered by id then), the siblings are numbered again by tens so the new order holds.
 */
export function moveChanges(siblings: readonly Ordered[], id: number, direction: -1 | 1): PositionChange[] {
  const index = siblings.findIndex((rule) => rule.id === id);
  const other = siblings[index + direction];
  const rule = siblings[index];
  if (!rule || !other) return [];
  const positions = new Set(siblings.map((sibling) => sibling.position));
  if (positions.size === siblings.length) {
    return [
      { id: rule.id, version: rule.version, position: other.position },
      { id: other.id, version: other.version, position: rule.position },
    ];
  }
  const reordered = [...siblings];
  reordered[index] = other;
  reordered[index + direction] = rule;
  return reordered
    .map((sibling, place) => ({ id: sibling.id, version: sibling.version, position: (place + 1) * 10 }))
    .filter((change, place) => reordered[place]!.position !== change.position);
}

/** A position after every sibling's, for a new rule. */
export function nextPosition(siblings: readonly { position: number }[]): number {
  return siblings.reduce((last, rule) => Math.max(last, rule.position), 0) + 10;
}
