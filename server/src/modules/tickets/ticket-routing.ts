import type { EntityManager } from 'typeorm';
import { PreparedSelect } from '../../db/prepared-select';
import type { RoutingDecision, RoutingRule, SupportLevel, TicketCategory } from '@preau/shared';
import { boundedMemo } from '../../lib/bounded-memo';
import { decide, resolveGroup, type RoutingContext, type RoutingEquipment, type RoutingTarget } from '../routing/rules-engine';
import { RoutingRuleEntity, ruleOf } from '../routing/routing-rule.entity';
import { equipmentById } from '../equipment/equipment-reads';
import { placeOfSchool } from '../auth/places';
import type { Place } from '../auth/principal';

/** Where a routed ticket lands, as stored on it. */
export interface RoutedGroup {
  decision: RoutingDecision;
  groupKind: NonNullable<RoutingDecision['group']>;
  groupOrganisationId: number | null;
  groupExternalName: string | null;
  groupLabel: string;
}

const enabledRulesFor = new PreparedSelect((manager) =>
  manager.getRepository(RoutingRuleEntity).createQueryBuilder('r').where('r.enabled = :enabled AND (r.communeId IS NULL OR r.communeId = :communeId)'),
);

/**
 * The enabled rules that may route a ticket of `communeId`: the global ones and the commune's.
 * Read at each decision, not cached: several server processes edit them, and the query is one
 * indexed read of a few rows. Checking a row against the schema is what costs, so each distinct
 * row is checked once. A row the schema no longer accepts is left out rather than blocking
 * reports (a report always lands somewhere: the engine's fallback).
 */
export async function rulesInForce(manager: EntityManager, communeId: number): Promise<RoutingRule[]> {
  const rows = await enabledRulesFor.many(manager, { enabled: true, communeId });
  return rows.map(checkedRule).filter((rule) => rule !== null);
}

/** Rules checked so far, keyed by the row's content: an edit anywhere is a new key. */
const checkedRule = boundedMemo(
  2000,
  (row: RoutingRuleEntity) => JSON.stringify([row.id, row.name, row.position, row.trigger, row.fromLevel, row.conditions, row.action, row.enabled, row.communeId]),
  ruleOf,
);

export async function routingContext(
  manager: EntityManager,
  ticket: { schoolId: number; equipmentId: number | null; category: TicketCategory },
  trigger: { trigger: 'report' } | { trigger: 'escalate'; currentLevel: SupportLevel },
  /** What the caller has read already: the school's place, the item. */
  known: { place?: Place; equipment?: RoutingEquipment } = {},
): Promise<RoutingContext> {
  const place = known.place ?? (await placeOfSchool(manager, ticket.schoolId));
  if (!place || place.circonscriptionId === null || place.circonscriptionAcademyId === null) {
    throw new Error(`School ${ticket.schoolId} has no circonscription`);
  }
  const equipment: RoutingEquipment | null = ticket.equipmentId
    ? (known.equipment ?? (await equipmentById.one(manager, { id: ticket.equipmentId })))
    : null;
  return {
    ...trigger,
    category: ticket.category,
    equipment,
    schoolId: ticket.schoolId,
    communeId: place.communeId,
    circonscriptionId: place.circonscriptionId,
    academyId: place.circonscriptionAcademyId,
    today: new Date().toISOString().slice(0, 10),
  };
}

/** Runs the rules; a refusal comes back as `decision.refused` with no group. */
export async function route(manager: EntityManager, context: RoutingContext): Promise<RoutedGroup | { decision: RoutingDecision; refused: string }> {
  const decision = decide(await rulesInForce(manager, context.communeId), context);
  if (decision.refused || decision.group === null) return { decision, refused: decision.refused?.message ?? decision.reason };
  const target = resolveGroup(decision, context);
  if (!target) return { decision, refused: decision.reason };
  return { decision, groupKind: decision.group, ...(await placeTarget(manager, target)) };
}

async function nameOf(manager: EntityManager, table: 'circonscription' | 'commune' | 'academy', id: number): Promise<string> {
  const rows: { name: string }[] = await manager.query(`SELECT name FROM ${table} WHERE id = ?`, [id]);
  return rows[0]?.name ?? `${table} ${id}`;
}

/** The stored fields of a concrete group: its organisation and the label people read. */
export async function placeTarget(manager: EntityManager, target: RoutingTarget) {
  switch (target.kind) {
    case 'circonscription_level1':
      return { groupOrganisationId: target.circonscriptionId, groupExternalName: null, groupLabel: `Niveau 1 — ${await nameOf(manager, 'circonscription', target.circonscriptionId)}` };
    case 'commune_technicians':
      return { groupOrganisationId: target.communeId, groupExternalName: null, groupLabel: `Techniciens — ${await nameOf(manager, 'commune', target.communeId)}` };
    case 'copier_contractor':
      return { groupOrganisationId: target.communeId, groupExternalName: null, groupLabel: `Maintenance des copieurs — ${await nameOf(manager, 'commune', target.communeId)}` };
    case 'rectorate_desk':
      return { groupOrganisationId: target.academyId, groupExternalName: null, groupLabel: `Assistance du rectorat — ${await nameOf(manager, 'academy', target.academyId)}` };
    case 'rectorate_experts':
      return { groupOrganisationId: target.academyId, groupExternalName: null, groupLabel: `Experts du rectorat — ${await nameOf(manager, 'academy', target.academyId)}` };
    case 'software_editor':
      return { groupOrganisationId: target.academyId, groupExternalName: null, groupLabel: `Éditeur — ${await nameOf(manager, 'academy', target.academyId)}` };
    case 'supplier':
      return { groupOrganisationId: target.communeId, groupExternalName: target.supplier, groupLabel: `Fournisseur — ${target.supplier}` };
  }
}
